package report

import (
	"strings"
	"testing"
	"time"
)

func TestRender(t *testing.T) {
	rows := []Row{
		{Scenario: "a headless import", N: 10, Strategy: "ampgo", Wall: 150 * time.Millisecond, Bound: 120 * time.Millisecond,
			Calls: map[string]int{"GetRole": 2, "DescribeUserPoolClient": 2, "DescribeUserPool": 1},
			CPU:   15 * time.Millisecond, RSS: 21_500_000, MaxInFlight: 7, Result: "ok"},
		{Scenario: "c user pool id only", N: 1000, Strategy: "Amplify CLI §2 (baseline)", Wall: 123450 * time.Millisecond,
			Bound: 99120 * time.Millisecond, Calls: map[string]int{"DescribeIdentityPool": 1400, "ListIdentityPools": 17},
			ThrottledBy: map[string]int{"DescribeIdentityPool": 400},
			Throttled:   400, Failed: 1, MaxInFlight: 50, CPU: -1, Result: "failed: TooManyRequestsException"},
		{Scenario: "d doctor auth", N: 10, Strategy: "ampgo", Skip: "`ampgo doctor auth` does not exist yet"},
	}
	var b strings.Builder
	if err := Render(&b, rows); err != nil {
		t.Fatal(err)
	}
	want := `| scenario | N | strategy | wall | bound | ratio | calls | throttled | failed | max in flight | CPU (% of wall) | peak RSS | result |
|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|
| a headless import | 10 | ampgo | 150 ms | 120 ms | 1.25× | 5 | 0 | 0 | 7 | 15 ms (10.0%) | 21.5 MB | ok |
| c user pool id only | 1000 | Amplify CLI §2 (baseline) | 123.5 s | 99.12 s | – | 1417 | 400 | 1 | 50 | – | – | failed: TooManyRequestsException |
| d doctor auth | 10 | ampgo | – | – | – | – | – | – | – | – | – | skipped: ` + "`ampgo doctor auth` does not exist yet" + ` |

API calls by operation (throttled attempts included):

| scenario | N | strategy | calls by operation |
|---|--:|---|---|
| a headless import | 10 | ampgo | DescribeUserPoolClient 2, GetRole 2, DescribeUserPool 1 |
| c user pool id only | 1000 | Amplify CLI §2 (baseline) | DescribeIdentityPool 1400 (400 throttled), ListIdentityPools 17 |
`
	if got := b.String(); got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		999 * time.Microsecond:    "1 ms",
		85 * time.Millisecond:     "85 ms",
		1240 * time.Millisecond:   "1.24 s",
		99300 * time.Millisecond:  "99.30 s",
		123456 * time.Millisecond: "123.5 s",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestRowRatio(t *testing.T) {
	if r := (Row{Wall: time.Second}).Ratio(); r != 0 {
		t.Errorf("ratio without a bound = %v, want 0", r)
	}
}

func TestTargets(t *testing.T) {
	rows := []Row{
		{Scenario: "a headless", N: 100, Strategy: "ampgo", Wall: 150 * time.Millisecond, Bound: 120 * time.Millisecond,
			CPU: 6 * time.Millisecond, RSS: 20e6, Result: "ok"},
		{Scenario: "b list", N: 1000, Strategy: "ampgo", Wall: 1200 * time.Millisecond, Bound: 1020 * time.Millisecond,
			Calls: map[string]int{"ListUserPools": 17}, CPU: 30 * time.Millisecond, RSS: 40e6, Result: "ok"},
		{Scenario: "c scan", N: 1000, Strategy: "ampgo", Wall: 140 * time.Second, Bound: 99 * time.Second,
			Calls: map[string]int{"DescribeIdentityPool": 1100}, Throttled: 100, CPU: time.Second, RSS: 30e6, Result: "ok"},
		{Scenario: "c scan", N: 1000, Strategy: "baseline", Wall: time.Second, Bound: 99 * time.Second, CPU: -1, Result: "failed"},
	}
	got := Targets(rows, 12*time.Millisecond, "ampgo")
	want := `Targets (ampgo rows):

- ✔ (a) N = 100: 1.25× of the bound (target ≤ 1.5×), ok
- ✔ (b) N = 1000: 1.18× of the bound (target ≤ 1.3×), 0 failed, 0 throttled (few: ≤ 3), ok
- ✘ (c) N = 1000: 1.41× of the bound (target ≤ 1.3×), 0 failed, 100 throttled (few: ≤ 22), ok
- ✔ CPU: at most 4.0% of wall (a headless, N = 100; target < 5%)
- ✔ peak RSS at N = 1000: 40.0 MB (b list; target < 100 MB)
- ✔ ` + "`ampgo --version`" + `: 12.0 ms (target < 20 ms)
`
	if got != want {
		t.Errorf("Targets:\n%s\nwant:\n%s", got, want)
	}
}

func TestFirstPaint(t *testing.T) {
	ms := time.Millisecond
	rows := []Row{
		{Scenario: "b list", N: 10, Strategy: "ampgo", Wall: 115 * ms, Bound: 60 * ms, Result: "ok"},
		{Scenario: "b list", N: 10, Strategy: "floor", Wall: 91 * ms, Bound: 60 * ms, Result: "ok"},
		{Scenario: "a headless", N: 10, Strategy: "ampgo", Wall: 140 * ms, Bound: 120 * ms, Result: "ok"},
		{Scenario: "b list", N: 100, Strategy: "ampgo", Wall: 150 * ms, Bound: 120 * ms, Result: "ok"},
		{Scenario: "b list", N: 100, Strategy: "floor", Wall: 130 * ms, Bound: 120 * ms, Result: "ok"},
		{Scenario: "b list", N: 1000, Strategy: "ampgo", Wall: 1400 * ms, Bound: 1020 * ms, Result: "ok"},
	}
	got := FirstPaint(rows, "ampgo", "floor")
	want := `
First paint, (b) at every N (target ≤ 1.3×):

- ✘ N = 10: ampgo 115 ms (1.92×); the floor program 91 ms (1.52×), so ampgo adds 24 ms; the floor itself misses the target on this machine, ok
- ✔ N = 100: ampgo 150 ms (1.25×); the floor program 130 ms (1.08×), so ampgo adds 20 ms, ok
- ✘ N = 1000: ampgo 1.40 s (1.37×), ok
`
	if got != want {
		t.Errorf("FirstPaint:\n%s\nwant:\n%s", got, want)
	}
	if got := FirstPaint(rows[2:3], "ampgo", "floor"); got != "" {
		t.Errorf("FirstPaint without (b) rows = %q, want nothing", got)
	}
}
