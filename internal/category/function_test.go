package category

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCognitoActions pins the counts and a few entries of reference §7.
func TestCognitoActions(t *testing.T) {
	cases := []struct {
		op         string
		wantCount  int
		wantFirst  string
		wantLast   string
		wantPrefix string // every action starts with it ("" = mixed)
	}{
		{OpCreate, 45, "cognito-idp:ConfirmSignUp", "cognito-idp:ResendConfirmationCode", "cognito-idp:"},
		{OpRead, 14, "cognito-identity:Describe*", "sns:ListPlatformApplications", ""},
		{OpUpdate, 12, "cognito-idp:ForgotPassword", "cognito-idp:UpdateUserPool", "cognito-idp:"},
		{OpDelete, 10, "cognito-idp:DeleteUserPoolDomain", "cognito-idp:DeleteUser", "cognito-idp:"},
	}
	for _, c := range cases {
		t.Run(c.op, func(t *testing.T) {
			got := CognitoActions([]string{c.op})
			if len(got) != c.wantCount || got[0] != c.wantFirst || got[len(got)-1] != c.wantLast {
				t.Errorf("%d actions %s … %s, want %d %s … %s", len(got), got[0], got[len(got)-1], c.wantCount, c.wantFirst, c.wantLast)
			}
			seen := map[string]bool{}
			for _, a := range got {
				if seen[a] {
					t.Errorf("duplicate %s", a)
				}
				seen[a] = true
				if !strings.HasPrefix(a, c.wantPrefix) {
					t.Errorf("%s lacks prefix %s", a, c.wantPrefix)
				}
			}
		})
	}
	all := CognitoActions([]string{OpDelete, OpRead, OpCreate, OpUpdate})
	if len(all) != 81 || all[0] != "cognito-idp:ConfirmSignUp" || all[45] != "cognito-identity:Describe*" {
		t.Errorf("all operations: %d actions, in order create, read, update, delete", len(all))
	}
}

func TestFunctionAuthWiring(t *testing.T) {
	e := Env{Project: "acmeapp", Env: "dev", Region: "us-east-1", Account: "123456789012"}
	f := Function{Name: "hello", Runtime: DefaultRuntime, Auth: &FunctionAuth{Resource: "acme-app1", UserPoolID: "eu-west-1_AbC", Ops: []string{OpRead}}}
	st, ok, err := f.CognitoStatement(e)
	// The pool's own region, not the stack's, and the real account: never a placeholder.
	if err != nil || !ok || !slices.Equal(st.Resource, []any{"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC"}) {
		t.Errorf("statement resource %v", st.Resource)
	}
	want := map[string]string{"ENV": "dev", "REGION": "us-east-1", "AUTH_ACME_APP1_USERPOOLID": "eu-west-1_AbC"}
	if diff := cmp.Diff(want, f.EnvVars(e)); diff != "" {
		t.Errorf("env vars (-want +got):\n%s", diff)
	}
	if _, ok, err := (Function{Name: "plain"}).CognitoStatement(e); ok || err != nil {
		t.Error("a function without auth access got a Cognito statement")
	}
	if n := FunctionName(Env{Project: strings.Repeat("p", 20), Env: strings.Repeat("e", 10)}, strings.Repeat("f", 30)); len(n) > 64 {
		t.Errorf("function name has %d characters, Lambda allows 64", len(n))
	}
}

// TestHelloHandlersRun runs each generated handler with its real runtime
// (node, python3) and checks the greeting carries ENV and the pool id.
func TestHelloHandlersRun(t *testing.T) {
	env := append(os.Environ(), "ENV=dev", "REGION=us-east-1", "AUTH_ACMEAPP_USERPOOLID=us-east-1_AbC")
	cases := []struct {
		runtime string
		bin     string
		script  string
	}{
		{"nodejs22.x", "node", `require('./index.js').handler({}).then(r => process.stdout.write(JSON.stringify(r)))`},
		{"nodejs24.x", "node", `require('./index.js').handler({}).then(r => process.stdout.write(JSON.stringify(r)))`},
		{"python3.13", "python3", `import json, index; print(json.dumps(index.handler({}, None)))`},
	}
	for _, c := range cases {
		t.Run(c.runtime, func(t *testing.T) {
			files, err := HelloSource("hello", c.runtime, "acmeapp")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for name, data := range files {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			flag := "-e"
			if c.bin == "python3" {
				flag = "-c"
			}
			cmd := exec.Command(c.bin, flag, c.script)
			cmd.Dir, cmd.Env = dir, env
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("run %s handler: %v", c.bin, err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			var resp struct {
				StatusCode int    `json:"statusCode"`
				Body       string `json:"body"`
			}
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &resp); err != nil {
				t.Fatalf("handler output %q: %v", out, err)
			}
			if resp.StatusCode != 200 || !strings.Contains(resp.Body, `"userPoolId": "us-east-1_AbC"`) && !strings.Contains(resp.Body, `"userPoolId":"us-east-1_AbC"`) ||
				!strings.Contains(resp.Body, "dev") {
				t.Errorf("response %+v", resp)
			}
		})
	}
	if _, err := HelloSource("hello", "nodejs20.x", ""); err == nil {
		t.Error("a deprecated runtime was accepted")
	}
}
