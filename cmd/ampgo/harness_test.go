package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ampgo/ampgo/internal/testenv"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// The integration tests run the real ampgo binary against one patched moto
// per test package, as a user would. They run in parallel: every top-level
// test starts with parallel(t), which gives it an AWS account of its own in
// moto, so no test sees another's resources (IAM and S3 included), and a
// snapshot of "everything" is a snapshot of the test's own world. Test
// code reaches AWS only through t: awsConfig(t, region) for the SDK,
// ampgoEnv(t, endpoint) for the binary.
var (
	ampgoBin string
	moto     *motoServer
)

// motoServer is the package's moto. It has no account-less AWSConfig or
// Env on purpose: those would act in moto's default account, which no
// test owns.
type motoServer struct{ m *testenv.Moto }

// URL is moto's base URL.
func (s *motoServer) URL() string { return s.m.URL() }

// defaultParallel is how many top-level tests run at once unless -parallel
// says otherwise: they mostly wait for ampgo, moto and the timeouts they
// provoke, not for the CPU, so GOMAXPROCS (go test's default, 2 on our
// machines) would leave the cores idle.
const defaultParallel = 8

func TestMain(m *testing.M) {
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		_ = flag.Set("test.parallel", strconv.Itoa(max(defaultParallel, runtime.GOMAXPROCS(0))))
	}
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
	server, err := testenv.StartMain()
	if err != nil {
		fmt.Fprintln(os.Stderr, "start moto:", err)
		return 1
	}
	defer server.Stop()
	moto = &motoServer{m: server}
	return m.Run()
}

// accounts maps a running top-level test's name to its AWS account.
var accounts sync.Map

// parallel is the first line of every top-level test: the test runs in
// parallel with the others, in an AWS account that is its own for this run
// (a new one for each -count). A test that sets process-wide state (the
// environment, the working directory, a package variable) must not call
// it, and so gets no account.
func parallel(t *testing.T) {
	t.Helper()
	if strings.Contains(t.Name(), "/") {
		t.Fatal("parallel is for top-level tests; subtests share their test's account")
	}
	accounts.Store(t.Name(), moto.m.NewAccount())
	t.Cleanup(func() { accounts.Delete(t.Name()) })
	t.Parallel()
}

// account is the AWS account of the top-level test that t is or belongs to.
func account(t testing.TB) *testenv.Account {
	t.Helper()
	root, _, _ := strings.Cut(t.Name(), "/")
	a, ok := accounts.Load(root)
	if !ok {
		t.Fatalf("%s reaches AWS without an account: start it with parallel(t)", root)
	}
	return a.(*testenv.Account)
}

// awsConfig is an SDK config for t's account in region.
// The test's own reads and writes go straight to moto, which under the
// suite's full parallel load has answered a rare HTTP 500 with no body;
// three attempts keep such a hiccup from failing a check of ampgo's work.
func awsConfig(t testing.TB, region string) aws.Config {
	t.Helper()
	cfg := account(t).AWSConfig(region)
	cfg.RetryMaxAttempts = 3
	return cfg
}

// result is one finished ampgo run.
type result struct {
	stdout, stderr string
	code           int
}

// ampgoEnv points ampgo at endpoint (moto or a counting proxy in front of
// it), in t's account.
func ampgoEnv(t testing.TB, endpoint string) []string {
	t.Helper()
	env := append(os.Environ(), account(t).Env()...)
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

// seed creates a setup in t's account.
func seed(t *testing.T, opts testenv.SetupOptions) *testenv.Setup {
	t.Helper()
	s, err := testenv.Seed(context.Background(), awsConfig(t, "us-east-1"), opts)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	return s
}

// snapshot dumps everything in t's account that ampgo must never change.
func snapshot(t *testing.T) string {
	t.Helper()
	st, err := testenv.Snapshot(context.Background(), awsConfig(t, "us-east-1"), "us-east-1")
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
