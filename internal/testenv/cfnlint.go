package testenv

import (
	"bytes"
	"os/exec"
	"testing"
)

// CfnLint runs cfn-lint on template files and fails the test with its
// findings. cfn-lint is preinstalled on our machines (pip install cfn-lint
// elsewhere, or tools/ensure-deps.sh cfnlint); the test fails rather than
// skips without it, like the moto tests: what moto accepts is no proof that
// AWS would.
func CfnLint(t testing.TB, files ...string) {
	t.Helper()
	bin, err := exec.LookPath("cfn-lint")
	if err != nil {
		t.Fatalf("cfn-lint not found: install it with `pip install cfn-lint` (or run tools/ensure-deps.sh cfnlint)")
	}
	cmd := exec.Command(bin, append([]string{"--format", "parseable", "--"}, files...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Errorf("cfn-lint found problems (%v):\n%s", err, out.String())
	}
}
