// Command chaos is the long randomized fault run of issue 10 (`make
// chaos`): it starts moto and one fault proxy per worker, builds ampgo,
// seeds a setup per worker, and performs -runs runs, each a random command
// of the fault matrix under a random mix of faults, some killed with
// SIGKILL at a random request or moment. After every run it checks the
// invariants of internal/testenv/faultcheck (after a kill, once the next
// command ran) and finally prints a Markdown table; it exits 1 when any
// invariant broke, naming the runs to replay with -replay.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/ampgo/ampgo/internal/testenv"
)

type options struct {
	runs        int
	seed        int64
	workers     int
	killFrac    float64
	deadline    time.Duration
	runTimeout  time.Duration
	callTimeout time.Duration
	replay      int
	out         string
	verbose     bool
	bin         string
	dir         string
}

func main() {
	os.Exit(run())
}

func run() int {
	o := &options{}
	flag.IntVar(&o.runs, "runs", 1000, "number of randomized runs")
	flag.Int64Var(&o.seed, "seed", 1, "seed of every random choice; the same seed draws the same runs")
	flag.IntVar(&o.workers, "workers", 6, "runs at once, each worker with its own setup, project and proxy")
	flag.Float64Var(&o.killFrac, "kill", 0.25, "fraction of runs killed with SIGKILL at a random request or moment")
	flag.DurationVar(&o.deadline, "deadline", 20*time.Minute, "stop starting runs after this long")
	flag.DurationVar(&o.runTimeout, "run-timeout", 2*time.Minute, "a run still going after this long is killed and counted as a hang")
	flag.DurationVar(&o.callTimeout, "call-timeout", time.Second, "ampgo --call-timeout for every run")
	flag.IntVar(&o.replay, "replay", 0, "perform only run number RUN of -seed, with its log")
	flag.StringVar(&o.out, "o", "", "also write the Markdown report to this file")
	flag.BoolVar(&o.verbose, "v", false, "print one line per run")
	flag.StringVar(&o.bin, "ampgo", "", "ampgo binary to test (default: build ./cmd/ampgo)")
	flag.Parse()

	dir, err := os.MkdirTemp("", "ampgo-chaos-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	o.dir = dir
	if o.bin == "" {
		o.bin = filepath.Join(dir, "ampgo")
		build := exec.Command("go", "build", "-o", o.bin, "./cmd/ampgo")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "build ampgo:", err)
			return 2
		}
	}
	moto, err := testenv.StartMain()
	if err != nil {
		fmt.Fprintln(os.Stderr, "start moto:", err)
		return 2
	}
	defer moto.Stop()

	ctx, cancel := context.WithTimeout(context.Background(), o.deadline)
	defer cancel()
	if o.replay > 0 {
		o.workers = 1
	}
	workers := make([]*worker, o.workers)
	var wg sync.WaitGroup
	errs := make([]error, o.workers)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			workers[i], errs[i] = newWorker(context.Background(), o, moto, i)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer workers[i].stop()
	}
	ncmd := len(workers[0].cmds)

	if o.replay > 0 {
		out := workers[0].run(context.Background(), draw(o.seed, o.replay, ncmd, o.killFrac))
		fmt.Print(out.log.String())
		for _, v := range out.violations {
			fmt.Println("VIOLATION:", v)
		}
		if len(out.violations) > 0 {
			return 1
		}
		fmt.Println("all invariants held")
		return 0
	}

	start := time.Now()
	jobs := make(chan int)
	results := make(chan *outcome)
	var running sync.WaitGroup
	for _, w := range workers {
		running.Add(1)
		go func() {
			defer running.Done()
			for n := range jobs {
				results <- w.run(context.Background(), draw(o.seed, n, ncmd, o.killFrac))
			}
		}()
	}
	stopped := false
	go func() {
		defer close(jobs)
		for n := 1; n <= o.runs; n++ {
			select {
			case jobs <- n:
			case <-ctx.Done():
				stopped = true
				return
			}
		}
	}()
	go func() { running.Wait(); close(results) }()
	// Runs in flight at the deadline still end (within -run-timeout) and count.
	var all []*outcome
	for r := range results {
		all = append(all, r)
		if o.verbose {
			fmt.Fprintf(os.Stderr, "run %4d %-16s exit %3d %7s %-40s %s %v\n", r.p.Run, r.cmd, r.code,
				r.elapsed.Round(time.Millisecond), r.p.rules(), r.p.kill(), r.violations)
		}
	}
	return report(o, all, time.Since(start), stopped)
}
