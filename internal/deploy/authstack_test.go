package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/exit"
)

// TestSocialValues: a variable wins, SSM under the recorded prefix fills
// in the rest, and without either every missing variable is named at once
// (exit 2), before anything is deployed.
func TestSocialValues(t *testing.T) {
	t.Setenv("AMPGO_GOOGLE_CLIENT_ID", "gid")
	t.Setenv("AMPGO_GOOGLE_CLIENT_SECRET", "") // empty is not set
	ma := category.DefaultManagedAuth("main")
	ma.Social = []string{"google"}

	var asked []string
	ssm := func(_ context.Context, name string) (string, error) {
		asked = append(asked, name)
		return "from-ssm", nil
	}
	_, err := socialValues(context.Background(), ma, ssm)
	var ee *exit.Error
	if !errors.As(err, &ee) || ee.Code != exit.Usage || !strings.Contains(ee.Fix, "AMPGO_GOOGLE_CLIENT_SECRET") || strings.Contains(ee.Fix, "AMPGO_GOOGLE_CLIENT_ID,") {
		t.Fatalf("without a prefix: err = %v (fix %q), want exit 2 naming only AMPGO_GOOGLE_CLIENT_SECRET", err, fixOf(err))
	}
	if len(asked) != 0 {
		t.Fatalf("SSM was read without a prefix: %v", asked)
	}

	ma.SocialSSMPrefix = "/shop/auth/"
	got, err := socialValues(context.Background(), ma, ssm)
	if err != nil {
		t.Fatal(err)
	}
	if got["AuthMainGoogleClientId"] != "gid" || got["AuthMainGoogleClientSecret"] != "from-ssm" || len(got) != 2 {
		t.Errorf("values = %v", got)
	}
	if len(asked) != 1 || asked[0] != "/shop/auth/google_client_secret" {
		t.Errorf("SSM asked for %v, want only /shop/auth/google_client_secret", asked)
	}

	failing := func(context.Context, string) (string, error) { return "", errors.New("boom") }
	if _, err := socialValues(context.Background(), ma, failing); err == nil || !strings.Contains(err.Error(), "AMPGO_GOOGLE_CLIENT_SECRET") {
		t.Errorf("SSM failure: err = %v, want it to name the credential", err)
	}
}

func fixOf(err error) string {
	var ee *exit.Error
	if errors.As(err, &ee) {
		return ee.Fix
	}
	return ""
}

// TestRefuseSignInChange: a user pool that keeps its logical id but would
// change its UsernameAttributes is refused before anything is sent (AWS
// refuses that update and rolls back); a new logical id (a replacement
// asked for with --replace-user-pool) and an unchanged sign-in pass.
func TestRefuseSignInChange(t *testing.T) {
	e := category.Env{Project: "shop", Env: "dev", Region: "us-east-1", Account: "123456789012"}
	build := func(m category.ManagedAuth) (*cfn.Template, string) {
		tpl := cfn.New("t")
		if err := m.AddTo(tpl, e); err != nil {
			t.Fatal(err)
		}
		body, err := tpl.Body()
		if err != nil {
			t.Fatal(err)
		}
		return tpl, body
	}
	email := category.DefaultManagedAuth("main")
	_, deployed := build(email)
	old, err := parseTemplate(deployed)
	if err != nil {
		t.Fatal(err)
	}
	username := category.DefaultManagedAuth("main")
	username.SignIn = []string{"username"}
	replaced := username
	replaced.Generation = 1
	for _, c := range []struct {
		name    string
		m       category.ManagedAuth
		refused bool
	}{
		{"unchanged", email, false},
		{"sign-in changed in place", username, true},
		{"sign-in changed with a new pool", replaced, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			tpl, _ := build(c.m)
			d := &deployment{old: old, target: &target{Template: tpl}}
			err := refuseSignInChange(d, c.m)
			if (err != nil) != c.refused {
				t.Fatalf("err = %v, refused want %v", err, c.refused)
			}
			if c.refused && !strings.Contains(fixOf(err), "--replace-user-pool") {
				t.Errorf("fix = %q, want --replace-user-pool", fixOf(err))
			}
		})
	}
}

// TestWritePlansWithAuthStack: the managed-auth stack's plan is printed
// first; before its first deploy the env's stack is "planned once the auth
// resources exist"; as JSON it is the authStack member of the env's plan.
func TestWritePlansWithAuthStack(t *testing.T) {
	auth := Plan{Stack: "amplify-shop-dev-auth", Region: "us-east-1", Action: ActionCreate,
		Resources: []ResourceChange{{Op: OpAdd, LogicalID: "AuthMainUserPool", Type: cfn.TypeUserPool}}, Roles: []RoleChange{}}
	ad := &authDeployment{deployment: &deployment{plan: auth, target: &target{Stack: auth.Stack,
		Env: category.Env{Project: "shop", Env: "dev"}}}, pending: true}
	var text strings.Builder
	if err := writePlans(&text, false, ad, nil, Plan{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Stack amplify-shop-dev-auth (us-east-1): create, 1 to add", "+ AuthMainUserPool",
		"Stack amplify-shop-dev: planned once the auth resources exist"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text plan lacks %q:\n%s", want, text.String())
		}
	}
	var js strings.Builder
	empty := Plan{Stack: "amplify-shop-dev", Region: "us-east-1", Action: ActionNone, Resources: []ResourceChange{}, Roles: []RoleChange{}}
	if err := writePlans(&js, true, ad, nil, empty); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Stack     string `json:"stack"`
		AuthStack *Plan  `json:"authStack"`
	}
	if err := json.Unmarshal([]byte(js.String()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Stack != "amplify-shop-dev" || got.AuthStack == nil || got.AuthStack.Action != ActionCreate || len(got.AuthStack.Resources) != 1 {
		t.Errorf("JSON plan %s", js.String())
	}
}

// TestPoolNote: removing a user pool from an updated stack replaces it
// (every user is lost); from a deleted stack it is kept when retained.
func TestPoolNote(t *testing.T) {
	pool := ResourceChange{Op: OpRemove, LogicalID: "AuthMainUserPool", Type: cfn.TypeUserPool}
	if n := poolNote(ActionUpdate, pool); !strings.Contains(n, "REPLACES user pool: every user is lost") {
		t.Errorf("update: %q", n)
	}
	if n := poolNote(ActionDelete, pool); !strings.Contains(n, "kept with its users") {
		t.Errorf("delete: %q", n)
	}
	if n := poolNote(ActionUpdate, ResourceChange{Op: OpRemove, Type: cfn.TypeUserPoolClient}); n != "" {
		t.Errorf("client: %q", n)
	}
}
