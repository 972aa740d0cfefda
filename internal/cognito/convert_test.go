package cognito

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/google/go-cmp/cmp"
)

// stringCase is the one shape of the string-to-string tests.
type stringCase struct {
	name string
	in   string
	want string
}

func runStringCases(t *testing.T, f func(string) string, cases []stringCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := f(tc.in); got != tc.want {
				t.Errorf("(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRegionFromID: a pool's Region comes from its id, strictly (issue 17):
// an id that names no region gives none, where the loose prefix of old gave
// "local" for cognito-local's "local_abc".
func TestRegionFromID(t *testing.T) {
	pool := func(id string) string { return toUserPool(&ciptypes.UserPoolType{Id: aws.String(id)}, nil).Region }
	identity := func(id string) string {
		return toIdentityPool(&ci.DescribeIdentityPoolOutput{IdentityPoolId: aws.String(id)}).Region
	}
	runStringCases(t, pool, []stringCase{
		{name: "user pool id", in: "eu-west-1_AbC123xYz", want: "eu-west-1"},
		{name: "moto user pool id", in: "us-east-1_0123456789abcdef0123456789abcdef", want: "us-east-1"},
		{name: "gov cloud", in: "us-gov-west-1_AbC", want: "us-gov-west-1"},
		{name: "cognito-local", in: "local_abc", want: ""},
		{name: "upper-case region", in: "US-EAST-1_abc", want: ""},
		{name: "no separator", in: "AbC123xYz", want: ""},
		{name: "separator first", in: "_AbC123xYz", want: ""},
		{name: "empty", in: "", want: ""},
	})
	runStringCases(t, identity, []stringCase{
		{name: "identity pool id", in: "eu-west-1:11111111-2222-3333-4444-555555555555", want: "eu-west-1"},
		{name: "not a uuid", in: "us-east-1:x_y", want: ""},
		{name: "colon first", in: ":1111", want: ""},
		{name: "cognito-local", in: "local:1111", want: ""},
	})
}

func TestDecodePolicy(t *testing.T) {
	runStringCases(t, decodePolicy, []stringCase{
		{name: "url-encoded, as IAM sends it", in: "%7B%22Version%22%3A%222012-10-17%22%7D", want: `{"Version":"2012-10-17"}`},
		{name: "plain JSON stays", in: `{"Version":"2012-10-17"}`, want: `{"Version":"2012-10-17"}`},
		{name: "not decodable stays", in: "%zz", want: "%zz"},
	})
}

// userPoolCase is the one shape of the toUserPool tests: a pool and MFA
// answer and the fields of UserPool they must give.
type userPoolCase struct {
	name string
	pool ciptypes.UserPoolType
	mfa  *cip.GetUserPoolMfaConfigOutput
	want UserPool
}

const (
	lambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:"
	snsARN    = "arn:aws:iam::123456789012:role/service-role/acme-sns-role"
)

func customAuth(define, create, verify bool) *ciptypes.LambdaConfigType {
	lc := &ciptypes.LambdaConfigType{PreSignUp: aws.String(lambdaARN + "presignup")}
	if define {
		lc.DefineAuthChallenge = aws.String(lambdaARN + "define")
	}
	if create {
		lc.CreateAuthChallenge = aws.String(lambdaARN + "create")
	}
	if verify {
		lc.VerifyAuthChallengeResponse = aws.String(lambdaARN + "verify")
	}
	return lc
}

var smsAndTOTP = &cip.GetUserPoolMfaConfigOutput{
	MfaConfiguration: ciptypes.UserPoolMfaTypeOptional,
	SmsMfaConfiguration: &ciptypes.SmsMfaConfigType{
		SmsConfiguration: &ciptypes.SmsConfigurationType{SnsCallerArn: aws.String(snsARN)},
	},
	SoftwareTokenMfaConfiguration: &ciptypes.SoftwareTokenMfaConfigType{Enabled: true},
}

var userPoolCases = []userPoolCase{
	{
		name: "bare pool",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_bare"), Name: aws.String("bare")},
		want: UserPool{ID: "us-east-1_bare", Name: "bare", Region: "us-east-1", MFA: MFA{Configuration: "OFF"}},
	},
	{
		name: "all three custom auth triggers",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_ca"), LambdaConfig: customAuth(true, true, true)},
		want: UserPool{ID: "us-east-1_ca", Region: "us-east-1", MFA: MFA{Configuration: "OFF"}, CustomAuth: true},
	},
	{
		name: "define and create only",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_ca"), LambdaConfig: customAuth(true, true, false)},
		want: UserPool{ID: "us-east-1_ca", Region: "us-east-1", MFA: MFA{Configuration: "OFF"}},
	},
	{
		name: "verify only",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_ca"), LambdaConfig: customAuth(false, false, true)},
		want: UserPool{ID: "us-east-1_ca", Region: "us-east-1", MFA: MFA{Configuration: "OFF"}},
	},
	{
		name: "other triggers only",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_ca"), LambdaConfig: customAuth(false, false, false)},
		want: UserPool{ID: "us-east-1_ca", Region: "us-east-1", MFA: MFA{Configuration: "OFF"}},
	},
	{
		name: "mfa from GetUserPoolMfaConfig",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_mfa"), MfaConfiguration: ciptypes.UserPoolMfaTypeOptional},
		mfa:  smsAndTOTP,
		want: UserPool{ID: "us-east-1_mfa", Region: "us-east-1",
			MFA: MFA{Configuration: "OPTIONAL", SMS: true, TOTP: true, SNSCallerARN: snsARN}},
	},
	{
		// moto (and AWS, briefly) can report a stale MfaConfiguration in
		// DescribeUserPool; GetUserPoolMfaConfig wins.
		name: "stale describe says OFF",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_mfa"), MfaConfiguration: ciptypes.UserPoolMfaTypeOff},
		mfa:  &cip.GetUserPoolMfaConfigOutput{MfaConfiguration: ciptypes.UserPoolMfaTypeOn, SoftwareTokenMfaConfiguration: &ciptypes.SoftwareTokenMfaConfigType{}},
		want: UserPool{ID: "us-east-1_mfa", Region: "us-east-1", MFA: MFA{Configuration: "ON", TOTP: true}},
	},
	{
		name: "mfa OFF ignores leftover method objects",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_mfa"), MfaConfiguration: ciptypes.UserPoolMfaTypeOptional},
		mfa: &cip.GetUserPoolMfaConfigOutput{MfaConfiguration: ciptypes.UserPoolMfaTypeOff,
			SmsMfaConfiguration: smsAndTOTP.SmsMfaConfiguration, SoftwareTokenMfaConfiguration: smsAndTOTP.SoftwareTokenMfaConfiguration},
		want: UserPool{ID: "us-east-1_mfa", Region: "us-east-1", MFA: MFA{Configuration: "OFF"}},
	},
	{
		// Presence of the object counts, not its Enabled flag (Amplify parity).
		name: "disabled TOTP object still counts",
		pool: ciptypes.UserPoolType{Id: aws.String("us-east-1_mfa")},
		mfa: &cip.GetUserPoolMfaConfigOutput{MfaConfiguration: ciptypes.UserPoolMfaTypeOptional,
			SoftwareTokenMfaConfiguration: &ciptypes.SoftwareTokenMfaConfigType{Enabled: false}},
		want: UserPool{ID: "us-east-1_mfa", Region: "us-east-1", MFA: MFA{Configuration: "OPTIONAL", TOTP: true}},
	},
	{
		name: "attributes, domains and password policy",
		pool: ciptypes.UserPoolType{
			Id: aws.String("eu-west-1_full"), Name: aws.String("full"),
			Domain: aws.String("acme-login"), CustomDomain: aws.String("auth.example.com"),
			UsernameAttributes:     []ciptypes.UsernameAttributeType{"email", "phone_number"},
			AliasAttributes:        []ciptypes.AliasAttributeType{"preferred_username"},
			AutoVerifiedAttributes: []ciptypes.VerifiedAttributeType{"email"},
			SchemaAttributes: []ciptypes.SchemaAttributeType{
				{Name: aws.String("sub"), Required: aws.Bool(true), Mutable: aws.Bool(false)},
				{Name: aws.String("email"), Required: aws.Bool(true), Mutable: aws.Bool(true)},
				{Name: aws.String("custom:tenant")},
			},
			Policies: &ciptypes.UserPoolPolicyType{PasswordPolicy: &ciptypes.PasswordPolicyType{
				MinimumLength: aws.Int32(12), RequireNumbers: true, RequireSymbols: true}},
		},
		want: UserPool{
			ID: "eu-west-1_full", Name: "full", Region: "eu-west-1",
			Domain: "acme-login", CustomDomain: "auth.example.com", MFA: MFA{Configuration: "OFF"},
			UsernameAttributes: []string{"email", "phone_number"}, AliasAttributes: []string{"preferred_username"},
			AutoVerifiedAttributes: []string{"email"},
			Attributes: []Attribute{
				{Name: "sub", Required: true}, {Name: "email", Required: true, Mutable: true}, {Name: "custom:tenant"},
			},
			PasswordPolicy: PasswordPolicy{MinLength: 12, RequireNumbers: true, RequireSymbols: true},
		},
	},
}

func TestToUserPool(t *testing.T) {
	for _, tc := range userPoolCases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, toUserPool(&tc.pool, tc.mfa)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestToAppClientSecret(t *testing.T) {
	for _, tc := range []struct {
		name   string
		secret *string
		want   bool
	}{
		{name: "no secret", secret: nil, want: false},
		{name: "empty secret", secret: aws.String(""), want: false},
		{name: "secret", secret: aws.String("s3cr3t"), want: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := toAppClient(&ciptypes.UserPoolClientType{ClientId: aws.String("c"), ClientSecret: tc.secret})
			if c.HasSecret != tc.want {
				t.Errorf("HasSecret = %v, want %v", c.HasSecret, tc.want)
			}
		})
	}
}
