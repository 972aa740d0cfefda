package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/cli"
	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/regions"
	"github.com/ampgo/ampgo/internal/testenv"
)

// complete runs `ampgo __complete args…` in dir, as a shell does on Tab,
// and returns the offered values (with their descriptions) and what cobra
// and ampgo wrote on stderr.
func complete(t *testing.T, dir string, args ...string) (values []string, stderr string) {
	t.Helper()
	f, _, errOut := clitest.Factory(dir, nil)
	root := cli.NewRoot(f, "1.2.3")
	var out, cobraErr bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&cobraErr)
	root.SetArgs(append([]string{"__complete"}, args...))
	if err := root.Execute(); err != nil {
		t.Fatalf("ampgo __complete %q: %v", args, err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	// The last line is cobra's directive (":4"): no file names.
	if last := lines[len(lines)-1]; last != ":4" {
		t.Errorf("ampgo __complete %q: directive %q, want :4 (no file completion)", args, last)
	}
	return lines[:len(lines)-1], errOut.String() + cobraErr.String()
}

// completionProject makes a project with environments dev and prod, a
// storage resource and a function.
func completionProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	p, err := project.Init(dir, project.InitOptions{ProjectName: "shop", Env: "dev", Region: "us-east-1", Frontend: project.FrontendJavaScript})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AddEnv("prod", project.EnvOptions{Region: "eu-west-1"}); err != nil {
		t.Fatal(err)
	}
	if err := p.AddStorage(project.Storage{Name: "photos", BucketPrefix: "photos", AuthAccess: []string{category.OpRead}}); err != nil {
		t.Fatal(err)
	}
	if err := p.AddFunction(project.Function{Name: "hello", Runtime: category.DefaultRuntime, Handler: "index.handler"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// wantOnlyCobraNote fails when anything but cobra's own note (which the
// shell scripts drop) reached stderr.
func wantOnlyCobraNote(t *testing.T, stderr string) {
	t.Helper()
	if rest := strings.TrimSpace(strings.TrimPrefix(stderr, "Completion ended with directive: ShellCompDirectiveNoFileComp\n")); rest != "" {
		t.Errorf("stderr during completion: %q", stderr)
	}
}

// completionCase is one `ampgo __complete` call and the values it offers.
type completionCase struct {
	name string
	args []string
	want []string
}

// checkCompletions runs each case in dir: exactly the wanted values, and
// nothing on stderr but cobra's note.
func checkCompletions(t *testing.T, dir string, tests []completionCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stderr := complete(t, dir, tt.args...)
			if diff := cmp.Diff(tt.want, got, cmpEmpty); diff != "" {
				t.Errorf("ampgo __complete %q (-want +got):\n%s", tt.args, diff)
			}
			wantOnlyCobraNote(t, stderr)
		})
	}
}

func TestCompletionValues(t *testing.T) {
	dir := completionProject(t)
	regionValues := make([]string, len(regions.Cognito))
	for i, r := range regions.Cognito {
		regionValues[i] = r.Code + "\t" + r.Name
	}
	tests := []completionCase{
		{"env checkout", []string{"env", "checkout", ""}, []string{"dev", "prod"}},
		{"env remove", []string{"env", "remove", "p"}, []string{"dev", "prod"}}, // the shell filters by prefix
		{"second argument", []string{"env", "checkout", "dev", ""}, nil},
		{"remove storage --name", []string{"remove", "storage", "--name", ""}, []string{"photos"}},
		{"remove function --name", []string{"remove", "function", "--name", ""}, []string{"hello"}},
		{"remove api --name, none", []string{"remove", "api", "--name", ""}, nil},
		{"--frontend", []string{"init", "--frontend", ""}, project.Frontends},
		{"--runtime", []string{"add", "function", "--runtime", ""}, category.Runtimes},
		{"--output", []string{"status", "--output", ""}, []string{"text", "json"}},
		{"--output=", []string{"env", "list", "--output="}, []string{"text", "json"}},
		{"--region", []string{"doctor", "auth", "--region", ""}, regionValues},
		{"--region on init", []string{"init", "--region", ""}, regionValues},
	}
	checkCompletions(t, dir, tests)
}

// cmpEmpty treats nil and empty lists alike.
var cmpEmpty = cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })

// TestCompletionOutsideProject: no project, no names, no error.
func TestCompletionOutsideProject(t *testing.T) {
	got, stderr := complete(t, t.TempDir(), "env", "checkout", "")
	if len(got) != 0 {
		t.Errorf("env names outside a project: %q", got)
	}
	wantOnlyCobraNote(t, stderr)
}

// TestCompletionCognitoIDs completes ids from moto: the region's user pools,
// the clients of the pool given with --user-pool-id (or recorded for the
// current environment), and the identity pools that list it.
func TestCompletionCognitoIDs(t *testing.T) {
	moto := testenv.Start(t)
	ctx := context.Background()
	s, err := testenv.Seed(ctx, moto.AWSConfig("us-east-1"), testenv.SetupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	setEnv(t, moto.Env())
	t.Setenv("AWS_REGION", "")
	dir := t.TempDir() // not a project: --region gives the region
	pool := s.UserPoolID + "\t" + s.UserPoolName
	clients := []string{s.NativeClientID + "\t" + s.NativeClientName + " (has a client secret)", s.WebClientID + "\t" + s.WebClientName}
	slices.Sort(clients)
	tests := []completionCase{
		{"user pools", []string{"import", "auth", "--region", "us-east-1", "--user-pool-id", ""}, []string{pool}},
		{"doctor's user pools", []string{"doctor", "auth", "--region", "us-east-1", "--user-pool-id", ""}, []string{pool}},
		{"no pools in another region", []string{"import", "auth", "--region", "eu-west-1", "--user-pool-id", ""}, nil},
		{"web clients", []string{"import", "auth", "--region", "us-east-1", "--user-pool-id", s.UserPoolID, "--web-client-id", ""}, clients},
		{"native clients of env add", []string{"env", "add", "x", "--user-pool-id", s.UserPoolID, "--native-client-id", ""}, clients},
		{"no clients without a pool", []string{"import", "auth", "--region", "us-east-1", "--web-client-id", ""}, nil},
		{"identity pools of the pool", []string{"import", "auth", "--user-pool-id", s.UserPoolID, "--identity-pool-id", ""},
			[]string{s.IdentityPoolID + "\t" + s.IdentityPoolName}},
		{"identity pools of the region", []string{"import", "auth", "--region", "us-east-1", "--identity-pool-id", ""},
			[]string{s.IdentityPoolID + "\t" + s.IdentityPoolName}},
	}
	checkCompletions(t, dir, tests)
}

// TestCompletionAWSFailureIsSilent: with credentials that cannot work, or an
// endpoint that never answers, id completion offers nothing, prints
// nothing, and returns (the endpoint case within the completion's own
// time limit, long before the calls' 30 s × 6 attempts).
func TestCompletionAWSFailureIsSilent(t *testing.T) {
	// The body is read first: only then does the server notice that the
	// client hung up, which ends the request's context.
	hang := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
	}))
	t.Cleanup(func() { hang.CloseClientConnections(); hang.Close() })
	empty := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"AWS_CONFIG_FILE=" + empty, "AWS_SHARED_CREDENTIALS_FILE=" + empty, "AWS_EC2_METADATA_DISABLED=true",
		"AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN=", "AWS_PROFILE=", "AWS_ENDPOINT_URL="}
	tests := []struct {
		name string
		env  []string
	}{
		{"unknown profile", []string{"AWS_PROFILE=no-such-profile"}},
		{"no credentials", nil},
		{"endpoint that never answers", []string{"AWS_ACCESS_KEY_ID=AKIDTEST", "AWS_SECRET_ACCESS_KEY=secret", "AWS_ENDPOINT_URL=" + hang.URL}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setEnv(t, append(slices.Clone(base), tt.env...))
			done := make(chan struct{})
			var (
				got    []string
				stderr string
			)
			go func() {
				defer close(done)
				got, stderr = complete(t, t.TempDir(), "import", "auth", "--user-pool-id", "")
			}()
			select {
			case <-done:
			case <-time.After(time.Minute):
				t.Fatal("completion did not return within a minute")
			}
			if len(got) != 0 {
				t.Errorf("offered %q", got)
			}
			wantOnlyCobraNote(t, stderr)
		})
	}
}

// setEnv sets each KEY=value of env for the test.
func setEnv(t *testing.T, env []string) {
	t.Helper()
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}
