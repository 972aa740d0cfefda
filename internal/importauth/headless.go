package importauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

// HeadlessHint shows the one shape `ampgo import auth --headless` reads.
const HeadlessHint = `pipe exactly one JSON object, e.g. echo '{"version":1,"userPoolId":"us-east-1_AbC123xYz","webClientId":"4abc","nativeClientId":"7def","identityPoolId":"us-east-1:…"}' | ampgo import auth --headless`

// maxHeadless bounds what is read from stdin: the request is a few hundred
// bytes, and a runaway pipe must not fill memory.
const maxHeadless = 64 << 10

// headlessKeys are the keys of the Amplify headless ImportAuthRequest v1,
// each with its id check (nil for version).
var headlessKeys = map[string]func(string) error{
	"version":        nil,
	"userPoolId":     ids.UserPoolID,
	"webClientId":    ids.ClientID,
	"nativeClientId": ids.ClientID,
	"identityPoolId": ids.IdentityPoolID,
}

// ParseHeadless reads the Amplify headless import request
// ({"version":1,"userPoolId":…,"webClientId":…,"nativeClientId":…,"identityPoolId":…})
// from r. It is strict, every problem is exit 2 naming the key, and nothing
// is guessed: exactly one JSON object (only whitespace after it), version 1,
// no unknown or repeated key, strings for the ids (null counts as absent),
// userPoolId and webClientId present, and every id well formed. The
// returned selection has no identity pool for "User Pool only".
func ParseHeadless(r io.Reader) (cognito.Selection, error) {
	var sel cognito.Selection
	b, err := io.ReadAll(io.LimitReader(r, maxHeadless+1))
	switch {
	case err != nil:
		return sel, exit.UsageErrorf(HeadlessHint, "read headless import request from stdin: %v", err)
	case len(b) > maxHeadless:
		return sel, exit.UsageErrorf(HeadlessHint, "headless import request on stdin is larger than %d KiB", maxHeadless>>10)
	case len(bytes.TrimSpace(b)) == 0:
		return sel, exit.UsageErrorf(HeadlessHint, "headless import request: stdin is empty")
	}
	vals, err := headlessObject(b)
	if err != nil {
		return sel, exit.UsageErrorf(HeadlessHint, "headless import request: %v", err)
	}
	if err := headlessVersion(vals["version"]); err != nil {
		return sel, exit.UsageErrorf(HeadlessHint, "headless import request: %v", err)
	}
	var problems []string
	strs := map[string]string{}
	for _, k := range []string{"userPoolId", "webClientId", "nativeClientId", "identityPoolId"} {
		raw, ok := vals[k]
		if !ok || string(raw) == "null" {
			if k == "userPoolId" || k == "webClientId" {
				problems = append(problems, fmt.Sprintf("%s is missing", k))
			}
			continue
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			problems = append(problems, fmt.Sprintf("%s must be a string, got %s", k, raw))
			continue
		}
		if err := headlessKeys[k](v); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", k, err))
			continue
		}
		strs[k] = v
	}
	if len(problems) > 0 {
		return sel, exit.UsageErrorf(HeadlessHint, "headless import request: %s", strings.Join(problems, "; "))
	}
	return cognito.Selection{UserPoolID: strs["userPoolId"], WebClientID: strs["webClientId"],
		NativeClientID: strs["nativeClientId"], IdentityPoolID: strs["identityPoolId"]}, nil
}

// headlessObject splits one JSON object into its raw values by key,
// refusing anything but an object, unknown or repeated keys, and anything
// but whitespace after the object.
func headlessObject(b []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("want a JSON object, got %s", describeToken(tok))
	}
	vals := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("not JSON: %v", err)
		}
		k := tok.(string) // an object's keys are strings, or Token fails
		if _, known := headlessKeys[k]; !known {
			return nil, fmt.Errorf("unknown key %q (keys: version, userPoolId, webClientId, nativeClientId, identityPoolId)", k)
		}
		if _, dup := vals[k]; dup {
			return nil, fmt.Errorf("key %q appears more than once", k)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("%s: not JSON: %v", k, err)
		}
		vals[k] = raw
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, fmt.Errorf("not JSON: %v", err)
	}
	if rest := bytes.TrimSpace(b[dec.InputOffset():]); len(rest) > 0 {
		return nil, fmt.Errorf("unexpected input after the JSON object: %q (pass exactly one request)", clip(string(rest), 40))
	}
	return vals, nil
}

// headlessVersion accepts only the number 1.
func headlessVersion(raw json.RawMessage) error {
	if raw == nil {
		return errors.New("version must be 1, got none")
	}
	if string(bytes.TrimSpace(raw)) != "1" {
		return fmt.Errorf("version must be 1, got %s", raw)
	}
	return nil
}

func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case nil:
		return "null"
	case json.Delim:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	default:
		return fmt.Sprintf("%v", v)
	}
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
