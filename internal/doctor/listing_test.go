package doctor

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
)

// TestListUserPoolsFails: a failed listing that is not about permissions
// is exit 1 with a fix, not an empty region with exit 0.
func TestListUserPoolsFails(t *testing.T) {
	fake, endpoint := newFakeAWS(t, 5, 5, nil)
	fake.fail["ListUserPools"] = "InvalidParameterException"
	rep, err := Diagnose(context.Background(), productConfig(t, endpoint), Options{}, nil)
	if rep != nil || err == nil || exit.Code(err) != exit.Failure || exit.Hint(err) == "" {
		t.Fatalf("report %v, error %v (exit %d, fix %q); want no report, exit 1 and a fix", rep, err, exit.Code(err), exit.Hint(err))
	}
	if !strings.Contains(err.Error(), "cannot list the user pools of us-east-1") || !strings.Contains(err.Error(), "InvalidParameterException") {
		t.Errorf("error: %v", err)
	}
}

// TestIdentityPoolsUnknown: when the identity pools cannot be listed, the
// pools that pass as "User Pool only" are unknown for "User Pool and
// Identity Pool" (null in JSON, "unknown (…)" in text, never false), and
// the report carries the listing's error: exit 4 when denied, else 1.
func TestIdentityPoolsUnknown(t *testing.T) {
	for _, c := range []struct {
		name     string
		setup    func(f *fakeAWS)
		wantCode int
		wantFix  string
	}{
		{"denied", func(f *fakeAWS) { f.deny["ListIdentityPools"] = true }, exit.Credentials, "cognito-identity:ListIdentityPools"},
		{"failed", func(f *fakeAWS) { f.fail["ListIdentityPools"] = "InvalidParameterException" }, exit.Failure, "run `ampgo doctor auth` again"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fake, endpoint := newFakeAWS(t, 4, 2, nil)
			c.setup(fake)
			rep := diagnose(t, productConfig(t, endpoint))
			err := rep.Err()
			if exit.Code(err) != c.wantCode || !strings.Contains(exit.Hint(err), c.wantFix) ||
				!strings.Contains(err.Error(), "cannot list the identity pools of us-east-1") {
				t.Errorf("Err() = %v (exit %d, fix %q); want exit %d, fix with %q", err, exit.Code(err), exit.Hint(err), c.wantCode, c.wantFix)
			}
			if len(rep.Pools) != 4 {
				t.Fatalf("%d pools, want 4", len(rep.Pools))
			}
			b, _ := json.Marshal(rep)
			var doc struct {
				UserPools []struct {
					Eligible map[string]any `json:"eligible"`
				} `json:"userPools"`
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			for i, p := range doc.UserPools {
				both, present := p.Eligible["userPoolAndIdentityPool"]
				if !present || both != nil || p.Eligible["userPoolOnly"] != true {
					t.Errorf("pool %d: eligible %v; want userPoolOnly true and userPoolAndIdentityPool null", i, p.Eligible)
				}
			}
			var text bytes.Buffer
			WriteText(&text, rep, false)
			if want := `"User Pool and Identity Pool": unknown (identity pools could not be read: cognito-identity:ListIdentityPools failed: `; strings.Count(text.String(), want) != 4 {
				t.Errorf("text lacks %q on each pool line:\n%s", want, text.String())
			}
		})
	}
}
