// Package run starts the ampgo binary for the benchmark and measures it:
// wall time, CPU time (user + system, from the process state) and peak
// resident set (sampled from /proc, see watchRSS).
package run

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// Result is one finished ampgo process.
type Result struct {
	Wall     time.Duration
	CPU      time.Duration // user + system
	MaxRSS   int64         // peak resident set in bytes; 0 off Linux
	ExitCode int
	Stdout   string
	Stderr   string
}

// Median returns the result of median wall time among rs (the later of
// the two middle ones for an even count); rs must not be empty.
func Median(rs []Result) Result {
	sorted := slices.Clone(rs)
	slices.SortStableFunc(sorted, func(a, b Result) int { return cmp.Compare(a.Wall, b.Wall) })
	return sorted[len(sorted)/2]
}

// OK reports whether the process exited 0.
func (r Result) OK() bool { return r.ExitCode == 0 }

// Summary is "ok" or "exit N: <last line of stderr>".
func (r Result) Summary() string {
	if r.OK() {
		return "ok"
	}
	return fmt.Sprintf("exit %d: %s", r.ExitCode, LastLine(r.Stderr))
}

// LastLine returns the last non-empty line of s, shortened for a table cell.
func LastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	l := strings.TrimSpace(lines[len(lines)-1])
	for _, line := range lines {
		if strings.HasPrefix(line, "Error: ") {
			l = strings.TrimSpace(line) // the error, not the hint after it
		}
	}
	l = strings.ReplaceAll(l, "|", "/")
	if len(l) > 160 {
		l = l[:157] + "..."
	}
	return l
}

// Command runs bin with args in dir, stdin as input, and measures it.
func Command(ctx context.Context, bin, dir string, env []string, stdin string, args ...string) (Result, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, fmt.Errorf("start %s %s: %w", bin, strings.Join(args, " "), err)
	}
	stopRSS := watchRSS(cmd.Process.Pid)
	err := cmd.Wait()
	wall := time.Since(start)
	peak := stopRSS()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return Result{}, fmt.Errorf("run %s %s: %w", bin, strings.Join(args, " "), err)
	}
	r := Result{Wall: wall, Stdout: out.String(), Stderr: errOut.String(), ExitCode: cmd.ProcessState.ExitCode()}
	r.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	r.MaxRSS = peak
	return r, nil
}
