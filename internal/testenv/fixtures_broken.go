package testenv

// Variant is a ready-made setup, healthy or with one defect, for table
// tests of the import rules.
type Variant struct {
	Name    string // short, usable as a subtest name
	Defect  string // what a rule must report; empty for a healthy setup
	Options SetupOptions
}

// Variants returns the healthy setup, the user-pool-only setup and one
// setup per defect that ampgo's import rules must find. The Suffix of each
// is empty, so Seed gives every call unique names.
func Variants() []Variant {
	return []Variant{
		{Name: "healthy"},
		{Name: "user-pool-only", Options: SetupOptions{UserPoolOnly: true}},
		{
			Name:    "no-web-client",
			Defect:  "every app client has a secret; a web client without one is needed",
			Options: SetupOptions{NoWebClient: true},
		},
		{
			Name:    "native-oauth-mismatch",
			Defect:  "native client OAuth flows, scopes and providers differ from the web client",
			Options: SetupOptions{NativeOAuthMismatch: true},
		},
		{
			Name:    "no-logout-urls",
			Defect:  "OAuth is enabled but the clients have no logout URLs",
			Options: SetupOptions{NoLogoutURLs: true},
		},
		{
			Name:    "identity-pool-web-only",
			Defect:  "the identity pool lists the web client but not the native client",
			Options: SetupOptions{IdentityPoolWebOnly: true},
		},
		{
			Name:    "identity-pool-foreign-user-pool",
			Defect:  "the identity pool lists another user pool",
			Options: SetupOptions{IdentityPoolForeignUserPool: true},
		},
		{
			Name:    "no-unauth-role",
			Defect:  "the identity pool has no unauthenticated role",
			Options: SetupOptions{NoUnauthRole: true},
		},
		{
			Name:    "auth-trust-wrong-aud",
			Defect:  "the auth role trusts another identity pool (aud)",
			Options: SetupOptions{AuthTrustWrongAud: true},
		},
		{
			Name:    "auth-trust-assume-role",
			Defect:  "the auth role trust allows sts:AssumeRole, not sts:AssumeRoleWithWebIdentity",
			Options: SetupOptions{AuthTrustAssumeRole: true},
		},
		{
			Name:    "auth-trust-no-amr",
			Defect:  "the auth role trust has no amr condition",
			Options: SetupOptions{AuthTrustNoAmr: true},
		},
	}
}

// Broken returns the Variants that carry a defect.
func Broken() []Variant {
	var out []Variant
	for _, v := range Variants() {
		if v.Defect != "" {
			out = append(out, v)
		}
	}
	return out
}
