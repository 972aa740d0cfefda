package category

import (
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/category/cfn"
)

// TestUserPoolARN: the ARN's region and partition come from the pool id;
// an id that is not a user pool id is an error (issue 17: "us-east-1:x_y"
// used to give the region "us-east-1:x", "local_abc" the region "local").
func TestUserPoolARN(t *testing.T) {
	cases := []struct{ id, want, wantErr string }{
		{"eu-west-1_AbC", "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC", ""},
		{"cn-north-1_AbC", "arn:aws-cn:cognito-idp:cn-north-1:123456789012:userpool/cn-north-1_AbC", ""},
		{"us-gov-west-1_AbC", "arn:aws-us-gov:cognito-idp:us-gov-west-1:123456789012:userpool/us-gov-west-1_AbC", ""},
		{"us-east-1:x_y", "", `"us-east-1:x" is not a region code`},
		{"local_abc", "", `"local" is not a region code`},
		{"us-east-1:11111111-2222-3333-4444-555555555555", "", "this is an identity pool id"},
		{"", "", "empty"},
	}
	for _, c := range cases {
		got, err := UserPoolARN("123456789012", c.id)
		switch {
		case c.wantErr == "" && (err != nil || got != c.want):
			t.Errorf("UserPoolARN(%q) = %q, %v; want %q", c.id, got, err, c.want)
		case c.wantErr != "" && (err == nil || got != "" || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("UserPoolARN(%q) = %q, %v; want an error with %q", c.id, got, err, c.wantErr)
		}
	}
}

// TestFunctionWithMalformedPoolID: a function with auth access to a pool
// whose recorded id is malformed is an error, not a template with a
// made-up ARN.
func TestFunctionWithMalformedPoolID(t *testing.T) {
	e := Env{Project: "acmeapp", Env: "dev", Region: "us-east-1", Account: "123456789012"}
	f := Function{Name: "hello", Runtime: DefaultRuntime, Auth: &FunctionAuth{Resource: "acme", UserPoolID: "us-east-1:x_y", Ops: []string{OpRead}}}
	err := f.AddTo(cfn.New("test"), e)
	if err == nil || !strings.Contains(err.Error(), `"us-east-1:x_y" is not a valid user pool id`) {
		t.Errorf("AddTo = %v, want the malformed id named", err)
	}
}
