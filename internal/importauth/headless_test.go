package importauth

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
)

const (
	hlPool = "us-east-1_AbC123xYz"
	hlWeb  = "1example23456789abcdefghij"
	hlNat  = "7example23456789abcdefghij"
	hlIP   = "us-east-1:11111111-2222-3333-4444-555555555555"
)

func TestParseHeadless(t *testing.T) {
	full := `{"version":1,"userPoolId":"` + hlPool + `","webClientId":"` + hlWeb + `","nativeClientId":"` + hlNat + `","identityPoolId":"` + hlIP + `"}`
	cases := []struct {
		name, in string
		want     cognito.Selection
		wantErr  string // substring; exit 2
	}{
		{name: "full", in: full, want: cognito.Selection{UserPoolID: hlPool, WebClientID: hlWeb, NativeClientID: hlNat, IdentityPoolID: hlIP}},
		{name: "whitespace around", in: "\n  " + full + "\n\n", want: cognito.Selection{UserPoolID: hlPool, WebClientID: hlWeb, NativeClientID: hlNat, IdentityPoolID: hlIP}},
		{name: "user pool only, nulls are absent", in: `{"version":1,"userPoolId":"` + hlPool + `","webClientId":"` + hlWeb + `","nativeClientId":null,"identityPoolId":null}`,
			want: cognito.Selection{UserPoolID: hlPool, WebClientID: hlWeb}},
		{name: "a second document", in: full + "\n" + full, wantErr: "unexpected input after the JSON object"},
		{name: "trailing garbage", in: full + " x", wantErr: `unexpected input after the JSON object: "x"`},
		{name: "empty", in: "  \n", wantErr: "stdin is empty"},
		{name: "not json", in: "userPoolId=x", wantErr: "not JSON"},
		{name: "null", in: "null", wantErr: "want a JSON object, got null"},
		{name: "array", in: "[" + full + "]", wantErr: "want a JSON object, got an array"},
		{name: "truncated", in: full[:30], wantErr: "not JSON"},
		{name: "unknown key", in: `{"version":1,"userpoolId":"` + hlPool + `"}`, wantErr: `unknown key "userpoolId"`},
		{name: "repeated key", in: `{"version":1,"userPoolId":"` + hlPool + `","userPoolId":"us-east-1_other"}`, wantErr: `key "userPoolId" appears more than once`},
		{name: "version 2", in: strings.Replace(full, `"version":1`, `"version":2`, 1), wantErr: "version must be 1, got 2"},
		{name: "version string", in: strings.Replace(full, `"version":1`, `"version":"1"`, 1), wantErr: `version must be 1, got "1"`},
		{name: "version missing", in: strings.Replace(full, `"version":1,`, ``, 1), wantErr: "version must be 1, got none"},
		{name: "id not a string", in: strings.Replace(full, `"webClientId":"`+hlWeb+`"`, `"webClientId":42`, 1), wantErr: "webClientId must be a string, got 42"},
		{name: "missing required", in: `{"version":1}`, wantErr: "userPoolId is missing; webClientId is missing"},
		{name: "malformed pool id", in: strings.Replace(full, hlPool, "local_abc", 1), wantErr: `userPoolId: "local_abc" is not a valid user pool id`},
		{name: "malformed identity pool id", in: strings.Replace(full, hlIP, "us-east-1:x_y", 1), wantErr: `identityPoolId: "us-east-1:x_y" is not a valid identity pool id`},
		{name: "pool id as client id", in: strings.Replace(full, hlNat, hlPool, 1), wantErr: "nativeClientId: \"" + hlPool + "\" is not a valid app client id (this is a user pool id)"},
		{name: "too large", in: `{"version":1,"userPoolId":"` + strings.Repeat("a", maxHeadless) + `"}`, wantErr: "larger than 64 KiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseHeadless(strings.NewReader(c.in))
			if c.wantErr == "" {
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("selection (-want +got):\n%s", diff)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error = %v, want it to contain %q", err, c.wantErr)
			}
			if exit.Code(err) != exit.Usage || exit.Hint(err) != HeadlessHint {
				t.Errorf("exit %d, hint %q; want 2 with the headless hint", exit.Code(err), exit.Hint(err))
			}
		})
	}
}
