// Package envs manages the environments of a project with imported auth:
// adding one that reuses or imports Cognito resources, checking one out
// (re-validating its recorded resources and regenerating the client
// config), listing and removing them. Every environment's resources pass
// the full import rule set before anything is written, and nothing in AWS
// is ever written.
package envs

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

// The four ids of an imported auth resource, as indexes into fields.
const (
	userPool = iota
	webClient
	nativeClient
	identityPool
	numFields
)

// field is one id with every name it goes by, and what it is for the person
// who has to find it (user-pain F21: nobody knew what the native client was).
type field struct {
	name     string // "user pool id"
	flag     string // "--user-pool-id"
	variable string // "AMPLIFY_USERPOOL_ID"
	key      string // "userPoolId": the --categories auth key and team-provider-info key
	what     string
}

var fields = [numFields]field{
	{"user pool id", "--user-pool-id", "AMPLIFY_USERPOOL_ID", "userPoolId",
		"the id of the Cognito user pool this environment signs users in to, like us-east-1_AbC123xYz " +
			"(Amazon Cognito console > User pools > User pool ID, or `aws cognito-idp list-user-pools --max-results 60`)"},
	{"web client id", "--web-client-id", "AMPLIFY_WEBCLIENT_ID", "webClientId",
		"the app client your web build uses: an app client WITHOUT a client secret in that user pool " +
			"(console > User pools > <pool> > App integration > App clients, or `aws cognito-idp list-user-pool-clients --user-pool-id <pool>`)"},
	{"native client id", "--native-client-id", "AMPLIFY_NATIVECLIENT_ID", "nativeClientId",
		"the app client your iOS, Android or Flutter build uses (it may have a secret); optional, defaults to the web client"},
	{"identity pool id", "--identity-pool-id", "AMPLIFY_IDENTITYPOOL_ID", "identityPoolId",
		"the identity pool that gives your users AWS credentials, like us-east-1:11111111-2222-3333-4444-555555555555; " +
			"it must list the user pool with both app clients (console > Identity pools, or `aws cognito-identity list-identity-pools --max-results 60`)"},
}

// slot returns the field i of s.
func slot(s *cognito.Selection, i int) *string {
	switch i {
	case userPool:
		return &s.UserPoolID
	case webClient:
		return &s.WebClientID
	case nativeClient:
		return &s.NativeClientID
	default:
		return &s.IdentityPoolID
	}
}

// Inputs are the headless inputs of env add and env checkout, by source, in
// order of precedence: the import flags, --categories (Amplify's
// {"auth":{…}} shape), then the AMPLIFY_* variables.
type Inputs struct {
	Flags      cognito.Selection
	Categories string // raw --categories JSON; "" when not given
	Variables  cognito.Selection
}

// VariablesFrom reads AMPLIFY_USERPOOL_ID, AMPLIFY_WEBCLIENT_ID,
// AMPLIFY_NATIVECLIENT_ID and AMPLIFY_IDENTITYPOOL_ID with getenv
// (os.Getenv), the variables Amplify Hosting documents for imported auth.
func VariablesFrom(getenv func(string) string) cognito.Selection {
	var s cognito.Selection
	for i := range numFields {
		*slot(&s, i) = strings.TrimSpace(getenv(fields[i].variable))
	}
	return s
}

// Resolved is the merged selection and where each value came from.
type Resolved struct {
	Selection cognito.Selection
	Sources   [numFields]string // "--user-pool-id", "AMPLIFY_USERPOOL_ID", "--categories auth.userPoolId", …
	Notes     []string          // warnings for stderr: overridden or ignored values
}

// Given reports whether any input named a resource.
func (r Resolved) Given() bool {
	return r.Sources != [numFields]string{}
}

// source is one input source with its label for field i.
type source struct {
	sel   cognito.Selection
	label func(i int) string
}

func (in Inputs) sources(cats cognito.Selection) []source {
	return []source{
		{in.Flags, func(i int) string { return fields[i].flag }},
		{cats, func(i int) string { return "--categories auth." + fields[i].key }},
		{in.Variables, func(i int) string { return fields[i].variable }},
	}
}

// Resolve merges the inputs value by value: for each id the first source
// that has it wins (flags, then --categories, then variables); a lower
// source with another value is named in a note. Mixing sources is safe
// because the rules then refuse any client or identity pool that does not
// belong to the user pool. The native client defaults to the web client.
// withIdentityPool says whether the auth resource includes an identity
// pool: then its id is required; otherwise a given one is ignored (as the
// Amplify CLI does) with a note. When no input names anything, Resolve
// returns a zero Resolved (Given false) and no error. Every missing or
// malformed value is reported at once, exit 2.
func Resolve(in Inputs, withIdentityPool bool, resource string) (Resolved, error) {
	var r Resolved
	cats, notes, err := ParseCategories(in.Categories)
	if err != nil {
		return r, err
	}
	r.Notes = notes
	for i := range numFields {
		for _, src := range in.sources(cats) {
			v := strings.TrimSpace(*slot(&src.sel, i))
			switch cur := slot(&r.Selection, i); {
			case v == "":
			case *cur == "":
				*cur, r.Sources[i] = v, src.label(i)
			case v != *cur:
				r.Notes = append(r.Notes, fmt.Sprintf("%s=%s is overridden by %s=%s", src.label(i), v, r.Sources[i], *cur))
			}
		}
	}
	if !r.Given() {
		return Resolved{Notes: r.Notes}, nil
	}
	if r.Selection.IdentityPoolID != "" && !withIdentityPool {
		r.Notes = append(r.Notes, fmt.Sprintf("%s=%s is ignored: auth %q is a user pool only resource (to add an identity pool, unlink with `ampgo remove auth` and import again)",
			r.Sources[identityPool], r.Selection.IdentityPoolID, resource))
		r.Selection.IdentityPoolID, r.Sources[identityPool] = "", ""
	}
	if r.Selection.NativeClientID == "" && r.Selection.WebClientID != "" {
		r.Selection.NativeClientID, r.Sources[nativeClient] = r.Selection.WebClientID, defaultNative
	}
	return r, check(r, withIdentityPool, resource)
}

// defaultNative is the source of a native client id taken from the web client.
const defaultNative = "default: the web client"

// check reports every missing and malformed value at once.
func check(r Resolved, withIdentityPool bool, resource string) error {
	var missing []int
	for _, i := range []int{userPool, webClient, identityPool} {
		if *slot(&r.Selection, i) == "" && (i != identityPool || withIdentityPool) {
			missing = append(missing, i)
		}
	}
	var problems []string
	for _, i := range missing {
		problems = append(problems, missingLine(i, resource))
	}
	for i := range numFields {
		if msg := shapeProblem(i, *slot(&r.Selection, i)); msg != "" && r.Sources[i] != defaultNative {
			problems = append(problems, fmt.Sprintf("%s=%q %s", r.Sources[i], *slot(&r.Selection, i), msg))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return exit.UsageErrorf(inputsHint, "resolve the Cognito resources of auth %q:\n  - %s", resource, strings.Join(problems, "\n  - "))
}

// inputsHint is the fix of every missing-input error.
const inputsHint = "set the AMPLIFY_* variables (CI), pass the flags, or pass --categories " +
	`'{"auth":{"userPoolId":"…","webClientId":"…","nativeClientId":"…","identityPoolId":"…"}}'`

// missingLine names the variable and the flag of field i and says what the
// value is.
func missingLine(i int, resource string) string {
	f := fields[i]
	line := fmt.Sprintf("missing %s: set %s or pass %s (%q in --categories auth): %s", f.name, f.variable, f.flag, f.key, f.what)
	if i == identityPool {
		line += fmt.Sprintf("; required because auth %q includes an identity pool", resource)
	}
	return line
}

// missingError is the exit-2 error for an environment that needs its
// resources named and has no terminal to choose them on: every required
// value, with its variable, flag and meaning.
func missingError(withIdentityPool bool, resource string) error {
	return check(Resolved{}, withIdentityPool, resource)
}

// checks are the id checks of the fields, by index.
var checks = [numFields]func(string) error{ids.UserPoolID, ids.ClientID, ids.ClientID, ids.IdentityPoolID}

// shapeProblem says why v cannot be an id of field i, or "". Catching a
// pool id pasted as a client id here saves a round trip and a confusing
// "not found" (user-pain §3 item 10). The rules are package ids', the same
// as for every other command.
func shapeProblem(i int, v string) string {
	if v == "" {
		return ""
	}
	if err := checks[i](v); err != nil {
		var e *ids.Error
		switch {
		case errors.As(err, &e) && e.Why != "":
			return fmt.Sprintf("is not a valid %s (%s): want %s", e.Kind, e.Why, e.Want)
		case e != nil:
			return fmt.Sprintf("is not a valid %s: want %s", e.Kind, e.Want)
		}
		return err.Error()
	}
	return ""
}

// CheckInputs validates what the user passed explicitly, before anything
// else happens (no project read, no AWS call): --categories must parse, and
// every id in the flags and in --categories must be well formed (exit 2,
// naming the flag or key). The AMPLIFY_* variables are checked only where
// they are used (Resolve): CI systems set them for every branch, and a
// checkout of an environment with recorded resources ignores them.
func CheckInputs(in Inputs) error {
	cats, _, err := ParseCategories(in.Categories)
	if err != nil {
		return err
	}
	var problems []string
	for i := range numFields {
		if msg := shapeProblem(i, strings.TrimSpace(*slot(&in.Flags, i))); msg != "" {
			problems = append(problems, fmt.Sprintf("%s=%q %s", fields[i].flag, *slot(&in.Flags, i), msg))
		}
		if msg := shapeProblem(i, *slot(&cats, i)); msg != "" {
			problems = append(problems, fmt.Sprintf("--categories auth.%s=%q %s", fields[i].key, *slot(&cats, i), msg))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return exit.UsageErrorf(inputsHint, "invalid Cognito ids:\n  - %s", strings.Join(problems, "\n  - "))
}

// categoriesHint shows the shape --categories takes.
const categoriesHint = `pass Amplify's shape, e.g. --categories '{"auth":{"userPoolId":"us-east-1_AbC123xYz","webClientId":"4abc…","nativeClientId":"7def…","identityPoolId":"us-east-1:1111…"}}'`

// fieldByKey returns the field whose --categories key is k, or -1.
func fieldByKey(k string) int {
	for i := range numFields {
		if fields[i].key == k {
			return i
		}
	}
	return -1
}

// ParseCategories reads Amplify's headless --categories JSON. Only "auth" is
// read; other categories are named in a note. An unknown key inside auth
// (a typo such as "userpoolId") is a usage error, not a silent default.
func ParseCategories(raw string) (cognito.Selection, []string, error) {
	var s cognito.Selection
	if strings.TrimSpace(raw) == "" {
		return s, nil, nil
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		return s, nil, exit.UsageErrorf(categoriesHint, "parse --categories: %v", err)
	}
	var notes []string
	others := make([]string, 0, len(doc))
	for k := range doc {
		if k != "auth" {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	if len(others) > 0 {
		notes = append(notes, fmt.Sprintf("--categories: %s ignored (ampgo reads only auth here)", strings.Join(others, ", ")))
	}
	authRaw, ok := doc["auth"]
	if !ok || string(authRaw) == "null" {
		return s, notes, nil
	}
	var auth map[string]json.RawMessage
	if err := json.Unmarshal(authRaw, &auth); err != nil {
		return s, nil, exit.UsageErrorf(categoriesHint, "parse --categories auth: want an object: %v", err)
	}
	// Keys match exactly, as in the Amplify CLI: encoding/json would accept
	// "userpoolId" for userPoolId.
	keys := make([]string, 0, len(auth))
	for k := range auth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		raw, i := auth[k], fieldByKey(k)
		if i < 0 {
			return s, nil, exit.UsageErrorf(categoriesHint+" (keys: userPoolId, webClientId, nativeClientId, identityPoolId)",
				"parse --categories auth: unknown key %q", k)
		}
		var v *string
		if err := json.Unmarshal(raw, &v); err != nil {
			return s, nil, exit.UsageErrorf(categoriesHint, "parse --categories auth.%s: want a string", k)
		}
		if v != nil {
			*slot(&s, i) = strings.TrimSpace(*v)
		}
	}
	return s, notes, nil
}
