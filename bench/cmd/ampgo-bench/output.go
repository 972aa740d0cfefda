package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/ampgo/ampgo/bench/bound"
	"github.com/ampgo/ampgo/bench/proxy"
	"github.com/ampgo/ampgo/bench/report"
	"github.com/ampgo/ampgo/bench/run"
)

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

// relevant are the quota categories the scenarios touch.
var relevant = map[string]bool{
	"UserPoolRead": true, "UserPoolResourceRead": true, "UserPoolClientRead": true,
	"ListIdentityPools": true, "DescribeIdentityPool": true, "GetIdentityPoolRoles": true,
}

// writeTrace writes a run's calls as CSV, times relative to the first call.
func writeTrace(dir string, row report.Row, events []proxy.Event) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	strategy := map[string]string{ampgoLabel: "ampgo", floorLabel: "floor"}[row.Strategy]
	if strategy == "" {
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

// note keeps the derivation of a bound for the report.
func (b *bench) note(scenario string, bnd bound.Bound) {
	b.notes = append(b.notes, fmt.Sprintf("- %s, N=%d: **%s**: %s", scenario, b.model.N, report.Duration(bnd.Time), bnd.Why))
}

// header names the machine, the latency and the quotas of the run.
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

// render assembles the report: header, tables, bounds, targets.
func (b *bench) render(version [2]time.Duration, seeds []string) string {
	var s strings.Builder
	s.WriteString(b.header())
	s.WriteString("\n" + strings.Join(seeds, "\n") + "\n\n")
	_ = report.Render(&s, b.rows)
	s.WriteString("\nLower bounds:\n\n" + strings.Join(b.notes, "\n") + "\n")
	fmt.Fprintf(&s, "\n`ampgo --version`: median %.1f ms, fastest %.1f ms of %d runs.\n", ms(version[0]), ms(version[1]),
		max(1, b.o.versionRuns))
	s.WriteString("\n" + report.Targets(b.rows, version[0], ampgoLabel))
	s.WriteString(report.FirstPaint(b.rows, ampgoLabel, floorLabel))
	return s.String()
}

// ms converts to milliseconds for printing.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
