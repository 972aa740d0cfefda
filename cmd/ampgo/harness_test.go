package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/testenv"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// The integration tests run the real ampgo binary against one patched moto
// per test package, as a user would.
var (
	ampgoBin string
	moto     *testenv.Moto
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "ampgo-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	ampgoBin = filepath.Join(dir, "ampgo")
	build := exec.Command("go", "build", "-o", ampgoBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build ampgo:", err)
		return 1
	}
	if moto, err = testenv.StartMain(); err != nil {
		fmt.Fprintln(os.Stderr, "start moto:", err)
		return 1
	}
	defer moto.Stop()
	return m.Run()
}

// result is one finished ampgo run.
type result struct {
	stdout, stderr string
	code           int
}

// ampgoEnv points ampgo at endpoint (moto or a counting proxy in front of it).
func ampgoEnv(endpoint string) []string {
	env := append(os.Environ(), moto.Env()...)
	return append(env, "AWS_ENDPOINT_URL="+endpoint, "CI=", "NO_COLOR=1")
}

// runAmpgo runs ampgo in dir with no terminal and the given stdin.
func runAmpgo(t *testing.T, dir string, env []string, stdin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, ampgoBin, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run ampgo %v: %v", args, err)
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// mustRun runs ampgo and fails the test unless it exits 0.
func mustRun(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	r := runAmpgo(t, dir, env, "", args...)
	if r.code != 0 {
		t.Fatalf("ampgo %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// newProject makes a temp folder with an initialized javascript project.
func newProject(t *testing.T, env []string) string {
	t.Helper()
	dir := t.TempDir()
	mustRun(t, dir, env, "init", "--project", "acmeapp", "--env", "dev", "--region", "us-east-1", "--yes")
	return dir
}

// seed creates a setup in moto.
func seed(t *testing.T, opts testenv.SetupOptions) *testenv.Setup {
	t.Helper()
	s, err := testenv.Seed(context.Background(), moto.AWSConfig("us-east-1"), opts)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	return s
}

// snapshot dumps everything in moto that ampgo must never change.
func snapshot(t *testing.T) string {
	t.Helper()
	st, err := testenv.Snapshot(context.Background(), moto.AWSConfig("us-east-1"), "us-east-1")
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return st.JSON()
}

// treeHash hashes every file under dir (path + content), to prove a command
// changed nothing.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "ampgo.lock" {
			return err // the empty lock file is not project state
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %x", rel, sha256.Sum256(b)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// callCounter is a reverse proxy in front of moto that counts AWS
// operations, so tests can prove which calls ampgo makes.
type callCounter struct {
	mu  sync.Mutex
	ops map[string]int
	srv *httptest.Server
}

func newCallCounter(t *testing.T) *callCounter {
	t.Helper()
	target, _ := url.Parse(moto.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	c := &callCounter{ops: map[string]int{}}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.record(r)
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(c.srv.Close)
	return c
}

func (c *callCounter) record(r *http.Request) {
	call, _ := awsop.Peek(r)
	op := call.Op
	c.mu.Lock()
	c.ops[op]++
	c.mu.Unlock()
}

// take returns the counts so far and starts again from zero.
func (c *callCounter) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.ops
	c.ops = map[string]int{}
	return out
}

func total(ops map[string]int) int {
	n := 0
	for _, v := range ops {
		n += v
	}
	return n
}
