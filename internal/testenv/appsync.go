package testenv

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// AppSyncHarnessDir is tools/appsync-harness, relative to the repository
// root: the Node harness that lints APPSYNC_JS resolvers and executes them
// against DynamoDB (docs/graphql-resolvers.md).
const AppSyncHarnessDir = "tools/appsync-harness"

// AppSyncHarness returns node and the harness folder. Without node or the
// harness's packages the test fails naming `make deps` in CI (CI set) and
// is skipped elsewhere.
func AppSyncHarness(t testing.TB) (node, dir string) {
	t.Helper()
	return nodeTool(t, AppSyncHarnessDir, "appsync harness", true)
}

// ResolverRunner is one `node run.mjs` process of the harness: a JSON line
// in, a JSON line out (the step protocol is at the top of run.mjs).
type ResolverRunner struct {
	in  io.WriteCloser
	out *bufio.Reader
}

// StartResolverRunner starts run.mjs with env added to the environment
// (AWS_ENDPOINT_URL and credentials of the DynamoDB to use); it stops when
// the test ends, and its stderr is logged if the test failed.
func StartResolverRunner(t testing.TB, node, dir string, env []string) *ResolverRunner {
	t.Helper()
	cmd := exec.Command(node, filepath.Join(dir, "run.mjs"))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = in.Close()
		_ = cmd.Wait()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("harness stderr:\n%s", stderr.String())
		}
	})
	return &ResolverRunner{in: in, out: bufio.NewReaderSize(out, 1<<20)}
}

// Do sends one step (a JSON line) and returns the harness's answer line.
func (h *ResolverRunner) Do(t testing.TB, step []byte) []byte {
	t.Helper()
	if _, err := h.in.Write(append(step, '\n')); err != nil {
		t.Fatalf("write to the appsync harness: %v", err)
	}
	line, err := h.out.ReadBytes('\n')
	if err != nil {
		t.Fatalf("read from the appsync harness: %v", err)
	}
	return line
}
