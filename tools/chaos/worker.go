package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ampgo/ampgo/internal/testenv"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
	"github.com/ampgo/ampgo/internal/testenv/faultcheck"
	fp "github.com/ampgo/ampgo/internal/testenv/faultproxy"
)

// worker owns one setup, one project (in a parent folder with a sentinel
// and a victim folder), the starting projects of every command and a fault
// proxy. Workers share moto and nothing else.
type worker struct {
	o         *options
	moto      *testenv.Moto
	s         *testenv.Setup
	project   string
	cmds      []faultcheck.Command
	ws        *faultcheck.Workspace
	templates map[string]string // template name -> folder
	refDir    string
	refs      map[string]faultcheck.Tree // command -> state after a fault-free run
	proxy     *fp.Proxy
	direct    []string // env: ampgo straight at moto
	faulty    []string // env: ampgo at the fault proxy
	stop      func()
	snap0     string
	outside0  faultcheck.Tree
}

// outcome is what one run did and which invariants it broke.
type outcome struct {
	p          params
	cmd        string
	code       int // -1 when killed
	killed     bool
	hung       bool
	elapsed    time.Duration
	calls      int
	consistent bool
	leftovers  []string
	lockLeft   bool
	secrets    []string
	noFix      bool
	snapshotOK bool
	outsideOK  bool
	violations []string
	log        strings.Builder // commands and their stderr, for -replay and -v
}

func (o *outcome) violate(format string, args ...any) {
	o.violations = append(o.violations, fmt.Sprintf(format, args...))
}

func newWorker(ctx context.Context, o *options, moto *testenv.Moto, id int) (*worker, error) {
	sfx := fmt.Sprintf("c%02x%03d", o.seed&0xff, id)
	s, err := testenv.Seed(ctx, moto.AWSConfig("us-east-1"), testenv.SetupOptions{Suffix: fmt.Sprintf("%s%04x", sfx, time.Now().UnixNano()&0xffff)})
	if err != nil {
		return nil, fmt.Errorf("seed worker %d: %w", id, err)
	}
	root := filepath.Join(o.dir, fmt.Sprintf("w%d", id))
	ws, err := faultcheck.NewWorkspace(filepath.Join(root, "parent"))
	if err != nil {
		return nil, err
	}
	w := &worker{o: o, moto: moto, s: s, project: "cx" + s.Suffix, cmds: faultcheck.Commands(s), ws: ws,
		templates: map[string]string{}, refDir: filepath.Join(root, "reference"), refs: map[string]faultcheck.Tree{}}
	base := append(os.Environ(), moto.Env()...)
	w.direct = append(slices.Clone(base), "AWS_ENDPOINT_URL="+moto.URL(), "CI=", "NO_COLOR=1")
	w.proxy, err = fp.New(fp.Options{Target: moto.URL()})
	if err != nil {
		return nil, err
	}
	url, stop, err := fp.Start(w.proxy)
	if err != nil {
		return nil, err
	}
	w.stop = stop
	w.faulty = append(slices.Clone(base), "AWS_ENDPOINT_URL="+url, "CI=", "NO_COLOR=1")
	for name, steps := range faultcheck.Templates(w.project, s) {
		dir := filepath.Join(root, "templates", name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		for _, step := range steps {
			if r, err := w.clean(ctx, dir, "", step...); err != nil || r.Code != 0 {
				return nil, fmt.Errorf("worker %d template %s: ampgo %s: exit %d %v\n%s", id, name, strings.Join(step, " "), r.Code, err, r.Stderr)
			}
		}
		w.templates[name] = dir
	}
	if w.snap0, err = w.snapshot(ctx); err != nil {
		return nil, err
	}
	if w.outside0, err = ws.Outside(); err != nil {
		return nil, err
	}
	return w, nil
}

// clean runs ampgo against moto without faults.
func (w *worker) clean(ctx context.Context, dir, stdin string, args ...string) (faultcheck.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, w.o.runTimeout)
	defer cancel()
	return faultcheck.Run(ctx, w.o.bin, dir, w.direct, stdin, nil, args...)
}

// snapshot is the setup's resources without the inline policies the
// project's own stack puts on the imported roles.
func (w *worker) snapshot(ctx context.Context) (string, error) {
	st, err := testenv.SnapshotSetup(ctx, w.moto.AWSConfig("us-east-1"), w.s)
	if err != nil {
		return "", err
	}
	for _, role := range st.Roles {
		for name := range role.InlinePolicies {
			if strings.HasPrefix(name, "ampgo-"+w.project+"-") {
				delete(role.InlinePolicies, name)
			}
		}
	}
	return st.JSON(), nil
}

// reference is the state a fault-free run of cmd makes from its starting
// project; fresh forces a new run (AWS may have moved on, e.g. a stack that
// a faulted run created).
func (w *worker) reference(ctx context.Context, cmd faultcheck.Command, fresh bool) (faultcheck.Tree, error) {
	if t, ok := w.refs[cmd.Name]; ok && !fresh {
		return t, nil
	}
	if err := faultcheck.CopyDir(w.templates[cmd.Template], w.refDir); err != nil {
		return nil, err
	}
	if _, err := w.clean(ctx, w.refDir, cmd.Stdin, cmd.Args...); err != nil {
		return nil, err
	}
	t, err := faultcheck.ReadTree(w.refDir, nil)
	if err != nil {
		return nil, err
	}
	w.refs[cmd.Name] = t.State()
	return w.refs[cmd.Name], nil
}

// run performs one randomized run and checks every invariant.
func (w *worker) run(ctx context.Context, p params) *outcome {
	cmd := w.cmds[p.Command]
	out := &outcome{p: p, cmd: cmd.Name, consistent: true, snapshotOK: true, outsideOK: true}
	if err := faultcheck.CopyDir(w.templates[cmd.Template], w.ws.Project); err != nil {
		out.violate("harness: %v", err)
		return out
	}
	tree0, err := faultcheck.ReadTree(w.ws.Project, nil)
	if err != nil {
		out.violate("harness: %v", err)
		return out
	}

	var mu sync.Mutex
	var proc *os.Process
	sent := false
	kill := func() {
		mu.Lock()
		defer mu.Unlock()
		if proc != nil && proc.Signal(syscall.SIGKILL) == nil {
			sent = true
		}
	}
	var hook func(int, awsop.Call)
	if p.Kill && p.KillAt > 0 {
		hook = func(seq int, _ awsop.Call) {
			if seq == p.KillAt {
				time.AfterFunc(p.KillWait, kill)
			}
		}
	}
	w.proxy.Reconfigure(p.Seed, p.Rules, hook)
	started := func(pr *os.Process) {
		mu.Lock()
		proc = pr
		mu.Unlock()
		if p.Kill && p.KillAt == 0 {
			time.AfterFunc(p.KillWait, kill)
		}
	}
	args := append(slices.Clone(cmd.Args), "--call-timeout", w.o.callTimeout.String())
	rctx, cancel := context.WithTimeout(ctx, w.o.runTimeout)
	r, err := faultcheck.Run(rctx, w.o.bin, w.ws.Project, w.faulty, cmd.Stdin, started, args...)
	cancel()
	mu.Lock()
	proc = nil // no kill after the run
	killed := sent && r.Code == -1 && !r.Hung
	mu.Unlock()
	if err != nil {
		out.violate("harness: %v", err)
		return out
	}
	out.code, out.killed, out.hung, out.elapsed, out.calls = r.Code, killed, r.Hung, r.Elapsed, len(w.proxy.Events())
	fmt.Fprintf(&out.log, "$ ampgo %s   # %s; %s\nexit %d after %s, %d calls\n%s\n", strings.Join(args, " "), p.rules(), p.kill(),
		r.Code, r.Elapsed.Round(time.Millisecond), out.calls, faultcheck.LastLines(r.Stderr, 10))
	texts := map[string]string{"stdout": r.Stdout, "stderr": r.Stderr}

	switch {
	case r.Hung:
		out.violate("hang: killed by the harness after %s", w.o.runTimeout)
	case killed:
	default:
		for _, v := range faultcheck.Exit(r.Code, r.Stderr) {
			if strings.Contains(v, "Fix:") {
				out.noFix = true
			}
			out.violate("%s: %s", v, faultcheck.LastLines(r.Stderr, 2))
		}
	}
	after, err := faultcheck.ReadTree(w.ws.Project, nil)
	if err != nil {
		out.violate("harness: %v", err)
		return out
	}
	if killed || r.Hung || (r.Code != 0 && after.HasInflight()) {
		after = w.recover(ctx, out, texts)
		if after == nil {
			return out
		}
	}
	w.checkAfter(ctx, out, cmd, tree0, after, r.Code == 0 && !killed && !r.Hung, texts)
	return out
}

// recover runs the next command after a kill (status, then push when a
// deploy was left in flight), as a user would; it must complete or roll
// back what the killed command left.
func (w *worker) recover(ctx context.Context, out *outcome, texts map[string]string) faultcheck.Tree {
	steps := [][]string{{"status"}}
	for i := 0; i < len(steps); i++ {
		r, err := w.clean(ctx, w.ws.Project, "", steps[i]...)
		fmt.Fprintf(&out.log, "$ ampgo %s   # the next command\nexit %d\n%s\n", strings.Join(steps[i], " "), r.Code, faultcheck.LastLines(r.Stderr, 6))
		texts["stderr of "+steps[i][0]] = r.Stdout + r.Stderr
		if err != nil || r.Code != 0 || r.Hung {
			out.violate("the next command after the interruption (ampgo %s) failed: exit %d %v: %s", strings.Join(steps[i], " "), r.Code, err, faultcheck.LastLines(r.Stderr, 3))
		}
		t, err := faultcheck.ReadTree(w.ws.Project, nil)
		if err != nil {
			out.violate("harness: %v", err)
			return nil
		}
		if t.HasInflight() && i == 0 {
			steps = append(steps, []string{"push", "--yes"})
		}
	}
	t, err := faultcheck.ReadTree(w.ws.Project, nil)
	if err != nil {
		out.violate("harness: %v", err)
		return nil
	}
	return t
}

// checkAfter checks the project, the lock, the folders around the project,
// secrets and the imported resources after a run (and its recovery).
func (w *worker) checkAfter(ctx context.Context, out *outcome, cmd faultcheck.Command, tree0, after faultcheck.Tree, success bool, texts map[string]string) {
	if out.leftovers = faultcheck.Leftovers(after, true); len(out.leftovers) > 0 {
		out.violate("leftovers: %v", out.leftovers)
	}
	state, old := after.State(), after.State().Equal(tree0.State())
	switch {
	case cmd.ReadOnly && !old:
		out.consistent = false
		out.violate("a read-only command changed the project: %v", faultcheck.Diff(tree0.State(), state))
	case cmd.ReadOnly || (old && !success):
	default:
		ok := false
		var want faultcheck.Tree
		for _, fresh := range []bool{false, true} {
			ref, err := w.reference(ctx, cmd, fresh)
			if err != nil {
				out.violate("harness: reference run: %v", err)
				return
			}
			if want = ref; state.Equal(ref) {
				ok = true
				break
			}
		}
		if !ok {
			out.consistent = false
			if old {
				out.violate("exit 0 but the project is unchanged; a fault-free run changes %v", faultcheck.Diff(tree0.State(), want))
			} else {
				out.violate("torn project: old -> now %v; new -> now %v", faultcheck.Diff(tree0.State(), state), faultcheck.Diff(want, state))
			}
		}
	}
	if r, err := w.clean(ctx, w.ws.Project, "", "env", "list"); err != nil || r.Code != 0 {
		out.lockLeft = true
		out.violate("lock: the next `ampgo env list` failed: exit %d %v: %s", r.Code, err, faultcheck.LastLines(r.Stderr, 2))
	}
	if outside, err := w.ws.Outside(); err != nil || !outside.Equal(w.outside0) {
		out.outsideOK = false
		out.violate("files outside the project changed: %v %v", faultcheck.Diff(w.outside0, outside), err)
	}
	if out.secrets = faultcheck.FindSecrets(w.ws.Project, texts, faultcheck.Secrets(w.s)); len(out.secrets) > 0 {
		out.violate("secrets: %v", out.secrets)
	}
	if snap, err := w.snapshot(ctx); err != nil || snap != w.snap0 {
		out.snapshotOK = false
		out.violate("imported resources changed (or snapshot failed: %v)", err)
	}
}
