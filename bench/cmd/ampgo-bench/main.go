// Command ampgo-bench measures Cognito discovery at scale: it builds the
// ampgo binary, starts the patched moto, seeds accounts of N user pools and
// N identity pools, puts a proxy with round-trip latency and Cognito's
// request-rate quotas in front of moto, runs the scenarios through the real
// binary and, side by side, the Amplify CLI's call strategy, and prints a
// Markdown table with the ratio of each wall time to its lower bound.
//
//	go run ./bench/cmd/ampgo-bench -n 10,100          # make bench-quick
//	go run ./bench/cmd/ampgo-bench -n 10,100,1000     # make bench
//
// See docs/benchmarks.md for how to read the table.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ampgo/ampgo/bench/quota"
)

// options are the command's flags.
type options struct {
	sizes        []int
	latency      time.Duration
	burstSeconds float64
	table        *quota.Table
	scenarios    string
	baseline     bool
	seedWorkers  int
	ampgo        string
	floor        string // ampgo-floor binary, "" = not run
	noFloor      bool
	out          string
	versionRuns  int
	listRuns     int
	trace        string
}

// quotaFlags is the repeatable -quota flag.
type quotaFlags struct{ t *quota.Table }

func (q quotaFlags) String() string     { return "" }
func (q quotaFlags) Set(v string) error { return q.t.Override(v) }

// parseFlags reads the command line.
func parseFlags(args []string) (*options, error) {
	o := &options{table: quota.Default()}
	fs := flag.NewFlagSet("ampgo-bench", flag.ContinueOnError)
	sizes := fs.String("n", "10,100,1000", "account sizes: user pools (and identity pools) per run, comma-separated")
	fs.DurationVar(&o.latency, "latency", 60*time.Millisecond, "round-trip latency the proxy adds to every call")
	fs.Float64Var(&o.burstSeconds, "burst-seconds", 1, "token bucket size, in seconds of quota")
	fs.Var(quotaFlags{o.table}, "quota", "override a quota, Operation=RPS (0 removes it); repeatable")
	fs.StringVar(&o.scenarios, "scenarios", "a,b,c,d", "scenarios to run: a headless, b list ready, c user pool id only, d doctor")
	fs.BoolVar(&o.baseline, "baseline", true, "also run the Amplify CLI's strategy")
	fs.IntVar(&o.seedWorkers, "seed-workers", 8, "parallel seeding calls to moto")
	fs.StringVar(&o.ampgo, "ampgo", "", "ampgo binary to measure (default: go build ./cmd/ampgo)")
	fs.BoolVar(&o.noFloor, "no-floor", false, "do not run ampgo-floor, the least a Go program with the same SDK does for scenario (b)")
	fs.StringVar(&o.out, "o", "", "also write the report to this file")
	fs.IntVar(&o.versionRuns, "version-runs", 15, "runs of `ampgo --version` to time")
	fs.IntVar(&o.listRuns, "list-runs", 5, "runs of scenario (b), which lasts a few round trips: the row is the run of median wall time")
	fs.StringVar(&o.trace, "trace", "", "write every call of every run as CSV (seconds,operation,status,throttled) into this folder")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n: %q is not a positive number", s)
		}
		o.sizes = append(o.sizes, n)
	}
	return o, nil
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := benchmark(ctx, o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ampgo-bench:", err)
		stop()
		os.Exit(1)
	}
}

// benchmark builds ampgo unless given, runs every size and writes the report.
func benchmark(ctx context.Context, o *options, stdout, log io.Writer) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "ampgo-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if o.ampgo == "" {
		o.ampgo = filepath.Join(tmp, "ampgo")
		if err := goBuild(ctx, root, o.ampgo, "./cmd/ampgo", log); err != nil {
			return err
		}
	}
	if !o.noFloor && o.wants("b") {
		o.floor = filepath.Join(tmp, "ampgo-floor")
		if err := goBuild(ctx, root, o.floor, "./bench/cmd/ampgo-floor", log); err != nil {
			return err
		}
	}
	b, err := newBench(ctx, o, tmp, log)
	if err != nil {
		return err
	}
	defer b.close()
	rep, err := b.all()
	if err != nil {
		return err
	}
	if _, err := io.WriteString(stdout, rep); err != nil {
		return err
	}
	if o.out != "" {
		return os.WriteFile(o.out, []byte(rep), 0o644)
	}
	return nil
}

// repoRoot walks up from the working directory to go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above %s: run from the repository", dir)
		}
		dir = parent
	}
}

// goBuild builds the package pkg of the repository at root into out.
func goBuild(ctx context.Context, root, out, pkg string, log io.Writer) error {
	fmt.Fprintf(log, "building %s …\n", pkg)
	build := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	build.Dir, build.Stdout, build.Stderr = root, log, log
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build %s: %w", pkg, err)
	}
	return nil
}
