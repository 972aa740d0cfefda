package importauth

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// trustDoc builds a one-statement policy from JSON fragments.
func trustDoc(effect, principal, action, condition string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"` + effect + `","Principal":` + principal +
		`,"Action":` + action + `,"Condition":` + condition + `}]}`
}

const (
	fedCognito = `{"Federated":"cognito-identity.amazonaws.com"}`
	assumeWeb  = `"sts:AssumeRoleWithWebIdentity"`
	condAuth   = `{"StringEquals":{"cognito-identity.amazonaws.com:aud":"` + testIPID + `"},` +
		`"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`
)

type trustCase struct {
	name    string
	policy  string
	amr     string // AMRAuthenticated when empty
	want    string // substring of the joined problems; "" = policy is fine
	wantErr bool
}

var trustCases = []trustCase{
	{name: "amplify shape, authenticated", policy: TrustPolicy(testIPID, AMRAuthenticated)},
	{name: "amplify shape, unauthenticated", policy: TrustPolicy(testIPID, AMRUnauthenticated), amr: AMRUnauthenticated},
	{name: "console shape", policy: consoleTrust(AMRAuthenticated)},
	{name: "Statement as an object", policy: `{"Statement":{"Effect":"Allow","Principal":` + fedCognito +
		`,"Action":` + assumeWeb + `,"Condition":` + condAuth + `}}`},
	{name: "Action as array", policy: trustDoc("Allow", fedCognito, `["sts:TagSession","sts:AssumeRoleWithWebIdentity"]`, condAuth)},
	{name: "Action sts:*", policy: trustDoc("Allow", fedCognito, `"sts:*"`, condAuth)},
	{name: "Action *", policy: trustDoc("Allow", fedCognito, `"*"`, condAuth)},
	{name: "Action in other case", policy: trustDoc("Allow", fedCognito, `"STS:assumerolewithwebidentity"`, condAuth)},
	{name: "Action sts:AssumeRole (LambdAuth#4)", policy: trustDoc("Allow", fedCognito, `"sts:AssumeRole"`, condAuth),
		want: "Action is sts:AssumeRole; it must be sts:AssumeRoleWithWebIdentity"},
	{name: "Federated as array", policy: trustDoc("Allow", `{"Federated":["accounts.google.com","cognito-identity.amazonaws.com"]}`, assumeWeb, condAuth)},
	{name: "Principal * does not count", policy: trustDoc("Allow", `"*"`, assumeWeb, condAuth), want: `Principal "*"`},
	{name: "Federated * does not count", policy: trustDoc("Allow", `{"Federated":"*"}`, assumeWeb, condAuth), want: `Principal "*"`},
	{name: "service principal", policy: trustDoc("Allow", `{"Service":"lambda.amazonaws.com"}`, assumeWeb, condAuth),
		want: "Principal Federated is none"},
	{name: "Deny only", policy: trustDoc("Deny", fedCognito, assumeWeb, condAuth), want: `no Allow statement (Effect is "Deny")`},
	{name: "Allow and unconditional Deny", policy: `{"Statement":[` +
		`{"Effect":"Allow","Principal":` + fedCognito + `,"Action":` + assumeWeb + `,"Condition":` + condAuth + `},` +
		`{"Effect":"Deny","Principal":"*","Action":"sts:*"}]}`, want: "unconditional Deny"},
	{name: "conditional Deny is not evaluated", policy: `{"Statement":[` +
		`{"Effect":"Deny","Principal":"*","Action":"sts:*","Condition":{"Bool":{"aws:SecureTransport":false}}},` +
		`{"Effect":"Allow","Principal":` + fedCognito + `,"Action":` + assumeWeb + `,"Condition":` + condAuth + `}]}`},
	{name: "wrong aud", policy: TrustPolicy("us-east-1:other", AMRAuthenticated),
		want: "condition StringEquals cognito-identity.amazonaws.com:aud is us-east-1:other; it must be " + testIPID},
	{name: "aud as array with this pool", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"StringEquals":{"cognito-identity.amazonaws.com:aud":["us-east-1:other","`+testIPID+`"]},`+
			`"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`)},
	{name: "aud missing", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`),
		want: "aud is none"},
	{name: "condition keys in other case", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"stringequals":{"Cognito-Identity.amazonaws.com:AUD":"`+testIPID+`"},`+
			`"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`)},
	{name: "amr missing", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"StringEquals":{"cognito-identity.amazonaws.com:aud":"`+testIPID+`"}}`),
		want: `no condition ForAnyValue:StringLike cognito-identity.amazonaws.com:amr; it must be "authenticated"`},
	{name: "amr as array", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"StringEquals":{"cognito-identity.amazonaws.com:aud":"`+testIPID+`"},`+
			`"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":["authenticated"]}}`)},
	{name: "amr with ForAnyValue:StringEquals", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"StringEquals":{"cognito-identity.amazonaws.com:aud":"`+testIPID+`"},`+
			`"ForAnyValue:StringEquals":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`)},
	{name: "amr for the other kind", policy: consoleTrust(AMRUnauthenticated),
		want: `amr is unauthenticated; it must be "authenticated"`},
	{name: "amr * lets guests assume the auth role", policy: consoleTrust("*"),
		want: `also admits "unauthenticated" identities`},
	{name: "amr *authenticated matches both kinds", policy: consoleTrust("*authenticated"), amr: AMRUnauthenticated,
		want: `also admits "authenticated" identities`},
	{name: "wrong aud and missing amr are both reported", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:other"}}`),
		want: "aud is us-east-1:other; it must be " + testIPID + "; no condition ForAnyValue:StringLike"},
	{name: "closest statement is reported", policy: `{"Statement":[` +
		`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},` +
		`{"Effect":"Allow","Principal":` + fedCognito + `,"Action":` + assumeWeb + `,"Condition":{}}]}`,
		want: "aud is none"},
	{name: "second statement grants", policy: `{"Statement":[` +
		`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},` +
		`{"Effect":"Allow","Principal":` + fedCognito + `,"Action":` + assumeWeb + `,"Condition":` + condAuth + `}]}`},
	{name: "numbers and booleans in conditions", policy: trustDoc("Allow", fedCognito, assumeWeb,
		`{"StringEquals":{"cognito-identity.amazonaws.com:aud":"`+testIPID+`"},"Bool":{"aws:SecureTransport":true},`+
			`"NumericLessThan":{"aws:MultiFactorAuthAge":3600},`+
			`"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`)},
	{name: "NotAction does not grant", policy: `{"Statement":{"Effect":"Allow","Principal":` + fedCognito +
		`,"NotAction":"s3:*","Condition":` + condAuth + `}}`, want: "NotPrincipal/NotAction"},
	{name: "no statements", policy: `{"Version":"2012-10-17"}`, want: "no statements"},
	{name: "malformed JSON", policy: `{"Statement": [`, wantErr: true},
	{name: "empty document", policy: "  ", wantErr: true},
	{name: "Statement is a string", policy: `{"Statement":"Allow"}`, wantErr: true},
	{name: "Action is an object", policy: trustDoc("Allow", fedCognito, `{"a":1}`, condAuth), wantErr: true},
}

func TestTrustProblems(t *testing.T) {
	for _, tc := range trustCases {
		t.Run(tc.name, func(t *testing.T) {
			amr := tc.amr
			if amr == "" {
				amr = AMRAuthenticated
			}
			problems, err := TrustProblems(tc.policy, testIPID, amr)
			if tc.wantErr {
				if !errors.Is(err, ErrUnparseablePolicy) {
					t.Fatalf("err = %v, want ErrUnparseablePolicy", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			joined := strings.Join(problems, "; ")
			if tc.want == "" && len(problems) > 0 {
				t.Errorf("want no problems, got %q", joined)
			}
			if tc.want != "" && !strings.Contains(joined, tc.want) {
				t.Errorf("problems %q do not contain %q", joined, tc.want)
			}
		})
	}
}

func TestTrustPolicyExactJSON(t *testing.T) {
	want := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "cognito-identity.amazonaws.com"
      },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "ForAnyValue:StringLike": {
          "cognito-identity.amazonaws.com:amr": "unauthenticated"
        },
        "StringEquals": {
          "cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-3333-4444-555555555555"
        }
      }
    }
  ]
}
`
	if diff := cmp.Diff(want, TrustPolicy(testIPID, AMRUnauthenticated)); diff != "" {
		t.Errorf("TrustPolicy mismatch (-want +got):\n%s", diff)
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"sts:*", "sts:AssumeRoleWithWebIdentity", true},
		{"sts:AssumeRole*", "sts:AssumeRoleWithWebIdentity", true},
		{"sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", false},
		{"*authenticated", "unauthenticated", true},
		{"authenticated", "unauthenticated", false},
		{"auth?nticated", "authenticated", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"[a]", "a", false}, // no character classes in IAM
	}
	for _, tc := range tests {
		if got := globMatch(tc.pattern, tc.s); got != tc.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}
