package clientconfig

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaFile is the amplify_outputs.json schema of @aws-amplify/client-config
// 1.11.1 for OutputsVersion, generated from the package's own types by
// tools/amplify-js-check/schema/generate.sh (npm registry only; see the
// script and docs/client-config.md).
var schemaFile = filepath.Join("testdata", "amplify_outputs-v"+OutputsVersion+".schema.json")

func compileOutputsSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatalf("open schema (regenerate with tools/amplify-js-check/schema/generate.sh): %v", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("amplify_outputs.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("amplify_outputs.schema.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	return sch
}

func validateOutputs(sch *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if err := sch.Validate(inst); err != nil {
		return err
	}
	return strictOutputs(data)
}

// strictOutputs adds what the generated schema loses against upstream's
// schema_v1.4.json (ecosystem.md §2): integer min_length 6-99 and unique
// array items.
func strictOutputs(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	auth, _ := v.(map[string]any)["auth"].(map[string]any)
	if pp, ok := auth["password_policy"].(map[string]any); ok {
		n, _ := pp["min_length"].(float64)
		if n != float64(int(n)) || n < 6 || n > 99 {
			return fmt.Errorf("auth.password_policy.min_length %v is not an integer in 6..99", pp["min_length"])
		}
	}
	return uniqueArrays("", v)
}

func uniqueArrays(at string, v any) error {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if err := uniqueArrays(at+"/"+k, e); err != nil {
				return err
			}
		}
	case []any:
		seen := map[string]bool{}
		for _, e := range v {
			b, _ := json.Marshal(e)
			if seen[string(b)] {
				return fmt.Errorf("%s: duplicate item %s", at, b)
			}
			seen[string(b)] = true
		}
	}
	return nil
}

// Every scenario's amplify_outputs.json is valid against the schema of the
// version it declares.
func TestOutputsMatchSchema(t *testing.T) {
	sch := compileOutputsSchema(t)
	start := time.Now()
	n := 0
	for _, fx := range append(allFixtures(t), fixture{name: "no-auth", projectRegion: "us-east-1"}) {
		c := Config{ProjectRegion: fx.projectRegion}
		if fx.meta.Output.UserPoolID != "" {
			c = fx.config(t)
		}
		data, err := RenderOutputs(c)
		if err != nil {
			t.Fatalf("%s: %v", fx.name, err)
		}
		if err := validateOutputs(sch, data); err != nil {
			t.Errorf("%s: amplify_outputs.json does not match the %s schema:\n%v\n%s", fx.name, OutputsVersion, err, data)
		}
		n++
	}
	t.Logf("validated %d files in %s", n, time.Since(start).Round(time.Microsecond))
}

// The validator is not a rubber stamp: it rejects the mistakes users make by
// hand (user-pain.md theme L) and ones a renderer could make. Each case
// breaks one fixture's rendered file.
func TestOutputsSchemaRejects(t *testing.T) {
	sch := compileOutputsSchema(t)
	tests := []struct {
		name     string
		fx       func(testing.TB) fixture
		from, to string
	}{
		{"numeric version", fullSetup, `"version": "1.4"`, `"version": 1.4`},
		{"other version", fullSetup, `"version": "1.4"`, `"version": "1.5"`},
		{"no user pool client", fullSetup, `"user_pool_client_id"`, `"userPoolClientId"`},
		{"OIDC provider name", fullSetup, `"GOOGLE"`, `"MyOIDC"`},
		{"mfa OFF instead of NONE", fullSetup, `"mfa_configuration": "OPTIONAL"`, `"mfa_configuration": "OFF"`},
		{"upper-case username attribute", fullSetup, `"username_attributes": [
      "email"`, `"username_attributes": [
      "EMAIL"`},
		{"no sign-out redirect", fullSetup, `"redirect_sign_out_uri": [
        "https://app.example.com/",
        "http://localhost:3000/"
      ]`, `"redirect_sign_out_uri": []`},
		{"short password", fullSetup, `"min_length": 10`, `"min_length": 4`},
		{"duplicate scope", fullSetup, `"profile",`, `"openid",`},
		{"unknown key", fullSetup, `"version": "1.4",`, `"version": "1.4", "region": "us-east-1",`},
		// §2.3: data has no conflict resolution (or any other extra) field.
		{"data conflict_resolution_mode", withGraphQL, `"url":`, `"conflict_resolution_mode": "AUTOMERGE", "url":`},
		{"Gen 2 JS auth mode name", withGraphQL, `"default_authorization_type": "AMAZON_COGNITO_USER_POOLS"`, `"default_authorization_type": "userPool"`},
		{"no authorization_types", withGraphQL, `"authorization_types": [`, `"x_authorization_types": [`},
		{"repeated authorization type", withGraphQL, `"API_KEY",
      "AWS_IAM"`, `"API_KEY",
      "API_KEY"`},
		{"model_introspection as a string", withGraphQL, `"model_introspection": {`, `"model_introspection": "{", "x": {`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good, err := RenderOutputs(tt.fx(t).config(t))
			if err != nil {
				t.Fatal(err)
			}
			bad := strings.Replace(string(good), tt.from, tt.to, 1)
			if bad == string(good) {
				t.Fatalf("%q not found in the rendered file", tt.from)
			}
			if err := validateOutputs(sch, []byte(bad)); err == nil {
				t.Errorf("accepted:\n%s", bad)
			}
		})
	}
}
