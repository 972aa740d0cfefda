package ids

import (
	"strings"
	"testing"
)

// idCase is the one shape of these tables: a value, and "" when it is
// valid or a substring of the error.
type idCase struct {
	in      string
	wantErr string
}

func run(t *testing.T, check func(string) error, cases []idCase) {
	t.Helper()
	for _, c := range cases {
		err := check(c.in)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%q: unexpected error %v", c.in, err)
		case c.wantErr != "" && err == nil:
			t.Errorf("%q: accepted, want an error with %q", c.in, c.wantErr)
		case c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr):
			t.Errorf("%q: error %q, want it to contain %q", c.in, err, c.wantErr)
		}
	}
}

func TestRegion(t *testing.T) {
	run(t, Region, []idCase{
		{"us-east-1", ""},
		{"eu-central-2", ""},
		{"ap-southeast-4", ""},
		{"us-gov-west-1", ""},
		{"cn-northwest-1", ""},
		{"us-isob-east-1", ""},
		{"eusc-de-east-1", ""},
		{"", "empty"},
		{"../../x", "not a valid region"},
		{"US-EAST-1", "not a valid region"},
		{"us-east", "not a valid region"},
		{"us-east-1/", "not a valid region"},
		{"us-east-1\n", "not a valid region"},
		{"local", "like us-east-1"},
		{"us-east-100", "not a valid region"},
	})
}

func TestUserPoolID(t *testing.T) {
	run(t, UserPoolID, []idCase{
		{"us-east-1_AbC123xYz", ""},
		{"eu-west-1_a", ""},
		// moto: <region>_<uuid4 hex>, cut at 55 characters.
		{"us-east-1_0123456789abcdef0123456789abcdef", ""},
		{"us-gov-west-1_AbC123xYz", ""},
		{"", "empty"},
		{"local_abc", `"local" is not a region code`},
		{"US-EAST-1_abc", `"US-EAST-1" is not a region code`},
		{"us-east-1_", `the part after "_" must be letters and digits`},
		{"_abc", `"" is not a region code`},
		{"us-east-1_ab-c", `the part after "_" must be letters and digits`},
		{"us-east-1_abc_def", `the part after "_"`},
		{"us-east-1_abc/../x", `the part after "_"`},
		{"us-east-1abc", `no "_"`},
		{"us-east-1:11111111-2222-3333-4444-555555555555", "this is an identity pool id"},
		{"us-east-1_" + strings.Repeat("a", 46), "longer than 55"},
		{"us-east-1_AbC123xYz ", "must be letters and digits"},
	})
}

func TestIdentityPoolID(t *testing.T) {
	run(t, IdentityPoolID, []idCase{
		{"us-east-1:11111111-2222-3333-4444-555555555555", ""},
		{"eu-west-1:abcdef01-2345-6789-abcd-ef0123456789", ""},
		{"", "empty"},
		{"us-east-1:x_y", `the part after ":" must be lower-case hex`},
		{"us-east-1:", `the part after ":"`},
		{"us-east-1:ABCDEF01-2345-6789-ABCD-EF0123456789", "lower-case hex"},
		{":1111", `"" is not a region code`},
		{"local:1111", `"local" is not a region code`},
		{"us-east-1_AbC123xYz", "this is a user pool id"},
		{"us-east-1", `no ":"`},
		{"us-east-1:" + strings.Repeat("a", 46), "longer than 55"},
	})
}

func TestClientID(t *testing.T) {
	run(t, ClientID, []idCase{
		{"1example23456789abcdefghij", ""},
		{"4abc", ""},
		{"a_b+c", ""}, // the API's pattern [\w+]+ allows both
		{strings.Repeat("a", 128), ""},
		{strings.Repeat("a", 129), "longer than 128"},
		{"", "empty"},
		{"us-east-1_AbC123xYz", "this is a user pool id"},
		{"us-east-1:11111111-2222-3333-4444-555555555555", "this is an identity pool id"},
		{"abc-def", "only letters, digits"},
		{"../x", "only letters, digits"},
		{"abc def", "only letters, digits"},
	})
}

func TestRegionOf(t *testing.T) {
	cases := []struct{ in, want string }{
		{"us-east-1_AbC123xYz", "us-east-1"},
		{"eu-west-1:11111111-2222-3333-4444-555555555555", "eu-west-1"},
		{"local_abc", ""},
		{"us-east-1:x_y", ""},
		{"us-east-1_", ""},
		{"_abc", ""},
		{"US-EAST-1_abc", ""},
		{"", ""},
		{"../../x_abc", ""},
	}
	for _, c := range cases {
		got, err := RegionOf(c.in)
		if got != c.want || (err == nil) != (c.want != "") {
			t.Errorf("RegionOf(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

// TestKindRegion: the region of an id of a known kind; the other kind of
// id, and the malformed ids the four copies of issue 17 answered
// differently ("local", "us-east-1:x", "us-east-1"), give none.
func TestKindRegion(t *testing.T) {
	cases := []struct {
		name, in, want, wantErr string
		of                      func(string) (string, error)
	}{
		{"pool", "eu-west-1_AbC123xYz", "eu-west-1", "", UserPoolRegion},
		{"pool gov", "us-gov-west-1_AbC", "us-gov-west-1", "", UserPoolRegion},
		{"pool eusc", "eusc-de-east-1_AbC", "eusc-de-east-1", "", UserPoolRegion},
		{"pool cognito-local", "local_abc", "", `"local" is not a region code`, UserPoolRegion},
		{"pool dash in suffix", "us-east-1_ab-c", "", `the part after "_"`, UserPoolRegion},
		{"identity pool id as pool id", "us-east-1:11111111-2222-3333-4444-555555555555", "", "this is an identity pool id", UserPoolRegion},
		{"pool empty", "", "", "empty", UserPoolRegion},
		{"identity pool", "eu-west-1:11111111-2222-3333-4444-555555555555", "eu-west-1", "", IdentityPoolRegion},
		{"identity pool x_y", "us-east-1:x_y", "", `the part after ":"`, IdentityPoolRegion},
		{"identity pool not a uuid", "us-east-1:uuid", "", `the part after ":"`, IdentityPoolRegion},
		{"pool id as identity pool id", "us-east-1_AbC123xYz", "", "this is a user pool id", IdentityPoolRegion},
		{"identity pool cognito-local", "local:1111", "", `"local" is not a region code`, IdentityPoolRegion},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.of(c.in)
			switch {
			case c.wantErr == "" && (err != nil || got != c.want):
				t.Errorf("(%q) = %q, %v; want %q", c.in, got, err, c.want)
			case c.wantErr != "" && (err == nil || got != "" || !strings.Contains(err.Error(), c.wantErr)):
				t.Errorf("(%q) = %q, %v; want \"\" and an error with %q", c.in, got, err, c.wantErr)
			}
		})
	}
}

func TestRoleNameFromARN(t *testing.T) {
	cases := []struct{ in, want, wantErr string }{
		{"arn:aws:iam::123456789012:role/acme-auth", "acme-auth", ""},
		{"arn:aws:iam::123456789012:role/service-role/acme-auth", "acme-auth", ""},
		{"arn:aws:iam::123456789012:role/a/b/c/n+=,.@_-x", "n+=,.@_-x", ""},
		{"arn:aws-cn:iam::123456789012:role/x", "x", ""},
		{"arn:aws-us-gov:iam::123456789012:role/x", "x", ""},
		{"", "", "empty"},
		{"undefined", "", "not a valid role ARN"},
		{"arn:aws:iam::123456789012:user/x", "", "not a valid role ARN"},
		{"arn:aws:iam::12345:role/x", "", "not a valid role ARN"},
		{"arn:aws:iam:us-east-1:123456789012:role/x", "", "not a valid role ARN"},
		{"arn:aws:iam::123456789012:role/", "", `bad role name ""`},
		{"arn:aws:iam::123456789012:role/path/", "", `bad role name ""`},
		{"arn:aws:iam::123456789012:role//x", "", `bad path segment ""`},
		{"arn:aws:iam::123456789012:role/a b", "", "bad role name"},
		{"arn:aws:iam::123456789012:role/" + strings.Repeat("r", 65), "", "bad role name"},
		{"arn:aws:iam::123456789012:role/p\x00/x", "", "bad path segment"},
		{"arn:aws:s3:::bucket/role/x", "", "not a valid role ARN"},
		{"arn:aws:iam:::role/no-account", "", "not a valid role ARN"},
		{"acme-auth-role", "", "not a valid role ARN"}, // a name where an ARN belongs (js#5113)
		{"arn:aws:sts::123456789012:assumed-role/x/session", "", "not a valid role ARN"},
	}
	for _, c := range cases {
		got, err := RoleNameFromARN(c.in)
		switch {
		case c.wantErr == "" && (err != nil || got != c.want):
			t.Errorf("RoleNameFromARN(%q) = %q, %v; want %q", c.in, got, err, c.want)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("RoleNameFromARN(%q) = %q, %v; want an error with %q", c.in, got, err, c.wantErr)
		}
	}
}

func TestErrorNamesTheShape(t *testing.T) {
	err := UserPoolID("local_abc")
	want := `"local_abc" is not a valid user pool id ("local" is not a region code): want <region>_<letters and digits>, like us-east-1_AbC123xYz`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

func TestParseRoleARNPath(t *testing.T) {
	cases := []struct{ in, path, name string }{
		{"arn:aws:iam::123456789012:role/acme-auth", "/", "acme-auth"},
		{"arn:aws:iam::123456789012:role/service-role/acme-auth", "/service-role/", "acme-auth"},
		{"arn:aws:iam::123456789012:role/a/b/c/n", "/a/b/c/", "n"},
	}
	for _, c := range cases {
		path, name, err := ParseRoleARN(c.in)
		if err != nil || path != c.path || name != c.name {
			t.Errorf("ParseRoleARN(%q) = %q, %q, %v; want %q, %q", c.in, path, name, err, c.path, c.name)
		}
	}
}
