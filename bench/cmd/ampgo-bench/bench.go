package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
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

// region is where every account is seeded.
const region = "us-east-1"

// Strategy labels of the table.
const (
	ampgoLabel    = "ampgo"
	baselineLabel = "Amplify CLI §2 (baseline)"
	floorLabel    = "floor: Go + AWS SDK, no UI"
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

// newBench starts moto and the proxy in front of it.
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

// close stops the proxy and moto.
func (b *bench) close() {
	if b.stopProx != nil {
		b.stopProx()
	}
	b.moto.Stop()
}

// env points ampgo at the proxy, away from the developer's AWS setup.
// AWS_CA_BUNDLE is cleared: the endpoint is plain HTTP on loopback, and a
// bundle set for the machine (as on sandboxed CI hosts) would make every
// start parse a few hundred certificates that a typical user's ampgo does
// not (the SDK treats an empty variable as unset).
func (b *bench) env(endpoint string) []string {
	env := append(os.Environ(), b.moto.Env()...)
	return append(env, "AWS_ENDPOINT_URL="+endpoint, "AWS_CA_BUNDLE=", "CI=", "NO_COLOR=1")
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
	return b.programRun(ampgoLabel, scenario, bnd, f)
}

// programRun measures one run of a program (ampgo, or ampgo-floor) against
// the proxy; label names it in the table.
func (b *bench) programRun(label, scenario string, bnd bound.Bound, f func(env []string) (run.Result, error)) error {
	row := report.Row{Scenario: scenario, N: b.acct.N, Strategy: label, Bound: bnd.Time}
	b.fresh()
	r, err := f(b.env(b.proxyURL))
	if err != nil {
		return fmt.Errorf("%s, N=%d: %w", scenario, b.acct.N, err)
	}
	b.collect(&row)
	row.Wall, row.CPU, row.RSS, row.Result = r.Wall, r.CPU, r.MaxRSS, r.Summary()
	if bnd.Time == 0 { // doctor: the floor follows from the calls made
		bnd = bound.Floor(b.model, row.Calls)
		row.Bound = bnd.Time
		b.note(scenario, bnd)
	}
	b.rows = append(b.rows, row)
	fmt.Fprintf(b.log, "  %-22s %-9s %9s  (bound %s)  %s\n", scenario, strings.TrimSuffix(strings.Fields(label)[0], ":"), report.Duration(row.Wall), report.Duration(bnd.Time), row.Result)
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

// wants reports whether -scenarios names scenario s.
func (o *options) wants(s string) bool {
	for _, x := range strings.Split(o.scenarios, ",") {
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
