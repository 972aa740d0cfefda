package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/bench/baseline"
	"github.com/ampgo/ampgo/bench/bound"
	"github.com/ampgo/ampgo/bench/proxy"
	"github.com/ampgo/ampgo/bench/quota"
	"github.com/ampgo/ampgo/bench/report"
	"github.com/ampgo/ampgo/bench/run"
	"github.com/ampgo/ampgo/bench/seed"
	"github.com/ampgo/ampgo/internal/testenv"
)

const region = "us-east-1"

// Strategy labels of the table.
const (
	ampgoLabel    = "ampgo"
	baselineLabel = "Amplify CLI §2 (baseline)"
)

// Scenario labels of the table.
const (
	scenA = "a headless, all ids"
	scenB = "b pool list ready"
	scenC = "c --user-pool-id only"
	scenD = "d doctor auth"
)

// bench holds what every run shares.
type bench struct {
	ctx      context.Context
	o        *options
	tmp      string
	log      io.Writer
	moto     *testenv.Moto
	limiter  *quota.Limiter
	proxy    *proxy.Proxy
	proxyURL string
	stopProx func()
	doctor   bool // `ampgo doctor auth` exists

	acct  *seed.Account
	model bound.Model
	rows  []report.Row
	notes []string
}

func newBench(ctx context.Context, o *options, tmp string, log io.Writer) (*bench, error) {
	fmt.Fprintln(log, "starting moto …")
	m, err := testenv.StartMain()
	if err != nil {
		return nil, err
	}
	b := &bench{ctx: ctx, o: o, tmp: tmp, log: log, moto: m, limiter: quota.NewLimiter(o.table, o.burstSeconds)}
	b.proxy, err = proxy.New(proxy.Options{Target: m.URL(), Latency: o.latency, Limiter: b.limiter,
		PaginateIdentityPools: true, Trace: o.trace != ""})
	if err == nil {
		b.proxyURL, b.stopProx, err = proxy.Serve(b.proxy)
	}
	if err != nil {
		m.Stop()
		return nil, err
	}
	return b, nil
}

func (b *bench) close() {
	if b.stopProx != nil {
		b.stopProx()
	}
	b.moto.Stop()
}

// env points ampgo at the proxy, away from the developer's AWS setup.
func (b *bench) env(endpoint string) []string {
	env := append(os.Environ(), b.moto.Env()...)
	return append(env, "AWS_ENDPOINT_URL="+endpoint, "CI=", "NO_COLOR=1")
}

// project makes a fresh ampgo project (init talks to moto directly: it is
// not measured).
func (b *bench) project() (string, error) {
	dir, err := os.MkdirTemp(b.tmp, "project-")
	if err != nil {
		return "", err
	}
	r, err := run.Command(b.ctx, b.o.ampgo, dir, b.env(b.moto.URL()), "",
		"init", "--project", "benchapp", "--env", "dev", "--region", region, "--yes")
	if err == nil && !r.OK() {
		err = fmt.Errorf("ampgo init: %s\n%s", r.Summary(), r.Stderr)
	}
	return dir, err
}

// fresh refills the quota buckets (an idle account) and zeroes the counts.
func (b *bench) fresh() {
	b.limiter.Reset()
	b.proxy.Take()
}

// collect fills a row's call counts from the proxy.
func (b *bench) collect(row *report.Row) {
	st := b.proxy.Take()
	if b.o.trace != "" {
		if err := writeTrace(b.o.trace, *row, st.Events); err != nil {
			fmt.Fprintln(b.log, "trace:", err)
		}
	}
	row.Calls, row.ThrottledBy = map[string]int{}, map[string]int{}
	for op, s := range st.Ops {
		row.Calls[op] = s.Calls
		row.ThrottledBy[op] = s.Throttled
		row.Throttled += s.Throttled
		row.Failed += s.Failed
	}
	row.MaxInFlight = st.MaxInFlight
}

// ampgoRun measures one ampgo command against the proxy.
func (b *bench) ampgoRun(scenario string, bnd bound.Bound, f func(env []string) (run.Result, error)) error {
	row := report.Row{Scenario: scenario, N: b.acct.N, Strategy: ampgoLabel, Bound: bnd.Time}
	b.fresh()
	r, err := f(b.env(b.proxyURL))
	if err != nil {
		return fmt.Errorf("%s, N=%d: %w", scenario, b.acct.N, err)
	}
	b.collect(&row)
	row.Wall, row.CPU, row.RSS, row.Result = r.Wall, r.CPU, r.MaxRSS, r.Summary()
	b.rows = append(b.rows, row)
	fmt.Fprintf(b.log, "  %-22s ampgo     %9s  (bound %s)  %s\n", scenario, report.Duration(row.Wall), report.Duration(bnd.Time), row.Result)
	return nil
}

// baselineRun measures the Amplify CLI's strategy against the proxy.
func (b *bench) baselineRun(scenario string, bnd bound.Bound, f func(a *baseline.Amplify) error) {
	if !b.o.baseline {
		return
	}
	row := report.Row{Scenario: scenario, N: b.acct.N, Strategy: baselineLabel, Bound: bnd.Time, CPU: -1}
	b.fresh()
	start := time.Now()
	err := f(baseline.New(b.proxyURL, region))
	row.Wall = time.Since(start)
	b.collect(&row)
	row.Result = "ok"
	if err != nil {
		row.Result = "failed: " + shortErr(err)
	}
	b.rows = append(b.rows, row)
	fmt.Fprintf(b.log, "  %-22s baseline  %9s  (bound %s)  %s\n", scenario, report.Duration(row.Wall), report.Duration(bnd.Time), row.Result)
}

// shortErr names the failed operation and the service's error code.
func shortErr(err error) string {
	op, _, _ := strings.Cut(err.Error(), ":")
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return op + " " + ae.ErrorCode()
	}
	return run.LastLine(err.Error())
}

func (b *bench) want(s string) bool {
	for _, x := range strings.Split(b.o.scenarios, ",") {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

// all runs every size and renders the report.
func (b *bench) all() (string, error) {
	version, err := b.timeVersion()
	if err != nil {
		return "", err
	}
	b.doctor = b.hasDoctor()
	var seeds []string
	for _, n := range b.o.sizes {
		if err := b.ctx.Err(); err != nil {
			return "", err
		}
		fmt.Fprintf(b.log, "N=%d: seeding …\n", n)
		if err := b.moto.Reset(b.ctx); err != nil {
			return "", err
		}
		acct, err := seed.Seed(b.ctx, b.moto.AWSConfig(region), n, b.o.seedWorkers)
		if err != nil {
			return "", err
		}
		b.acct = acct
		seeds = append(seeds, fmt.Sprintf("N=%d: %d user pools, %d app clients, %d identity pools (%d linked) in %s",
			n, acct.UserPools, acct.Clients, acct.IdentityPools, acct.Linked, report.Duration(acct.Took)))
		b.model = bound.Model{N: n, Latency: b.o.latency, Table: b.o.table, BurstSeconds: b.o.burstSeconds,
			PageSize: 60, ClientsPerPool: seed.ClientsPerPool}
		if err := b.size(); err != nil {
			return "", err
		}
	}
	return b.render(version, seeds), nil
}

// size runs the scenarios for the current account.
func (b *bench) size() error {
	t := b.acct.Target
	steps := []struct {
		name string
		run  func() error
	}{
		{"a", func() error { return b.headless(t) }},
		{"b", b.listReady},
		{"c", func() error { return b.userPoolOnlyID(t) }},
		{"d", b.doctorAuth},
	}
	for _, s := range steps {
		if b.want(s.name) {
			if err := s.run(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *bench) headless(t *testenv.Setup) error {
	bnd := bound.Headless(b.model)
	b.note(scenA, bnd)
	dir, err := b.project()
	if err != nil {
		return err
	}
	in := fmt.Sprintf(`{"version":1,"userPoolId":%q,"webClientId":%q,"nativeClientId":%q,"identityPoolId":%q}`,
		t.UserPoolID, t.WebClientID, t.NativeClientID, t.IdentityPoolID)
	if err := b.ampgoRun(scenA, bnd, func(env []string) (run.Result, error) {
		return run.Command(b.ctx, b.o.ampgo, dir, env, in, "import", "auth", "--headless")
	}); err != nil {
		return err
	}
	b.baselineRun(scenA, bnd, func(a *baseline.Amplify) error {
		return a.ImportHeadless(b.ctx, baseline.Selection{UserPoolID: t.UserPoolID, WebClientID: t.WebClientID,
			NativeClientID: t.NativeClientID, IdentityPoolID: t.IdentityPoolID})
	})
	return nil
}

func (b *bench) listReady() error {
	bnd := bound.ListReady(b.model)
	b.note(scenB, bnd)
	dir, err := b.project()
	if err != nil {
		return err
	}
	if err := b.ampgoRun(scenB, bnd, func(env []string) (run.Result, error) {
		return run.UntilShown(b.ctx, b.o.ampgo, dir, env, run.Prompts{
			First: "What type of auth resource", Answer: "\r", Then: "Select the User Pool", Timeout: 3 * time.Minute,
		}, "import", "auth")
	}); err != nil {
		return err
	}
	b.baselineRun(scenB, bnd, func(a *baseline.Amplify) error {
		_, err := a.ListPools(b.ctx)
		return err
	})
	return nil
}

func (b *bench) userPoolOnlyID(t *testenv.Setup) error {
	bnd := bound.LinkedScan(b.model)
	b.note(scenC, bnd)
	dir, err := b.project()
	if err != nil {
		return err
	}
	if err := b.ampgoRun(scenC, bnd, func(env []string) (run.Result, error) {
		return run.Command(b.ctx, b.o.ampgo, dir, env, "", "import", "auth", "--user-pool-id", t.UserPoolID)
	}); err != nil {
		return err
	}
	b.baselineRun(scenC, bnd, func(a *baseline.Amplify) error {
		return a.ImportKnownPool(b.ctx, t.UserPoolID, t.IdentityPoolID)
	})
	return nil
}

func (b *bench) doctorAuth() error {
	if !b.doctor {
		b.rows = append(b.rows, report.Row{Scenario: scenD, N: b.acct.N, Strategy: ampgoLabel,
			Skip: "`ampgo doctor auth` does not exist in this build"})
		return nil
	}
	dir, err := b.project()
	if err != nil {
		return err
	}
	var bnd bound.Bound
	err = b.ampgoRun(scenD, bound.Bound{}, func(env []string) (run.Result, error) {
		return run.Command(b.ctx, b.o.ampgo, dir, env, "", "doctor", "auth")
	})
	if err != nil {
		return err
	}
	// The bound takes doctor's own calls as the unavoidable ones.
	last := &b.rows[len(b.rows)-1]
	bnd = bound.Floor(b.model, last.Calls)
	last.Bound = bnd.Time
	b.note(scenD, bnd)
	return nil
}

// hasDoctor reports whether this build has `ampgo doctor auth`.
func (b *bench) hasDoctor() bool {
	r, err := run.Command(b.ctx, b.o.ampgo, b.tmp, b.env(b.moto.URL()), "", "doctor", "auth", "--help")
	return err == nil && r.OK() && strings.Contains(r.Stdout+r.Stderr, "doctor")
}

func (b *bench) note(scenario string, bnd bound.Bound) {
	b.notes = append(b.notes, fmt.Sprintf("- %s, N=%d: **%s**: %s", scenario, b.model.N, report.Duration(bnd.Time), bnd.Why))
}

// timeVersion runs `ampgo --version` and returns the median and minimum.
func (b *bench) timeVersion() ([2]time.Duration, error) {
	var ds []time.Duration
	for range max(1, b.o.versionRuns) {
		r, err := run.Command(b.ctx, b.o.ampgo, b.tmp, os.Environ(), "", "--version")
		if err != nil {
			return [2]time.Duration{}, err
		}
		ds = append(ds, r.Wall)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return [2]time.Duration{ds[len(ds)/2], ds[0]}, nil
}

func (b *bench) header() string {
	var s strings.Builder
	fmt.Fprintf(&s, "ampgo-bench %s · %s/%s, %d CPUs, %s · latency %v per call · buckets hold %g s of quota\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(),
		b.o.latency, b.o.burstSeconds)
	s.WriteString("Quotas (RPS; per pool = per operation and user pool; * = not documented, assumed):\n")
	var parts []string
	seen := map[string]bool{}
	for _, r := range b.o.table.Rules() {
		if seen[r.Service+r.Category] || !relevant[r.Category] {
			continue
		}
		seen[r.Service+r.Category] = true
		p := fmt.Sprintf("%s %g", r.Category, r.Rate)
		if r.PerPool > 0 {
			p += fmt.Sprintf(" (per pool %g)", r.PerPool)
		}
		if r.Assumed {
			p += "*"
		}
		parts = append(parts, p)
	}
	s.WriteString(strings.Join(parts, " · ") + "\n")
	return s.String()
}

// relevant are the quota categories the scenarios touch.
var relevant = map[string]bool{
	"UserPoolRead": true, "UserPoolResourceRead": true, "UserPoolClientRead": true,
	"ListIdentityPools": true, "DescribeIdentityPool": true, "GetIdentityPoolRoles": true,
}

func (b *bench) render(version [2]time.Duration, seeds []string) string {
	var s strings.Builder
	s.WriteString(b.header())
	s.WriteString("\n" + strings.Join(seeds, "\n") + "\n\n")
	_ = report.Render(&s, b.rows)
	s.WriteString("\nLower bounds:\n\n" + strings.Join(b.notes, "\n") + "\n")
	fmt.Fprintf(&s, "\n`ampgo --version`: median %.1f ms, fastest %.1f ms of %d runs.\n", ms(version[0]), ms(version[1]),
		max(1, b.o.versionRuns))
	s.WriteString("\n" + report.Targets(b.rows, version[0], ampgoLabel))
	return s.String()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// writeTrace writes a run's calls as CSV, times relative to the first call.
func writeTrace(dir string, row report.Row, events []proxy.Event) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	strategy := "ampgo"
	if row.Strategy != ampgoLabel {
		strategy = "baseline"
	}
	name := fmt.Sprintf("%s-%d-%s.csv", row.Scenario[:1], row.N, strategy)
	var sb strings.Builder
	sb.WriteString("seconds,operation,status,throttled\n")
	for _, e := range events {
		fmt.Fprintf(&sb, "%.4f,%s,%d,%v\n", e.At-events[0].At, e.Op, e.Status, e.Throttled)
	}
	return os.WriteFile(filepath.Join(dir, name), []byte(sb.String()), 0o644)
}
