// Package report renders the benchmark's results as Markdown tables, the
// same text on the terminal and in docs/benchmarks.md.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Row is one scenario run by one strategy at one account size.
type Row struct {
	Scenario string // "a headless import"
	N        int    // user pools = identity pools in the region
	Strategy string // "ampgo" or "Amplify CLI §2 (baseline)"
	// Skip, when set, says why the run did not happen; the other fields
	// are then ignored.
	Skip string

	Wall  time.Duration
	Bound time.Duration
	Calls map[string]int // API calls by operation, throttled ones included
	// ThrottledBy counts the throttled calls by operation.
	ThrottledBy map[string]int

	Throttled   int // answered TooManyRequestsException
	Failed      int // other error answers
	MaxInFlight int // the most requests at the proxy at once

	// CPU is user+system time of the ampgo process; negative: not measured.
	CPU time.Duration
	// RSS is the peak resident set of the ampgo process in bytes; 0: not measured.
	RSS int64

	Result string // "ok", or what went wrong
}

// Ratio returns wall / bound (0 when there is no bound).
func (r Row) Ratio() float64 {
	if r.Bound <= 0 {
		return 0
	}
	return float64(r.Wall) / float64(r.Bound)
}

// TotalCalls sums Calls.
func (r Row) TotalCalls() int {
	n := 0
	for _, v := range r.Calls {
		n += v
	}
	return n
}

// Duration formats a duration for the tables: "85 ms", "1.24 s", "99.3 s".
func Duration(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Round(time.Millisecond).Milliseconds())
	case d < 100*time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
}

func ratio(r Row) string {
	if r.Result != "ok" {
		return "–" // a run that gave up early is not faster than the bound
	}
	if x := r.Ratio(); x > 0 {
		return fmt.Sprintf("%.2f×", x)
	}
	return "–"
}

func cpu(r Row) string {
	if r.CPU < 0 {
		return "–"
	}
	pct := 0.0
	if r.Wall > 0 {
		pct = 100 * float64(r.CPU) / float64(r.Wall)
	}
	return fmt.Sprintf("%s (%.1f%%)", Duration(r.CPU), pct)
}

func rss(r Row) string {
	if r.RSS <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MB", float64(r.RSS)/1e6)
}

// Calls formats calls by operation, most frequent first, with the
// throttled ones in brackets: "DescribeIdentityPool 107 (7 throttled),
// ListIdentityPools 2".
func Calls(calls, throttled map[string]int) string {
	ops := make([]string, 0, len(calls))
	for op := range calls {
		ops = append(ops, op)
	}
	sort.Slice(ops, func(i, j int) bool {
		if calls[ops[i]] != calls[ops[j]] {
			return calls[ops[i]] > calls[ops[j]]
		}
		return ops[i] < ops[j]
	})
	parts := make([]string, len(ops))
	for i, op := range ops {
		parts[i] = fmt.Sprintf("%s %d", op, calls[op])
		if n := throttled[op]; n > 0 {
			parts[i] += fmt.Sprintf(" (%d throttled)", n)
		}
	}
	return strings.Join(parts, ", ")
}

// Render writes the results table and the calls-by-operation table.
func Render(w io.Writer, rows []Row) error {
	var b strings.Builder
	b.WriteString("| scenario | N | strategy | wall | bound | ratio | calls | throttled | failed | max in flight | CPU (% of wall) | peak RSS | result |\n")
	b.WriteString("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	for _, r := range rows {
		if r.Skip != "" {
			fmt.Fprintf(&b, "| %s | %d | %s | – | – | – | – | – | – | – | – | – | skipped: %s |\n", r.Scenario, r.N, r.Strategy, r.Skip)
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %d | %d | %d | %d | %s | %s | %s |\n",
			r.Scenario, r.N, r.Strategy, Duration(r.Wall), Duration(r.Bound), ratio(r), r.TotalCalls(),
			r.Throttled, r.Failed, r.MaxInFlight, cpu(r), rss(r), r.Result)
	}
	b.WriteString("\nAPI calls by operation (throttled attempts included):\n\n")
	b.WriteString("| scenario | N | strategy | calls by operation |\n|---|--:|---|---|\n")
	for _, r := range rows {
		if r.Skip == "" {
			fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", r.Scenario, r.N, r.Strategy, Calls(r.Calls, r.ThrottledBy))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
