package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"

	"github.com/ampgo/ampgo/internal/testenv"
)

// The exit-code contract of DESIGN.md §2, command by command (issue 10):
// usage errors exit 2 before any AWS call, and a Cognito resource that does
// not exist exits 3 with a fix.

// contractCommand is one ampgo command with arguments that are valid for
// the contract project (so only the variant under test is wrong).
type contractCommand struct {
	name string
	args []string
	// poolFlag is the flag that takes a malformed id in the "malformed
	// pool id" variant ("" when the command takes no id).
	poolFlag, badID string
}

func contractCommands(s *testenv.Setup) []contractCommand {
	return []contractCommand{
		{name: "init", args: []string{"init", "--project", "other", "--yes"}},
		{name: "status", args: []string{"status"}},
		{name: "push", args: []string{"push", "--yes"}},
		{name: "generate config", args: []string{"generate", "config"}},
		{name: "import auth", args: []string{"import", "auth", "--web-client-id", s.WebClientID}, poolFlag: "--user-pool-id", badID: "local_abc"},
		{name: "auth refresh", args: []string{"auth", "refresh"}},
		{name: "auth update", args: []string{"auth", "update", "--web-client-id", s.WebClientID}, poolFlag: "--identity-pool-id", badID: "us-east-1:x_y"},
		{name: "doctor auth", args: []string{"doctor", "auth"}, poolFlag: "--user-pool-id", badID: "US-EAST-1_abc"},
		{name: "add storage", args: []string{"add", "storage", "--name", "files", "--yes"}},
		{name: "add function", args: []string{"add", "function", "--name", "fn", "--yes"}},
		{name: "remove storage", args: []string{"remove", "storage", "--name", "files", "--yes"}},
		{name: "remove function", args: []string{"remove", "function", "--name", "fn", "--yes"}},
		{name: "remove auth", args: []string{"remove", "auth", "--yes"}},
		{name: "env add", args: []string{"env", "add", "staging", "--yes"}, poolFlag: "--user-pool-id", badID: "us-east-1_"},
		{name: "env checkout", args: []string{"env", "checkout", "dev", "--yes"}, poolFlag: "--user-pool-id", badID: "_abc"},
		{name: "env list", args: []string{"env", "list"}},
		{name: "env remove", args: []string{"env", "remove", "dev", "--yes"}},
	}
}

// usageCase is one run that must exit 2 without calling AWS.
type usageCase struct {
	name  string
	args  []string
	stdin string
	env   []string // extra variables
	want  string   // in stderr
}

func usageCases(s *testenv.Setup) []usageCase {
	var cases []usageCase
	for _, c := range contractCommands(s) {
		with := func(extra ...string) []string { return append(slices.Clone(c.args), extra...) }
		cases = append(cases,
			usageCase{name: c.name + "/extra argument", args: with("frob"), want: `"frob"`},
			usageCase{name: c.name + "/unknown flag", args: with("--frob"), want: "unknown flag: --frob"},
			usageCase{name: c.name + "/output yaml", args: with("--output", "yaml"), want: `invalid --output "yaml"`},
			usageCase{name: c.name + "/region ../../x", args: with("--region", "../../x"), want: `invalid --region: "../../x"`},
		)
		if c.poolFlag != "" {
			cases = append(cases, usageCase{name: c.name + "/malformed id", args: with(c.poolFlag, c.badID),
				want: fmt.Sprintf("%q", c.badID)})
		}
	}
	cases = append(cases, usageCase{name: "ampgo generate/unknown command", args: []string{"generate", "frob"}, want: `unexpected argument "frob"`})
	for _, group := range [][]string{{}, {"env"}, {"import"}, {"auth"}, {"doctor"}, {"add"}, {"remove"}} {
		path := strings.TrimSpace("ampgo " + strings.Join(group, " "))
		cases = append(cases, usageCase{name: path + "/unknown command", args: append(slices.Clone(group), "frob"),
			want: fmt.Sprintf(`unknown command "frob" for %q`, path)})
	}
	head := `{"version":1,"userPoolId":"` + s.UserPoolID + `","webClientId":"` + s.WebClientID + `"}`
	cases = append(cases,
		usageCase{name: "headless/with an id flag", args: []string{"import", "auth", "--headless", "--user-pool-id", s.UserPoolID}, stdin: head,
			want: "--headless reads the ids from stdin; do not also pass --user-pool-id"},
		usageCase{name: "headless/with --user-pool-only", args: []string{"import", "auth", "--headless", "--user-pool-only"}, stdin: head,
			want: "do not also pass --user-pool-only"},
		usageCase{name: "headless/two documents", args: []string{"import", "auth", "--headless"}, stdin: head + "\n" + head,
			want: "unexpected input after the JSON object"},
		usageCase{name: "headless/unknown key", args: []string{"import", "auth", "--headless"}, stdin: `{"version":1,"userPoolID":"x"}`,
			want: `unknown key "userPoolID"`},
		usageCase{name: "headless/wrong type", args: []string{"import", "auth", "--headless"},
			stdin: strings.Replace(head, `"webClientId":"`+s.WebClientID+`"`, `"webClientId":true`, 1), want: "webClientId must be a string"},
		usageCase{name: "headless/version 2", args: []string{"import", "auth", "--headless"}, stdin: strings.Replace(head, `"version":1`, `"version":2`, 1),
			want: "version must be 1, got 2"},
		usageCase{name: "headless/malformed pool id", args: []string{"import", "auth", "--headless"}, stdin: strings.Replace(head, s.UserPoolID, "local_abc", 1),
			want: `userPoolId: "local_abc" is not a valid user pool id`},
		usageCase{name: "env add/malformed --categories id", args: []string{"env", "add", "staging", "--categories", `{"auth":{"identityPoolId":"us-east-1:x_y"}}`},
			want: `--categories auth.identityPoolId="us-east-1:x_y" is not a valid identity pool id`},
		usageCase{name: "env add/malformed AMPLIFY_USERPOOL_ID", args: []string{"env", "add", "staging"},
			env:  []string{"AMPLIFY_USERPOOL_ID=local_abc", "AMPLIFY_WEBCLIENT_ID=" + s.WebClientID, "AMPLIFY_IDENTITYPOOL_ID=" + s.IdentityPoolID},
			want: `AMPLIFY_USERPOOL_ID="local_abc" is not a valid user pool id`},
		usageCase{name: "auth update/pool id as client id", args: []string{"auth", "update", "--web-client-id", s.UserPoolID},
			want: "(this is a user pool id)"},
	)
	return cases
}

// TestContractUsage: every command, given an unknown command or flag, an
// --output other than text|json, a malformed --region or a malformed id,
// exits 2 with the problem and a fix, before any AWS call, and changes no
// file.
func TestContractUsage(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	calls := newCallCounter(t)
	env := ampgoEnv(t, calls.srv.URL)
	dir := newProject(t, env)
	mustRun(t, dir, env, importArgs(s)...)
	mustRun(t, dir, env, "push", "--yes")
	before := treeHash(t, dir)
	for _, c := range usageCases(s) {
		t.Run(c.name, func(t *testing.T) {
			calls.take()
			r := runAmpgo(t, dir, append(slices.Clone(env), c.env...), c.stdin, c.args...)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) || !strings.Contains(r.stderr, "Fix:") {
				t.Errorf("ampgo %s: want exit 2 with %q and a fix, got %d:\n%s", strings.Join(c.args, " "), c.want, r.code, r.stderr)
			}
			if ops := calls.take(); total(ops) != 0 {
				t.Errorf("ampgo %s: AWS calls before the usage error: %v", strings.Join(c.args, " "), ops)
			}
		})
	}
	if treeHash(t, dir) != before {
		t.Error("usage errors changed project files")
	}
}

// TestContractNotFound: a Cognito resource that does not exist is exit 3
// with a fix in every command that meets one: import auth (given ids or
// discovering the clients), env add and env checkout, auth refresh and auth
// update, push's existence check and doctor.
func TestContractNotFound(t *testing.T) {
	parallel(t)
	a := seed(t, testenv.SetupOptions{})
	b := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir := newProject(t, env)
	missing := "us-east-1_doesNotExist0"

	fresh := newProject(t, env) // no auth yet: import auth
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"import auth, pool only", []string{"import", "auth", "--user-pool-id", missing}, "user pool " + missing + " does not exist"},
		{"import auth, user pool only", []string{"import", "auth", "--user-pool-only", "--user-pool-id", missing, "--web-client-id", a.WebClientID},
			"user pool " + missing + " does not exist"},
		{"import auth, all ids", []string{"import", "auth", "--user-pool-id", missing, "--web-client-id", a.WebClientID, "--identity-pool-id", a.IdentityPoolID},
			"user pool " + missing + " does not exist"},
		{"import auth, missing identity pool", []string{"import", "auth", "--user-pool-id", a.UserPoolID, "--web-client-id", a.WebClientID,
			"--identity-pool-id", "us-east-1:00000000-0000-0000-0000-000000000000"}, "identity pool us-east-1:00000000-0000-0000-0000-000000000000 does not exist"},
		{"doctor auth", []string{"doctor", "auth", "--user-pool-id", missing}, "user pool " + missing + " does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) { wantNotFound(t, fresh, env, c.want, c.args...) })
	}

	// dir: dev uses a; gone uses b, whose user pool is then deleted.
	mustRun(t, dir, env, importArgs(a)...)
	mustRun(t, dir, env, "push", "--yes")
	t.Run("env add", func(t *testing.T) {
		wantNotFound(t, dir, env, "user pool "+missing+" does not exist", "env", "add", "staging", "--yes",
			"--user-pool-id", missing, "--web-client-id", a.WebClientID, "--identity-pool-id", a.IdentityPoolID)
	})
	mustRun(t, dir, env, "env", "add", "gone", "--yes", "--user-pool-id", b.UserPoolID, "--web-client-id", b.WebClientID,
		"--native-client-id", b.NativeClientID, "--identity-pool-id", b.IdentityPoolID)
	idp := cip.NewFromConfig(awsConfig(t, b.Region))
	if _, err := idp.DeleteUserPool(context.Background(), &cip.DeleteUserPoolInput{UserPoolId: &b.UserPoolID}); err != nil {
		t.Fatal(err)
	}
	gone := "user pool " + b.UserPoolID
	for _, c := range []struct {
		name string
		args []string
	}{
		{"auth refresh", []string{"auth", "refresh"}},
		{"auth update", []string{"auth", "update", "--web-client-id", b.WebClientID}},
		{"push", []string{"push", "--yes"}},
		{"env checkout", []string{"env", "checkout", "gone", "--yes"}},
	} {
		t.Run(c.name, func(t *testing.T) { wantNotFound(t, dir, env, gone, c.args...) })
	}
}

// wantNotFound runs ampgo and wants exit 3, want and a fix on stderr, and
// no project file changed.
func wantNotFound(t *testing.T, dir string, env []string, want string, args ...string) {
	t.Helper()
	before := treeHash(t, dir)
	r := runAmpgo(t, dir, env, "", args...)
	if r.code != 3 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "Fix:") {
		t.Errorf("ampgo %s: want exit 3 with %q and a fix, got %d:\n%s", strings.Join(args, " "), want, r.code, r.stderr)
	}
	if treeHash(t, dir) != before {
		t.Errorf("ampgo %s: a missing resource changed project files", strings.Join(args, " "))
	}
}
