package cognito

import (
	"context"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv"
)

// TestMalformedIDsMakeNoCall: a malformed id that reaches the Reader (from
// a hand-edited project file, say) is an error that names it, before any
// call. Before issue 17 the region came from a loose prefix ("local_abc" ->
// "local", "us-east-1:x_y" -> "us-east-1") and the call went out.
func TestMalformedIDsMakeNoCall(t *testing.T) {
	ctx := context.Background()
	const ipID = "us-east-1:11111111-2222-3333-4444-555555555555"
	cases := []struct {
		name string
		call func(r *Reader) error
		want string
	}{
		{"pool, cognito-local id", func(r *Reader) error { _, err := r.Pool(ctx, "local_abc"); return err },
			`"local_abc" is not a valid user pool id`},
		{"pool, identity pool id", func(r *Reader) error { _, err := r.Pool(ctx, ipID); return err },
			"this is an identity pool id"},
		{"client", func(r *Reader) error { _, err := r.Client(ctx, "US-EAST-1_abc", "abc"); return err },
			`"US-EAST-1_abc" is not a valid user pool id`},
		{"clients", func(r *Reader) error { _, err := r.Clients(ctx, "us-east-1_"); return err },
			`"us-east-1_" is not a valid user pool id`},
		{"identity providers", func(r *Reader) error { _, err := r.IdentityProviders(ctx, "_abc"); return err },
			`"_abc" is not a valid user pool id`},
		{"client secret", func(r *Reader) error { _, err := r.ClientSecret(ctx, "local_abc", "abc"); return err },
			`"local_abc" is not a valid user pool id`},
		{"identity pool", func(r *Reader) error { _, err := r.IdentityPool(ctx, "us-east-1:x_y"); return err },
			`"us-east-1:x_y" is not a valid identity pool id`},
		{"identity pool roles", func(r *Reader) error { _, _, err := r.IdentityPoolRoles(ctx, "local:1111"); return err },
			`"local:1111" is not a valid identity pool id`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, calls := countingReader("us-east-1")
			err := c.call(r)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want one with %q", err, c.want)
			}
			if n := calls.counts(); len(n) != 0 {
				t.Errorf("calls made for a malformed id: %v", n)
			}
		})
	}
}

// TestRoleOfNotARoleARN: an identity pool role that is not an IAM role ARN
// is not looked up (the rules report the ARN, with the fix). The loose
// name-from-ARN of old took the last segment of any ARN, so a user ARN
// read the role that happened to share the user's name.
func TestRoleOfNotARoleARN(t *testing.T) {
	ctx := context.Background()
	s := seed(t, "us-east-1", testenv.SetupOptions{})
	arn := s.AuthRoleARN // arn:aws:iam::<account>:role/service-role/<name>
	as := func(from, to string) string { return strings.Replace(arn, from, to, 1) }
	cases := []struct {
		name, arn string
		found     bool
	}{
		{"role, the control", arn, true},
		{"user of the same name", as(":role/", ":user/"), false},
		{"policy of the same name", as(":role/", ":policy/"), false},
		{"account not 12 digits", as("::123456789012:", "::12345:"), false},
		{"a name, not an ARN", s.AuthRoleName, false},
		{"sts, not iam", as(":iam::", ":sts::"), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, calls := countingReader("us-east-1")
			role, err := r.Role(ctx, c.arn)
			if err != nil {
				t.Fatal(err)
			}
			if role.Found != c.found || role.ARN != c.arn {
				t.Errorf("Role(%q) = %+v, want Found %v", c.arn, role, c.found)
			}
			wantCalls := map[string]int{}
			if c.found {
				wantCalls["GetRole"] = 1
			} else if role.Name != "" {
				t.Errorf("Role(%q).Name = %q, want none", c.arn, role.Name)
			}
			if got := calls.counts(); len(got) != len(wantCalls) || got["GetRole"] != wantCalls["GetRole"] {
				t.Errorf("Role(%q) calls = %v, want %v", c.arn, got, wantCalls)
			}
		})
	}
}
