package project

import (
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
)

func TestResourceName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "acmeapp", want: "acmeapp"},
		{name: "upper case", in: "AcmeApp", want: "acmeapp"},
		{name: "space", in: "My App", want: "my_app"},
		{name: "run of symbols", in: "my--. app", want: "my_app"},
		{name: "underscore kept", in: "my_app", want: "my_app"},
		{name: "digits", in: "app2go", want: "app2go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ResourceName(tt.in); got != tt.want {
				t.Errorf("ResourceName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{name: "stack", got: StackName("acmeapp", "dev"), want: "amplify-acmeapp-dev"},
		{name: "parameter", got: ParameterKey("auth", "acmeapp", "userPoolId"), want: "AMPLIFY_auth_acmeapp_userPoolId"},
		{name: "parameters path", got: ParametersPath(BackendDir, "auth", "x"), want: "amplify/backend/auth/x/parameters.json"},
		{name: "cloud meta", got: MetaPath(CurrentCloudBackendDir), want: "amplify/#current-cloud-backend/amplify-meta.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestValidateNames(t *testing.T) {
	tests := []struct {
		name  string
		check func(string) error
		in    string
		ok    bool
	}{
		{name: "project ok", check: ValidateProjectName, in: "acmeapp", ok: true},
		{name: "project digits", check: ValidateProjectName, in: "App2024", ok: true},
		{name: "project too short", check: ValidateProjectName, in: "ab", ok: false},
		{name: "project too long", check: ValidateProjectName, in: "abcdefghijklmnopqrstu", ok: false},
		{name: "project dash", check: ValidateProjectName, in: "my-app", ok: false},
		{name: "env ok", check: ValidateEnvName, in: "dev", ok: true},
		{name: "env upper", check: ValidateEnvName, in: "Dev", ok: false},
		{name: "env digit", check: ValidateEnvName, in: "dev1", ok: false},
		{name: "env too long", check: ValidateEnvName, in: "development", ok: false},
		{name: "env one letter", check: ValidateEnvName, in: "d", ok: false},
		{name: "region ok", check: ValidateRegion, in: "eu-west-1", ok: true},
		{name: "region gov", check: ValidateRegion, in: "us-gov-west-1", ok: true},
		{name: "region empty", check: ValidateRegion, in: "", ok: false},
		{name: "region bad", check: ValidateRegion, in: "Europe", ok: false},
		// issue 17: the same rule as --region (ids.Region), which has
		// four-letter partitions and lower-case letters only.
		{name: "region eusc", check: ValidateRegion, in: "eusc-de-east-1", ok: true},
		{name: "region iso", check: ValidateRegion, in: "us-isob-east-1", ok: true},
		{name: "region path", check: ValidateRegion, in: "../../x", ok: false},
		{name: "region upper", check: ValidateRegion, in: "US-EAST-1", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.in)
			if (err == nil) != tt.ok {
				t.Fatalf("check(%q) = %v, want ok=%v", tt.in, err, tt.ok)
			}
			if err != nil && (exit.Code(err) != exit.Usage || exit.Hint(err) == "") {
				t.Errorf("check(%q): want a usage error with a hint, got code %d hint %q", tt.in, exit.Code(err), exit.Hint(err))
			}
		})
	}
}

func TestNormalizeProjectName(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{in: "my-app", want: "myapp"},
		{in: "a", want: "aapp"},
		{in: "", want: "app"},
		{in: "abcdefghijklmnopqrstuvwxyz", want: "abcdefghijklmnopqrst"},
		// Edge cases of a folder name, the default of `ampgo init` (which
		// had its own rule, with "ampgoapp" for short names, until issue 17).
		{in: "ab", want: "abapp"},
		{in: "a-b", want: "abapp"},
		{in: "my.app.v2", want: "myappv2"},
		{in: "日本語", want: "app"},
		{in: "__", want: "app"},
		{in: "abc", want: "abc"},
		{in: "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v", want: "abcdefghijklmnopqrst"},
		{in: "ab日本", want: "abapp"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := NormalizeProjectName(tt.in)
			if got != tt.want {
				t.Errorf("NormalizeProjectName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if err := ValidateProjectName(got); err != nil {
				t.Errorf("normalized name invalid: %v", err)
			}
		})
	}
}
