package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/testenv"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// holdProxy is a reverse proxy in front of moto that, for the first
// request of operation op, forwards it, tells the test (sent) and then
// holds moto's answer until ampgo gives up the request: the test interrupts
// ampgo at that exact point, with no sleep.
type holdProxy struct {
	op   string
	sent chan struct{}
	once sync.Once
	mu   sync.Mutex
	ops  map[string]int
	srv  *httptest.Server
}

// holdLimit only keeps a broken test from hanging; ampgo drops the request
// as soon as it is interrupted.
const holdLimit = 30 * time.Second

func newHoldProxy(t *testing.T, op string) *holdProxy {
	t.Helper()
	target, _ := url.Parse(moto.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	h := &holdProxy{op: op, sent: make(chan struct{}), ops: map[string]int{}}
	proxy.ModifyResponse = func(resp *http.Response) error {
		if !h.first(resp.Request) {
			return nil
		}
		close(h.sent) // moto has applied it: the write was sent
		select {
		case <-resp.Request.Context().Done():
		case <-time.After(holdLimit):
		}
		return errors.New("held until the client left")
	}
	proxy.ErrorHandler = func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) }
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		call, _ := awsop.Peek(r)
		op := call.Op
		h.mu.Lock()
		h.ops[op]++
		first := op == h.op && h.ops[op] == 1
		h.mu.Unlock()
		if first {
			r = r.WithContext(context.WithValue(r.Context(), holdKey{}, true))
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

type holdKey struct{}

// first reports whether the outbound request is the one to hold.
func (h *holdProxy) first(r *http.Request) bool {
	held, _ := r.Context().Value(holdKey{}).(bool)
	return held
}

func (h *holdProxy) count(op string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ops[op]
}

// interruptAmpgo runs ampgo in dir and sends it sig once the proxy has
// forwarded its hold operation.
func interruptAmpgo(t *testing.T, dir string, h *holdProxy, sig os.Signal, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, ampgoBin, args...)
	cmd.Dir, cmd.Env = dir, ampgoEnv(t, h.srv.URL)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case <-h.sent:
		if serr := cmd.Process.Signal(sig); serr != nil {
			t.Fatal(serr)
		}
		err = <-done
	case err = <-done:
		t.Fatalf("ampgo %v ended before %s was sent: %v\n%s", args, h.op, err, errOut.String())
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run ampgo %v: %v", args, err)
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// TestInterruptedDeploy: Ctrl-C once CreateStack or UpdateStack was sent
// says the deploy may be in progress and names the stack, never "nothing
// was changed"; the project records the deploy in flight; status shows the
// stack's real state and the next push records the outcome.
func TestInterruptedDeploy(t *testing.T) {
	parallel(t)
	cases := []struct {
		name    string
		pushed  bool   // storage "files" was pushed before "photos" was added
		op      string // the write ampgo is interrupted after
		deploy  string // the stack's status after it
		storage string // the storage whose outputs the reconciling push records
		sig     os.Signal
	}{
		{"first deploy", false, "CreateStack", "CREATE_COMPLETE", "files", os.Interrupt},
		// The case of issue 10: policies on the imported roles, nothing recorded.
		{"update, SIGTERM", true, "UpdateStack", "UPDATE_COMPLETE", "photos", syscall.SIGTERM},
		// The record is on disk before the request leaves.
		{"kill -9", false, "CreateStack", "CREATE_COMPLETE", "files", syscall.SIGKILL},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := seed(t, testenv.SetupOptions{})
			env := ampgoEnv(t, moto.URL())
			dir, proj := catProject(t, env, s)
			mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read")
			if c.pushed {
				mustRun(t, dir, env, "push", "--yes")
				mustRun(t, dir, env, "add", "storage", "--name", "photos", "--auth-access", "read")
			}
			stack := project.StackName(proj, "dev")
			interruptDeploy(t, dir, stack, c.op, c.sig)
			if meta := storageMeta(t, dir, c.storage); meta["output"] != nil {
				t.Errorf("outputs recorded by an interrupted push: %s", meta["output"])
			}
			reconcileDeploy(t, dir, env, c.op, c.deploy, c.storage)
		})
	}
}

// interruptDeploy interrupts `ampgo push --yes` once op was sent and checks
// what it says and records.
func interruptDeploy(t *testing.T, dir, stack, op string, sig os.Signal) {
	t.Helper()
	r := interruptAmpgo(t, dir, newHoldProxy(t, op), sig, "push", "--yes")
	switch {
	case sig == syscall.SIGKILL && r.code != -1:
		t.Fatalf("exit %d after kill -9\n%s", r.code, r.stderr)
	case sig == syscall.SIGKILL:
	case r.code != 130:
		t.Fatalf("exit %d, want 130\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"interrupted after " + op + " of stack " + stack + " was sent", "may still be in progress",
		"describe-stacks --stack-name " + stack + " --region us-east-1", "CloudFormation > Stacks > " + stack, "ampgo push"} {
		if sig != syscall.SIGKILL && !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "nothing was changed") {
		t.Errorf("stderr claims nothing was changed:\n%s", r.stderr)
	}
	var rec project.InflightDeploy
	readJSON(t, dir, project.InflightFile, &rec)
	if rec.Stack != stack || rec.Operation != op || rec.Env != "dev" || rec.Region != "us-east-1" || rec.ClientToken == "" {
		t.Errorf("record %+v", rec)
	}
}

// reconcileDeploy: status reports the interrupted deploy (moto applies
// CloudFormation at once, so the stack is finished), and push records the
// outputs and removes the record.
func reconcileDeploy(t *testing.T, dir string, env []string, op, deployed, storage string) {
	t.Helper()
	st := mustRun(t, dir, env, "status")
	if !strings.Contains(st.stdout, "Interrupted deploy: the last push stopped after "+op) || !strings.Contains(st.stdout, "Stack state: "+deployed) ||
		!strings.Contains(st.stderr, "`ampgo push` to record its outputs") {
		t.Errorf("status:\nstdout %s\nstderr %s", st.stdout, st.stderr)
	}
	if got := statusInflight(t, dir, env); got == nil || got["stackStatus"] != deployed || got["inProgress"] != false || got["operation"] != op {
		t.Errorf("status --output json interruptedDeploy: %v", got)
	}

	p := mustRun(t, dir, env, "push", "--yes")
	if !strings.Contains(p.stderr, "the stack is now "+deployed) {
		t.Errorf("push did not report the reconcile:\n%s", p.stderr)
	}
	var out struct{ BucketName string }
	if err := json.Unmarshal(storageMeta(t, dir, storage)["output"], &out); err != nil || out.BucketName == "" {
		t.Fatalf("outputs of %s not recorded: %v\n%s", storage, err, p.stderr)
	}
	// The JavaScript config names the first storage's bucket.
	if err := json.Unmarshal(storageMeta(t, dir, "files")["output"], &out); err != nil {
		t.Fatal(err)
	}
	if exports := readFile(t, dir, "src/aws-exports.js"); !strings.Contains(exports, `"aws_user_files_s3_bucket": "`+out.BucketName+`"`) {
		t.Errorf("aws-exports.js lacks the bucket %s:\n%s", out.BucketName, exports)
	}
	if _, err := os.Stat(filepath.Join(dir, project.InflightFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("record left after the reconciling push: %v", err)
	}
	if got := statusInflight(t, dir, env); got != nil {
		t.Errorf("status still reports an interrupted deploy: %v", got)
	}
}

// TestInterruptBeforeDeployWrite: Ctrl-C while push only reads says
// nothing was changed, and it is true.
func TestInterruptBeforeDeployWrite(t *testing.T) {
	parallel(t)
	s := seed(t, testenv.SetupOptions{})
	env := ampgoEnv(t, moto.URL())
	dir, _ := catProject(t, env, s)
	mustRun(t, dir, env, "add", "storage", "--name", "files", "--auth-access", "read")
	before := treeHash(t, dir)

	h := newHoldProxy(t, "DescribeStacks")
	r := interruptAmpgo(t, dir, h, os.Interrupt, "push", "--yes")
	if r.code != 130 || !strings.Contains(r.stderr, "interrupted: nothing was changed") {
		t.Fatalf("exit %d, want 130 and 'nothing was changed'\n%s", r.code, r.stderr)
	}
	if n := h.count("CreateStack") + h.count("UpdateStack") + h.count("PutObject"); n != 0 {
		t.Errorf("%d writes sent", n)
	}
	if treeHash(t, dir) != before {
		t.Error("project files changed")
	}
}

// statusInflight is interruptedDeploy of `ampgo status --output json`.
func statusInflight(t *testing.T, dir string, env []string) map[string]any {
	t.Helper()
	r := mustRun(t, dir, env, "status", "--output", "json")
	var st struct {
		InterruptedDeploy map[string]any `json:"interruptedDeploy"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("status --output json: %v\n%s", err, r.stdout)
	}
	return st.InterruptedDeploy
}
