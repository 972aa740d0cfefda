package report

import (
	"fmt"
	"strings"
	"time"
)

// Targets of issue 7, checked against ampgo's rows.
const (
	HeadlessRatio  = 1.5 // (a), at every N
	DiscoveryRatio = 1.3 // (b) and (c), at N = 1000
	TargetN        = 1000
	CPUShare       = 0.05 // of wall time
	RSSLimit       = 100e6
	VersionLimit   = 20 * time.Millisecond
)

// FewThrottles is how many throttled calls still count as "few": 2% of the
// calls, at least 3 (a burst refills in a second; a stray retry is no storm).
func FewThrottles(calls int) int { return max(3, calls/50) }

// Targets renders a checklist of the targets. Scenario labels are
// matched by their first letter ("a …", "b …", "c …").
func Targets(rows []Row, version time.Duration, ampgo string) string {
	var b strings.Builder
	b.WriteString("Targets (ampgo rows):\n\n")
	check := func(ok bool, format string, a ...any) {
		mark := "✔"
		if !ok {
			mark = "✘"
		}
		fmt.Fprintf(&b, "- %s %s\n", mark, fmt.Sprintf(format, a...))
	}
	maxN := 0
	for _, r := range rows {
		if r.Strategy == ampgo && r.Skip == "" && r.N > maxN {
			maxN = r.N
		}
	}
	at := fmt.Sprintf("N = %d", maxN)
	if maxN != TargetN {
		at += fmt.Sprintf(" (the target is for N = %d, not run)", TargetN)
	}
	for _, r := range rows {
		if r.Strategy != ampgo || r.Skip != "" {
			continue
		}
		switch {
		case strings.HasPrefix(r.Scenario, "a"):
			check(r.Ratio() <= HeadlessRatio && r.Result == "ok", "(a) N = %d: %.2f× of the bound (target ≤ %.1f×), %s", r.N, r.Ratio(), HeadlessRatio, r.Result)
		case (strings.HasPrefix(r.Scenario, "b") || strings.HasPrefix(r.Scenario, "c")) && r.N == maxN:
			few := FewThrottles(r.TotalCalls())
			check(r.Ratio() <= DiscoveryRatio && r.Failed == 0 && r.Throttled <= few && r.Result == "ok",
				"(%s) %s: %.2f× of the bound (target ≤ %.1f×), %d failed, %d throttled (few: ≤ %d), %s",
				r.Scenario[:1], at, r.Ratio(), DiscoveryRatio, r.Failed, r.Throttled, few, r.Result)
		}
	}
	worst, worstRow := 0.0, Row{}
	peak, peakRow := int64(0), Row{}
	for _, r := range rows {
		if r.Strategy != ampgo || r.Skip != "" || r.Wall <= 0 || r.CPU < 0 {
			continue
		}
		if share := float64(r.CPU) / float64(r.Wall); share > worst {
			worst, worstRow = share, r
		}
		if r.N == maxN && r.RSS > peak {
			peak, peakRow = r.RSS, r
		}
	}
	check(worst < CPUShare, "CPU: at most %.1f%% of wall (%s, N = %d; target < %.0f%%)", 100*worst, worstRow.Scenario, worstRow.N, 100*CPUShare)
	check(peak < RSSLimit, "peak RSS at %s: %.1f MB (%s; target < %.0f MB)", at, float64(peak)/1e6, peakRow.Scenario, RSSLimit/1e6)
	check(version < VersionLimit, "`ampgo --version`: %.1f ms (target < %d ms)", float64(version)/float64(time.Millisecond), VersionLimit.Milliseconds())
	return b.String()
}

// FirstPaint renders issue 16's target, scenario (b) within DiscoveryRatio
// of its bound at every N, for the rows labelled ampgo. Where a row of the
// floor program (the least a Go program with the same SDK does) ran at the
// same N, the line shows it too: what ampgo adds to it, and whether the
// target is reachable by any such program on the machine of the run.
func FirstPaint(rows []Row, ampgo, floor string) string {
	floors := map[int]Row{}
	for _, r := range rows {
		if r.Strategy == floor && r.Skip == "" && strings.HasPrefix(r.Scenario, "b") && r.Result == "ok" {
			floors[r.N] = r
		}
	}
	var b strings.Builder
	for _, r := range rows {
		if r.Strategy != ampgo || r.Skip != "" || !strings.HasPrefix(r.Scenario, "b") {
			continue
		}
		if b.Len() == 0 {
			fmt.Fprintf(&b, "\nFirst paint, (b) at every N (target ≤ %.1f×):\n\n", DiscoveryRatio)
		}
		mark := "✔"
		if r.Ratio() > DiscoveryRatio || r.Result != "ok" {
			mark = "✘"
		}
		fmt.Fprintf(&b, "- %s N = %d: ampgo %s (%.2f×)", mark, r.N, Duration(r.Wall), r.Ratio())
		if f, ok := floors[r.N]; ok {
			fmt.Fprintf(&b, "; the floor program %s (%.2f×), so ampgo adds %s", Duration(f.Wall), f.Ratio(), Duration(r.Wall-f.Wall))
			if f.Ratio() > DiscoveryRatio {
				b.WriteString("; the floor itself misses the target on this machine")
			}
		}
		fmt.Fprintf(&b, ", %s\n", r.Result)
	}
	return b.String()
}
