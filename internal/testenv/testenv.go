// Package testenv runs moto (a local AWS emulator) for ampgo's tests and
// seeds it with realistic "existing" Cognito setups.
//
// moto is started through tools/moto/ampgo_moto.py, a launcher that adds
// SetIdentityPoolRoles/GetIdentityPoolRoles and makes CreateUserPool fast;
// see docs/testing.md. One server per test package is the intended use:
//
//	func TestMain(m *testing.M) {
//		moto, err := testenv.StartMain()
//		if err != nil {
//			fmt.Fprintln(os.Stderr, err)
//			os.Exit(1)
//		}
//		code := m.Run()
//		moto.Stop()
//		os.Exit(code)
//	}
//
// or, for a single test, m := testenv.Start(t) (stopped by t.Cleanup).
package testenv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// InstallHint tells a developer how to get moto when it is missing.
const InstallHint = "pip install 'moto[server]'"

// ErrMotoMissing is returned (wrapped) by StartMain when python3 or the moto
// package cannot be found.
var ErrMotoMissing = errors.New("moto is not installed (" + InstallHint + ")")

// startTimeout bounds how long StartMain waits for moto to answer. A cold
// start takes ~1-2 s; the rest is headroom for a busy CI machine.
const startTimeout = 30 * time.Second

// Moto is a running moto server owned by the test process.
type Moto struct {
	url     string
	cmd     *exec.Cmd
	dir     string // temp dir: log file and empty AWS config file
	logPath string
	exited  chan struct{} // closed when the process has been reaped
	stop    sync.Once

	clientOnce sync.Once
	client     *http.Client // shared by every AWSConfig

	accounts atomic.Int64 // NewAccount's counter
}

// Start starts moto for one test (or benchmark) and stops it in t.Cleanup.
// It fails the test, with the install hint, when moto is missing: the tests
// that need AWS never skip silently.
func Start(t testing.TB) *Moto {
	t.Helper()
	m, err := StartMain()
	if err != nil {
		t.Fatalf("%v", err) // the error names moto and carries the install hint
	}
	t.Cleanup(m.Stop)
	return m
}

// StartMain starts moto on a free loopback port and waits until it answers.
// It suits TestMain, which has no testing.TB; the caller must call Stop.
func StartMain() (*Moto, error) {
	script, err := launcherPath()
	if err != nil {
		return nil, err
	}
	python := os.Getenv("AMPGO_PYTHON") // escape hatch for odd machines
	if python == "" {
		python = "python3"
	}
	if _, err := exec.LookPath(python); err != nil {
		return nil, fmt.Errorf("find %s: %w", python, ErrMotoMissing)
	}
	// The port is picked by binding :0 and releasing it, so another process
	// can grab it in between; retry a couple of times on early exit.
	var lastErr error
	for range 3 {
		m, err := launch(python, script)
		if err == nil {
			return m, nil
		}
		lastErr = err
		if errors.Is(err, ErrMotoMissing) {
			break
		}
	}
	return nil, lastErr
}

func launch(python, script string) (*Moto, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "ampgo-moto-")
	if err != nil {
		return nil, fmt.Errorf("create moto temp dir: %w", err)
	}
	m := &Moto{
		url:     "http://127.0.0.1:" + strconv.Itoa(port),
		dir:     dir,
		logPath: filepath.Join(dir, "moto.log"),
		exited:  make(chan struct{}),
	}
	if err := os.WriteFile(m.emptyConfig(), nil, 0o600); err != nil {
		m.cleanupDir()
		return nil, fmt.Errorf("write empty aws config: %w", err)
	}
	logFile, err := os.Create(m.logPath)
	if err != nil {
		m.cleanupDir()
		return nil, fmt.Errorf("create moto log: %w", err)
	}
	defer logFile.Close() // the child keeps its own descriptor

	m.cmd = exec.Command(python, script, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	m.cmd.Env = append(os.Environ(),
		"MOTO_IAM_LOAD_MANAGED_POLICIES=true", // AWS-managed policy ARNs attach
		"PYTHONUNBUFFERED=1",                  // log lines reach the file at once
	)
	m.cmd.Stdout = logFile
	m.cmd.Stderr = logFile
	setProcAttr(m.cmd)
	if err := m.cmd.Start(); err != nil {
		m.cleanupDir()
		return nil, fmt.Errorf("start %s: %w", python, err)
	}
	go func() {
		_ = m.cmd.Wait()
		close(m.exited)
	}()
	if err := m.waitReady(startTimeout); err != nil {
		tail := m.logTail(20)
		m.Stop()
		if strings.Contains(tail, "No module named") {
			err = fmt.Errorf("%w: %w", err, ErrMotoMissing)
		}
		return nil, fmt.Errorf("start moto: %w\n--- moto log tail ---\n%s", err, tail)
	}
	return m, nil
}

// waitReady polls GET /moto-api/ until it answers 200, the process dies,
// or the timeout passes.
func (m *Moto) waitReady(timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(timeout)
	for {
		select {
		case <-m.exited:
			return fmt.Errorf("moto exited early (%v)", m.cmd.ProcessState)
		default:
		}
		resp, err := client.Get(m.url + "/moto-api/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("wait for moto at %s: no answer after %v", m.url, timeout)
		}
		select {
		case <-m.exited:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop kills moto's process group, waits until it is reaped and removes the
// temp dir. It is safe to call more than once.
func (m *Moto) Stop() {
	m.stop.Do(func() {
		if m.cmd != nil && m.cmd.Process != nil {
			terminate(m.cmd.Process.Pid)
			select {
			case <-m.exited:
			case <-time.After(5 * time.Second):
				kill(m.cmd.Process.Pid)
				<-m.exited
			}
		}
		m.cleanupDir()
	})
}

// URL is moto's base URL, e.g. "http://127.0.0.1:40123".
func (m *Moto) URL() string { return m.url }

// PID is the process id of the moto server (the launcher).
func (m *Moto) PID() int { return m.cmd.Process.Pid }

// LogPath is the file that receives moto's stdout and stderr. It is removed
// by Stop.
func (m *Moto) LogPath() string { return m.logPath }

// Reset wipes every moto backend (POST /moto-api/reset). The next IAM call
// reloads the AWS-managed policies (~0.6 s once).
func (m *Moto) Reset(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.url+"/moto-api/reset", nil)
	if err != nil {
		return fmt.Errorf("build reset request: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("reset moto: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("reset moto: status %s", resp.Status)
	}
	return nil
}

// Env returns the environment variables that point the ampgo binary (or
// any AWS SDK) at this moto, in DefaultAccount, and away from the
// developer's own AWS setup. Append them to os.Environ(): exec.Cmd keeps
// the last value of a duplicated key, and the SDK treats an empty variable
// as unset, so the empty entries below hide a developer's AWS_PROFILE or
// session token. Retries are left at the product's defaults on purpose.
func (m *Moto) Env() []string { return m.env(defaultKey) }

func (m *Moto) env(accessKey string) []string {
	return []string{
		"AWS_ENDPOINT_URL=" + m.url,
		"AWS_ACCESS_KEY_ID=" + accessKey,
		"AWS_SECRET_ACCESS_KEY=testing",
		"AWS_SESSION_TOKEN=",
		"AWS_PROFILE=",
		"AWS_DEFAULT_PROFILE=",
		"AWS_REGION=us-east-1",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + m.emptyConfig(),
		"AWS_SHARED_CREDENTIALS_FILE=" + m.emptyConfig(),
	}
}

// AWSConfig returns an SDK config for test code, in DefaultAccount: static
// dummy credentials, moto as the endpoint, and a single attempt, because
// moto answers an unimplemented call with HTTP 500, which the SDK would
// retry three times. Its HTTP client avoids a request-body race (see
// newHTTPClient) that a single attempt would otherwise turn into rare
// failures.
func (m *Moto) AWSConfig(region string) aws.Config { return m.config(defaultKey, region) }

func (m *Moto) config(accessKey, region string) aws.Config {
	m.clientOnce.Do(func() { m.client = newHTTPClient() })
	return aws.Config{
		Region:           region,
		Credentials:      credentials.NewStaticCredentialsProvider(accessKey, "testing", ""),
		BaseEndpoint:     aws.String(m.url),
		RetryMaxAttempts: 1,
		HTTPClient:       m.client,
	}
}

func (m *Moto) emptyConfig() string { return filepath.Join(m.dir, "empty-aws-config") }

func (m *Moto) cleanupDir() { _ = os.RemoveAll(m.dir) }

// logTail returns the last n lines of moto's log.
func (m *Moto) logTail(n int) string {
	b, err := os.ReadFile(m.logPath)
	if err != nil {
		return fmt.Sprintf("(read moto log: %v)", err)
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// freePort asks the kernel for an unused loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// launcherPath finds tools/moto/ampgo_moto.py in the repository.
func launcherPath() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "tools", "moto", "ampgo_moto.py")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("find moto launcher: %w", err)
	}
	return p, nil
}

// RepoRoot is the folder of go.mod, found by walking up from the working
// directory (a test runs in its package's folder).
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("get working dir: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find repo root: no go.mod above the working dir")
		}
		dir = parent
	}
}
