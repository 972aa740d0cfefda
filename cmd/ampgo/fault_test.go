package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/testenv"
	"github.com/ampgo/ampgo/internal/testenv/faultcheck"
	fp "github.com/ampgo/ampgo/internal/testenv/faultproxy"
)

// Issue 10: every command of the matrix under every fault kind keeps the
// contract. The faults are deterministic (fixed rules, a seed per cell), so
// a failing cell fails the same way on every run.

// outcome is what a cell must end with, beyond the contract every run keeps.
type outcome int

const (
	mustSucceed outcome = iota // the retries absorb the fault: exit 0
	mustFail                   // the fault persists: exit 1 with a fix (unless no call was faulted)
)

// faultCase is the fault of one cell: the proxy's rules, the extra flags and
// the outcome.
type faultCase struct {
	rules []fp.Rule
	flags []string
	want  outcome
}

// callTimeout is the per-attempt limit the hang cells ask for: a hang must
// end within it times the attempts, not within the default 30 s.
const callTimeout = "500ms"

// faultCaseFor picks, per kind, a fault that shows what the contract asks:
// low rates of transient errors are absorbed, a persistent error or a hang
// ends in exit 1 with a fix, a lost answer to a write is never a torn tree.
func faultCaseFor(kind fp.Kind, cmd faultcheck.Command) faultCase {
	switch kind {
	case fp.HTTP500:
		return faultCase{rules: absorbable(kind), want: mustSucceed}
	case fp.HTTP503:
		return faultCase{rules: []fp.Rule{{Kind: kind, Every: true}}, want: mustFail}
	case fp.Throttle:
		return faultCase{rules: []fp.Rule{{Kind: kind, First: 3}}, want: mustSucceed}
	case fp.Reset:
		return faultCase{rules: absorbable(kind), want: mustSucceed}
	case fp.Lost:
		if cmd.Name == "push-storage" { // the write whose answer is lost
			// The SDK's retry carries the same ClientRequestToken, which
			// CloudFormation answers with the stack it started.
			return faultCase{rules: []fp.Rule{{Kind: kind, Op: "CreateStack", Nth: 1}}, want: mustSucceed}
		}
		return faultCase{rules: []fp.Rule{{Kind: kind, Nth: 2}}, want: mustSucceed}
	case fp.Stall:
		return faultCase{rules: []fp.Rule{{Kind: kind, Nth: 1, Delay: 300 * time.Millisecond}, {Kind: kind, Rate: 0.5, Delay: 300 * time.Millisecond}}, want: mustSucceed}
	case fp.Hang:
		return faultCase{rules: []fp.Rule{{Kind: kind, Every: true}}, flags: []string{"--call-timeout", callTimeout}, want: mustFail}
	}
	panic("no fault case for " + kind)
}

// absorbable fails the 1st, 2nd, 4th, 7th and 11th call of the run: five
// faults in all, so no call can fail all its MaxAttempts (6) attempts,
// whichever order concurrent calls arrive in. (A rate of 1/3 failed one
// operation's 6 attempts in a row now and then: 0.14 % per operation, a few
// percent per matrix, which is a flaky test, not a finding.)
func absorbable(kind fp.Kind) []fp.Rule {
	var rules []fp.Rule
	for _, n := range []int{1, 2, 4, 7, 11} {
		rules = append(rules, fp.Rule{Kind: kind, Nth: n})
	}
	return rules
}

// cellDeadline bounds one faulted run: with --call-timeout 500ms a hang
// costs six attempts and the SDK's backoff (at most 20 s between attempts).
const cellDeadline = 90 * time.Second

// faultWorkers is how many cells run at once: they mostly wait on the
// proxy's faults and the SDK's backoff, not on the 2 cores.
const faultWorkers = 12

// TestFaultMatrix runs every command of faultcheck.Commands under every
// fault kind, each cell with its own setup, project and proxy, and checks
// the contract of issue 10 after each run (see checkCell).
func TestFaultMatrix(t *testing.T) {
	parallel(t)
	type cell struct {
		cmd  string
		kind fp.Kind
	}
	var cells []cell
	for _, c := range faultcheck.Commands(&testenv.Setup{}) {
		for _, k := range fp.Kinds {
			cells = append(cells, cell{c.Name, k})
		}
	}
	groups := &faultGroups{root: t.TempDir(), m: map[string]*faultGroup{}}
	var mu sync.Mutex
	verdicts := map[cell]string{}
	sem := make(chan struct{}, faultWorkers)
	var wg sync.WaitGroup
	for _, c := range cells {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			// t.Run from many goroutines runs the cells at once without
			// t.Parallel, whose limit is -parallel (GOMAXPROCS: 2 here).
			t.Run(c.cmd+"/"+string(c.kind), func(t *testing.T) {
				defer func() {
					mu.Lock()
					defer mu.Unlock()
					verdicts[c] = map[bool]string{false: "ok", true: "FAIL"}[t.Failed()]
				}()
				runCell(t, groups, c.cmd, c.kind)
			})
		}()
	}
	wg.Wait()
	var b strings.Builder
	fmt.Fprintf(&b, "\n| command |")
	for _, k := range fp.Kinds {
		fmt.Fprintf(&b, " %s |", k)
	}
	fmt.Fprintf(&b, "\n|---|%s\n", strings.Repeat("---|", len(fp.Kinds)))
	for _, c := range faultcheck.Commands(&testenv.Setup{}) {
		fmt.Fprintf(&b, "| %s |", c.Name)
		for _, k := range fp.Kinds {
			v := verdicts[cell{c.Name, k}]
			if v == "" {
				v = "-" // not run (-run)
			}
			fmt.Fprintf(&b, " %s |", v)
		}
		b.WriteString("\n")
	}
	t.Log(b.String())
}

// faultGroup is what the cells of one command share: a setup, the starting
// project (built once, copied into each cell) and the fault-free result of
// the command from it. push-storage deploys a stack named for the project,
// so each of its cells has a group, and a project name, of its own.
type faultGroup struct {
	once     sync.Once
	err      error
	s        *testenv.Setup
	cmd      faultcheck.Command
	project  string
	template string // the starting project
	snap0    string

	refMu sync.Mutex
	ref   faultcheck.Tree
}

// faultGroups hands out the groups of TestFaultMatrix.
type faultGroups struct {
	root string
	mu   sync.Mutex
	m    map[string]*faultGroup
}

func (g *faultGroups) get(t *testing.T, cmdName string, kind fp.Kind) *faultGroup {
	t.Helper()
	key := cmdName
	if cmdName == "push-storage" {
		key += "/" + string(kind)
	}
	g.mu.Lock()
	grp, ok := g.m[key]
	if !ok {
		grp = &faultGroup{}
		g.m[key] = grp
	}
	g.mu.Unlock()
	grp.once.Do(func() { grp.err = grp.build(t, filepath.Join(g.root, strings.ReplaceAll(key, "/", "-")), cmdName) })
	if grp.err != nil {
		t.Fatalf("prepare %s: %v", key, grp.err)
	}
	return grp
}

// build seeds the group's setup and runs the steps of its template.
func (g *faultGroup) build(t testing.TB, dir, cmdName string) error {
	s, err := testenv.Seed(context.Background(), awsConfig(t, "us-east-1"), testenv.SetupOptions{})
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	g.s, g.project, g.template = s, "fx"+s.Suffix, filepath.Join(dir, "project")
	for _, c := range faultcheck.Commands(s) {
		if c.Name == cmdName {
			g.cmd = c
		}
	}
	if err := os.MkdirAll(g.template, 0o755); err != nil {
		return err
	}
	for _, step := range faultcheck.Templates(g.project, s)[g.cmd.Template] {
		if err := runClean(t, g.template, "", step...); err != nil {
			return err
		}
	}
	st, err := matrixSnapshot(t, s)
	g.snap0 = st
	return err
}

// runClean runs ampgo against moto without faults and wants exit 0.
func runClean(t testing.TB, dir, stdin string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := faultcheck.Run(ctx, ampgoBin, dir, ampgoEnv(t, moto.URL()), stdin, nil, args...)
	if err == nil && r.Code != 0 {
		err = fmt.Errorf("ampgo %s: exit %d\n%s", strings.Join(args, " "), r.Code, faultcheck.LastLines(r.Stderr, 6))
	}
	return err
}

// result is the tree a fault-free run of the command makes from the
// template; it is computed once (the commands other than push-storage
// write nothing to AWS, so the result does not change).
func (g *faultGroup) result(t *testing.T) faultcheck.Tree {
	t.Helper()
	g.refMu.Lock()
	defer g.refMu.Unlock()
	if g.ref != nil {
		return g.ref
	}
	ref := filepath.Join(filepath.Dir(g.template), "reference")
	if err := faultcheck.CopyDir(g.template, ref); err != nil {
		t.Fatal(err)
	}
	if err := runClean(t, ref, g.cmd.Stdin, g.cmd.Args...); err != nil {
		t.Logf("the fault-free reference run failed (AWS changed by the faulted run?): %v", err)
	}
	tr, err := faultcheck.ReadTree(ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	g.ref = tr
	return tr
}

// matrixSnapshot is the setup's resources without what ampgo owns on the
// imported roles: the inline policies the matrix's stacks attach
// (ampgo-fx<suffix>-…).
func matrixSnapshot(t testing.TB, s *testenv.Setup) (string, error) {
	st, err := testenv.SnapshotSetup(context.Background(), awsConfig(t, "us-east-1"), s)
	if err != nil {
		return "", fmt.Errorf("snapshot: %w", err)
	}
	for _, role := range st.Roles {
		for name := range role.InlinePolicies {
			if strings.HasPrefix(name, "ampgo-fx") {
				delete(role.InlinePolicies, name)
			}
		}
	}
	return st.JSON(), nil
}

// runCell copies the command's starting project into a workspace of its
// own, runs the command once behind a fault proxy and checks the run.
func runCell(t *testing.T, groups *faultGroups, cmdName string, kind fp.Kind) {
	g := groups.get(t, cmdName, kind)
	ws, err := faultcheck.NewWorkspace(filepath.Join(t.TempDir(), "parent"))
	if err != nil {
		t.Fatal(err)
	}
	if err := faultcheck.CopyDir(g.template, ws.Project); err != nil {
		t.Fatal(err)
	}
	c := &cellRun{t: t, g: g, ws: ws, direct: ampgoEnv(t, moto.URL())}
	c.tree0, c.outside0 = c.tree(ws.Project), c.outside()

	fc := faultCaseFor(kind, g.cmd)
	h := fnv.New64a()
	h.Write([]byte(cmdName + "/" + string(kind)))
	p, err := fp.New(fp.Options{Target: moto.URL(), Seed: int64(h.Sum64()), Rules: fc.rules})
	if err != nil {
		t.Fatal(err)
	}
	url, stop, err := fp.Start(p)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), cellDeadline)
	defer cancel()
	r, err := faultcheck.Run(ctx, ampgoBin, ws.Project, ampgoEnv(t, url), g.cmd.Stdin, nil, append(g.cmd.Args, fc.flags...)...)
	if err != nil {
		t.Fatal(err)
	}
	faulted := 0
	for _, e := range p.Events() {
		if e.Fault != "" {
			faulted++
		}
	}
	t.Logf("%s under %v: exit %d after %s, %d calls, %d faulted", strings.Join(g.cmd.Args, " "), fc.rules, r.Code,
		r.Elapsed.Round(time.Millisecond), len(p.Events()), faulted)
	if faulted == 0 {
		t.Errorf("no call was faulted: the cell proves nothing (%d calls)", len(p.Events()))
	}
	c.check(r, fc.want, faulted > 0)
}

// cellRun is one cell's state before the run.
type cellRun struct {
	t               *testing.T
	g               *faultGroup
	ws              *faultcheck.Workspace
	direct          []string
	tree0, outside0 faultcheck.Tree
}

func (c *cellRun) tree(dir string) faultcheck.Tree {
	c.t.Helper()
	tr, err := faultcheck.ReadTree(dir, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return tr
}

func (c *cellRun) outside() faultcheck.Tree {
	c.t.Helper()
	tr, err := c.ws.Outside()
	if err != nil {
		c.t.Fatal(err)
	}
	return tr
}

// check asserts the contract of issue 10 on one faulted run r.
func (c *cellRun) check(r faultcheck.Result, want outcome, faulted bool) {
	t := c.t
	t.Helper()
	if r.Hung {
		t.Fatalf("did not end within %s (killed); stderr:\n%s", cellDeadline, faultcheck.LastLines(r.Stderr, 8))
	}
	for _, v := range faultcheck.Exit(r.Code, r.Stderr) {
		t.Errorf("%s; stderr:\n%s", v, faultcheck.LastLines(r.Stderr, 8))
	}
	switch {
	case want == mustSucceed && r.Code != 0:
		t.Errorf("a fault the retries absorb ended in exit %d, want 0; stderr:\n%s", r.Code, faultcheck.LastLines(r.Stderr, 8))
	case want == mustFail && faulted && r.Code != 1 && !(r.Code == 0 && c.g.cmd.MayPassWithout):
		t.Errorf("a persistent fault ended in exit %d, want 1 with a fix; stderr:\n%s", r.Code, faultcheck.LastLines(r.Stderr, 8))
	}

	after := c.tree(c.ws.Project)
	if left := faultcheck.Leftovers(after, r.Code == 0); len(left) > 0 {
		t.Errorf("leftovers in the project after exit %d: %v", r.Code, left)
	}
	c.checkTree(after.State(), r.Code)
	if after.HasInflight() && r.Code != 0 {
		c.finishInflight()
	}
	if diff := faultcheck.Diff(c.outside0, c.outside()); len(diff) > 0 {
		t.Errorf("files outside the project changed: %v", diff)
	}
	if found := faultcheck.FindSecrets(c.ws.Project, map[string]string{"stdout": r.Stdout, "stderr": r.Stderr}, faultcheck.Secrets(c.g.s)); len(found) > 0 {
		t.Errorf("secrets found: %v", found)
	}
	snap, err := matrixSnapshot(c.t, c.g.s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(c.g.snap0, snap); diff != "" {
		t.Errorf("imported resources changed (-before +after):\n%s", diff)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	lock, err := faultcheck.Run(ctx, ampgoBin, c.ws.Project, c.direct, "", nil, "env", "list")
	if err != nil || lock.Code != 0 {
		t.Errorf("the next command (env list) did not run: exit %d, %v; stderr:\n%s", lock.Code, err, lock.Stderr)
	}
}

// finishInflight: a failed push that had sent a write leaves the in-flight
// record on purpose; the next push (without faults) must pick it up, end
// with the new state and remove it.
func (c *cellRun) finishInflight() {
	t := c.t
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := faultcheck.Run(ctx, ampgoBin, c.ws.Project, c.direct, "", nil, "push", "--yes")
	if err != nil || r.Code != 0 {
		t.Errorf("the push after an interrupted deploy failed: exit %d, %v; stderr:\n%s", r.Code, err, faultcheck.LastLines(r.Stderr, 8))
		return
	}
	after := c.tree(c.ws.Project)
	if left := faultcheck.Leftovers(after, true); len(left) > 0 {
		t.Errorf("leftovers after the next push: %v", left)
	}
	if want := c.g.result(t).State(); !after.State().Equal(want) {
		t.Errorf("the next push did not reach the new state: %v", faultcheck.Diff(want, after.State()))
	}
}

// checkTree: the project is wholly old or wholly what a fault-free run of
// the command makes from the same start; a success is the latter.
func (c *cellRun) checkTree(after faultcheck.Tree, code int) {
	t := c.t
	t.Helper()
	old := after.Equal(c.tree0.State())
	if c.g.cmd.ReadOnly {
		if !old {
			t.Errorf("a read-only command changed the project: %v", faultcheck.Diff(c.tree0, after))
		}
		return
	}
	if old && code != 0 {
		return
	}
	want := c.g.result(t).State()
	switch {
	case after.Equal(want):
		if code != 0 && !want.Equal(c.tree0) {
			t.Logf("failed (exit %d) but the project holds the new state", code)
		}
	case old:
		t.Errorf("exit 0 but the project is unchanged; a fault-free run changes %v", faultcheck.Diff(c.tree0, want))
	default:
		t.Errorf("torn project: neither the old state nor the new one\n  old -> now: %v\n  new -> now: %v",
			faultcheck.Diff(c.tree0, after), faultcheck.Diff(want, after))
	}
}
