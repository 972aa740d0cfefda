package clientconfig

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/jsonobj"
)

// The Dart wrapper of amplifyconfiguration.dart, byte for byte as the Amplify
// CLI's amplify-frontend-flutter (lib/dart-fs.js writeJsonToDart) writes it:
// dartHead, the JSON, dartTail, and no final newline.
const (
	dartHead = "const amplifyconfig = ''' "
	dartTail = "''';"
)

// nativeTopKeys are the top-level keys of amplifyconfiguration.json/.dart
// that ampgo generates; every other key of an existing file survives.
var nativeTopKeys = keySet("UserAgent", "Version", "auth", "storage")

// nativePluginKeys are the awsCognitoAuthPlugin (awsconfiguration.json) keys
// that ampgo generates; others (AppSync, PinpointAnalytics, … written by
// other tools or by hand) survive, like the CLI's getCustomConfigs keeps them.
var nativePluginKeys = keySet("UserAgent", "Version", "IdentityManager", "CredentialsProvider",
	"CognitoUserPool", "GoogleSignIn", "FacebookSignIn", "Auth", "S3TransferUtility")

// keepCustom appends the members of old whose keys are neither generated
// (owned) nor already in o, in their original order.
func keepCustom(o, old *jsonobj.Object, owned map[string]bool) *jsonobj.Object {
	for _, k := range old.Keys() {
		if !owned[k] && !o.Has(k) {
			v, _ := old.Get(k)
			o.Set(k, v)
		}
	}
	return o
}

// defaultAccessLevel keeps a "protected" or "private" default access level
// the user chose in an existing file; otherwise "guest", as the CLI does.
func defaultAccessLevel(old *jsonobj.Object) string {
	var v string
	plugin := old.LookupObject("storage", "plugins", s3PluginKey)
	if _, err := plugin.Decode("defaultAccessLevel", &v); err == nil && (v == "protected" || v == "private") {
		return v
	}
	return "guest"
}

// readJSONFile parses an existing JSON config file (nil or blank: none, an
// empty object). A file that is not one JSON object is refused rather than
// overwritten.
func readJSONFile(file string, data []byte) (*jsonobj.Object, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return jsonobj.New(), nil
	}
	obj, n, err := jsonobj.ParsePrefix(data)
	if err == nil && len(bytes.TrimSpace(data[n:])) > 0 {
		err = fmt.Errorf("unexpected data after the JSON object")
	}
	if err != nil {
		return nil, &ExistingFileError{File: file, Reason: fmt.Sprintf("not a JSON object (%v)", err)}
	}
	return obj, nil
}

// readDartFile reads the JSON inside an existing amplifyconfiguration.dart:
// the text between the first and the last triple quote (the CLI takes the first "{"
// to the last "}"), with the escapes dartEscape adds undone.
func readDartFile(file string, data []byte) (*jsonobj.Object, error) {
	s := strings.TrimPrefix(string(data), "\ufeff")
	if strings.TrimSpace(s) == "" {
		return jsonobj.New(), nil
	}
	first, last := strings.Index(s, "'''"), strings.LastIndex(s, "'''")
	if first < 0 || last <= first {
		return nil, &ExistingFileError{File: file, Reason: "no ''' string literal with the configuration JSON"}
	}
	inner := dartUnescape(strings.TrimSpace(s[first+3 : last]))
	return readJSONFile(file, []byte(inner))
}

// dartEscape makes the JSON text the exact value of a Dart triple-quoted string:
// without it a "$" would start string interpolation and a "\" an escape, and
// three single quotes inside a value would end the literal. Configs without these
// characters (all that the Amplify CLI can write correctly) keep the CLI's
// bytes. Deliberate difference: the CLI writes such values unescaped, which
// Dart then misreads or cannot compile.
func dartEscape(s string) string {
	if !strings.ContainsAny(s, `\$'`) {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `$`, `\$`, `'`, `\'`).Replace(s)
}

func dartUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return strings.NewReplacer(`\\`, `\`, `\$`, `$`, `\'`, `'`).Replace(s)
}
