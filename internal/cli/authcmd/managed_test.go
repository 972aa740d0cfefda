package authcmd

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// TestManagedFlags: the flags that were given change the settings, and
// only those; a bad value is exit 2 naming the flag.
func TestManagedFlags(t *testing.T) {
	def := category.DefaultManagedAuthSettings()
	with := func(f func(*project.ManagedAuthSettings)) project.ManagedAuthSettings {
		s := def
		f(&s)
		return s
	}
	cases := []struct {
		name    string
		args    []string
		want    project.ManagedAuthSettings
		wantErr string
	}{
		{name: "none", want: def},
		{name: "sign-in twice", args: []string{"--sign-in", "Email", "--sign-in", "phone"},
			want: with(func(s *project.ManagedAuthSettings) { s.SignIn = []string{"email", "phone"} })},
		{name: "mfa required", args: []string{"--mfa", "required", "--mfa-types", "totp,sms"},
			want: with(func(s *project.ManagedAuthSettings) { s.MFA, s.MFATypes = "ON", []string{"TOTP", "SMS"} })},
		{name: "mfa off drops the types", args: []string{"--mfa", "off"},
			want: with(func(s *project.ManagedAuthSettings) { s.MFA, s.MFATypes = "OFF", []string{} })},
		{name: "password", args: []string{"--password-min-length", "12", "--password-require", "numbers"},
			want: with(func(s *project.ManagedAuthSettings) {
				s.PasswordMinLength, s.PasswordLowercase, s.PasswordUppercase, s.PasswordSymbols = 12, false, false, false
			})},
		{name: "hosted UI per platform", args: []string{"--domain-prefix", "shop", "--callback-url", "https://a/", "--signout-url", "https://a/out",
			"--native-callback-url", "shop://cb/", "--native-signout-url", "shop://out/", "--social", "Google", "--social-ssm-prefix", "/shop/"},
			want: with(func(s *project.ManagedAuthSettings) {
				s.DomainPrefix, s.WebCallbackURLs, s.WebSignoutURLs = "shop", []string{"https://a/"}, []string{"https://a/out"}
				s.NativeCallbackURLs, s.NativeSignoutURLs, s.Social, s.SocialSSMPrefix = []string{"shop://cb/"}, []string{"shop://out/"}, []string{"google"}, "/shop/"
			})},
		{name: "guest access", args: []string{"--guest-access"}, want: with(func(s *project.ManagedAuthSettings) { s.GuestAccess = true })},
		{name: "bad mfa", args: []string{"--mfa", "sometimes"}, wantErr: `unknown --mfa "sometimes"`},
		{name: "bad password class", args: []string{"--password-require", "emoji"}, wantErr: `unknown --password-require "emoji"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var m managedFlags
			fl := pflag.NewFlagSet("t", pflag.ContinueOnError)
			m.bind(fl)
			if err := fl.Parse(c.args); err != nil {
				t.Fatal(err)
			}
			s := def
			s.SignIn = append([]string(nil), def.SignIn...)
			err := m.apply(fl, &s)
			if c.wantErr != "" {
				if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want exit 2 with %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, s); diff != "" {
				t.Errorf("settings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDefaultManagedAuthName(t *testing.T) {
	for in, want := range map[string]string{"shop": "shopauth", "9lives": "livesauth", "a1b2": "a1b2auth", "123": "auth"} {
		if got := category.DefaultManagedAuthName(in); got != want || !category.NameRE.MatchString(got) {
			t.Errorf("DefaultManagedAuthName(%q) = %q, want %q matching NameRE", in, got, want)
		}
	}
}

// TestManagedSSMPrefixChecked: a prefix that is no Parameter Store path is
// refused with every other problem, before anything is written.
func TestManagedSSMPrefixChecked(t *testing.T) {
	e := category.Env{Project: "shop", Env: "dev"}
	for prefix, ok := range map[string]bool{"/shop/auth/": true, "/": true, "shop/": false, "/shop/auth": false, "/a b/": false, "/x/\x1b[2J/": false} {
		m := category.DefaultManagedAuth("main")
		m.SocialSSMPrefix = prefix
		if err := m.Validate(e); (err == nil) != ok {
			t.Errorf("prefix %q: err = %v, want ok %v", prefix, err, ok)
		}
	}
}
