package envs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
)

const (
	poolA   = "us-east-1_AAAAAAAAA"
	webA    = "1aaawebclient0000000000000"
	nativeA = "7aaanativeclient0000000000"
	ipA     = "us-east-1:aaaaaaaa-2222-3333-4444-555555555555"
	poolB   = "eu-west-1_BBBBBBBBB"
	webB    = "1bbbwebclient0000000000000"
	nativeB = "7bbbnativeclient0000000000"
	ipB     = "eu-west-1:bbbbbbbb-2222-3333-4444-555555555555"
)

func vars(m map[string]string) cognito.Selection {
	return VariablesFrom(func(k string) string { return m[k] })
}

// resolveCase is the one shape of the precedence tests.
type resolveCase struct {
	name       string
	in         Inputs
	userOnly   bool // the auth resource has no identity pool
	want       cognito.Selection
	sources    [numFields]string
	wantNotes  []string // substrings, in order
	wantErr    []string // substrings of the error and its hint; exit 2
	wantNoGive bool     // nothing given
}

var resolveCases = []resolveCase{
	{
		name:    "flags only",
		in:      Inputs{Flags: cognito.Selection{UserPoolID: poolA, WebClientID: webA, NativeClientID: nativeA, IdentityPoolID: ipA}},
		want:    cognito.Selection{UserPoolID: poolA, WebClientID: webA, NativeClientID: nativeA, IdentityPoolID: ipA},
		sources: [numFields]string{"--user-pool-id", "--web-client-id", "--native-client-id", "--identity-pool-id"},
	},
	{
		name: "variables only, native defaults to the web client, values trimmed",
		in: Inputs{Variables: vars(map[string]string{
			"AMPLIFY_USERPOOL_ID": " " + poolB + "\n", "AMPLIFY_WEBCLIENT_ID": webB, "AMPLIFY_IDENTITYPOOL_ID": ipB})},
		want:    cognito.Selection{UserPoolID: poolB, WebClientID: webB, NativeClientID: webB, IdentityPoolID: ipB},
		sources: [numFields]string{"AMPLIFY_USERPOOL_ID", "AMPLIFY_WEBCLIENT_ID", defaultNative, "AMPLIFY_IDENTITYPOOL_ID"},
	},
	{
		name: "categories only, other categories noted",
		in: Inputs{Categories: `{"auth":{"userPoolId":"` + poolA + `","webClientId":"` + webA +
			`","nativeClientId":"` + nativeA + `","identityPoolId":"` + ipA + `"},"storage":{}}`},
		want: cognito.Selection{UserPoolID: poolA, WebClientID: webA, NativeClientID: nativeA, IdentityPoolID: ipA},
		sources: [numFields]string{"--categories auth.userPoolId", "--categories auth.webClientId",
			"--categories auth.nativeClientId", "--categories auth.identityPoolId"},
		wantNotes: []string{"storage ignored"},
	},
	{
		name: "flags beat categories beat variables, value by value, and the overridden ones are named",
		in: Inputs{
			Flags:      cognito.Selection{UserPoolID: poolA},
			Categories: `{"auth":{"userPoolId":"` + poolB + `","webClientId":"` + webA + `"}}`,
			Variables: vars(map[string]string{"AMPLIFY_USERPOOL_ID": poolB, "AMPLIFY_WEBCLIENT_ID": webA,
				"AMPLIFY_NATIVECLIENT_ID": nativeA, "AMPLIFY_IDENTITYPOOL_ID": ipA}),
		},
		want:    cognito.Selection{UserPoolID: poolA, WebClientID: webA, NativeClientID: nativeA, IdentityPoolID: ipA},
		sources: [numFields]string{"--user-pool-id", "--categories auth.webClientId", "AMPLIFY_NATIVECLIENT_ID", "AMPLIFY_IDENTITYPOOL_ID"},
		wantNotes: []string{
			"--categories auth.userPoolId=" + poolB + " is overridden by --user-pool-id=" + poolA,
			"AMPLIFY_USERPOOL_ID=" + poolB + " is overridden by --user-pool-id=" + poolA,
		},
	},
	{
		name:       "nothing given is not an error",
		in:         Inputs{Categories: `{"auth":{}}`},
		wantNoGive: true,
	},
	{
		name: "identity pool missing names the variable, the flag and what it is",
		in:   Inputs{Variables: vars(map[string]string{"AMPLIFY_USERPOOL_ID": poolA, "AMPLIFY_WEBCLIENT_ID": webA})},
		wantErr: []string{"missing identity pool id", "AMPLIFY_IDENTITYPOOL_ID", "--identity-pool-id",
			"gives your users AWS credentials", `auth "acmeapp" includes an identity pool`},
	},
	{
		name: "only the native client: every missing value at once",
		in:   Inputs{Variables: vars(map[string]string{"AMPLIFY_NATIVECLIENT_ID": nativeA})},
		wantErr: []string{"AMPLIFY_USERPOOL_ID", "--user-pool-id", "AMPLIFY_WEBCLIENT_ID", "--web-client-id",
			"the app client your web build uses", "AMPLIFY_IDENTITYPOOL_ID"},
	},
	{
		name:      "identity pool ignored for a user pool only resource",
		in:        Inputs{Flags: cognito.Selection{UserPoolID: poolA, WebClientID: webA, IdentityPoolID: ipA}},
		userOnly:  true,
		want:      cognito.Selection{UserPoolID: poolA, WebClientID: webA, NativeClientID: webA},
		sources:   [numFields]string{"--user-pool-id", "--web-client-id", defaultNative, ""},
		wantNotes: []string{"--identity-pool-id=" + ipA + " is ignored"},
	},
	{
		name: "a pool id pasted as the web client, a malformed identity pool",
		in: Inputs{Variables: vars(map[string]string{"AMPLIFY_USERPOOL_ID": poolA, "AMPLIFY_WEBCLIENT_ID": poolA,
			"AMPLIFY_IDENTITYPOOL_ID": "acme_identity"})},
		wantErr: []string{`AMPLIFY_WEBCLIENT_ID="` + poolA + `" is not a valid app client id (this is a user pool id)`, `AMPLIFY_IDENTITYPOOL_ID="acme_identity" is not a valid identity pool id`},
	},
	{name: "categories not JSON", in: Inputs{Categories: `{auth:`}, wantErr: []string{"parse --categories", `{"auth":{"userPoolId"`}},
	{name: "categories typo", in: Inputs{Categories: `{"auth":{"userpoolId":"x"}}`}, wantErr: []string{"userpoolId", "keys: userPoolId"}},
	{name: "categories number", in: Inputs{Categories: `{"auth":{"userPoolId":5}}`}, wantErr: []string{"auth.userPoolId: want a string"}},
}

func TestResolve(t *testing.T) {
	for _, tt := range resolveCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(tt.in, !tt.userOnly, "acmeapp")
			if len(tt.wantErr) > 0 {
				if exit.Code(err) != exit.Usage {
					t.Fatalf("want a usage error, got %v", err)
				}
				text := err.Error() + "\nfix: " + exit.Hint(err)
				for _, w := range tt.wantErr {
					if !strings.Contains(text, w) {
						t.Errorf("error lacks %q:\n%s", w, text)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Given() == tt.wantNoGive {
				t.Fatalf("Given() = %v", got.Given())
			}
			if diff := cmp.Diff(tt.want, got.Selection); diff != "" {
				t.Errorf("selection (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.sources, got.Sources); diff != "" {
				t.Errorf("sources (-want +got):\n%s", diff)
			}
			if len(got.Notes) != len(tt.wantNotes) {
				t.Fatalf("notes = %q, want %d", got.Notes, len(tt.wantNotes))
			}
			for i, w := range tt.wantNotes {
				if !strings.Contains(got.Notes[i], w) {
					t.Errorf("note %d = %q, want %q", i, got.Notes[i], w)
				}
			}
		})
	}
}

func TestVariablesFromReadsTheFourAmplifyVariables(t *testing.T) {
	got := vars(map[string]string{"AMPLIFY_USERPOOL_ID": poolA, "AMPLIFY_WEBCLIENT_ID": webA,
		"AMPLIFY_NATIVECLIENT_ID": nativeA, "AMPLIFY_IDENTITYPOOL_ID": ipA, "AMPLIFY_OTHER": "x"})
	want := cognito.Selection{UserPoolID: poolA, WebClientID: webA, NativeClientID: nativeA, IdentityPoolID: ipA}
	if got != want {
		t.Errorf("VariablesFrom = %+v, want %+v", got, want)
	}
}

// TestCheckInputs: ids in the flags and --categories are checked before
// anything else, naming the flag or key; the variables are not (they are
// checked where they are used, see TestResolve).
func TestCheckInputs(t *testing.T) {
	cases := []struct {
		name    string
		in      Inputs
		wantErr []string // substrings; exit 2; nil for no error
	}{
		{"nothing", Inputs{}, nil},
		{"valid flags and categories", Inputs{Flags: cognito.Selection{UserPoolID: poolA, WebClientID: webA},
			Categories: `{"auth":{"identityPoolId":"` + ipA + `"}}`}, nil},
		{"malformed variables pass here", Inputs{Variables: cognito.Selection{UserPoolID: "local_abc"}}, nil},
		{"malformed flag", Inputs{Flags: cognito.Selection{UserPoolID: "local_abc"}},
			[]string{`--user-pool-id="local_abc" is not a valid user pool id ("local" is not a region code)`, "us-east-1_AbC123xYz"}},
		{"malformed category", Inputs{Categories: `{"auth":{"identityPoolId":"us-east-1:x_y","webClientId":"a/b"}}`},
			[]string{`--categories auth.identityPoolId="us-east-1:x_y" is not a valid identity pool id`,
				`--categories auth.webClientId="a/b" is not a valid app client id`}},
		{"categories that do not parse", Inputs{Categories: `{"auth":`}, []string{"parse --categories"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckInputs(c.in)
			if c.wantErr == nil {
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				return
			}
			if err == nil || exit.Code(err) != exit.Usage {
				t.Fatalf("error %v (exit %d), want exit 2", err, exit.Code(err))
			}
			for _, w := range c.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}
