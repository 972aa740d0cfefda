package bound

import (
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/bench/quota"
)

func model(n int) Model {
	return Model{N: n, Latency: 60 * time.Millisecond, Table: quota.Default(), BurstSeconds: 1, PageSize: 60, ClientsPerPool: 3}
}

func TestBounds(t *testing.T) {
	noQuota := model(1000)
	noQuota.Table = quota.Default()
	for _, op := range []string{"DescribeIdentityPool=0", "ListIdentityPools=0"} {
		if err := noQuota.Table.Override(op); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		got  Bound
		want time.Duration
		why  string
	}{
		{"headless: two dependent round trips", Headless(model(1000)), 120 * time.Millisecond, "GetIdentityPoolRoles → GetRole"},
		{"list ready, one page", ListReady(model(10)), 60 * time.Millisecond, "1 sequential ListUserPools pages"},
		// 17 pages at one per 60 ms is 16.7 RPS, but the 15-token bucket
		// never runs dry within 17 pages.
		{"list ready, 17 pages", ListReady(model(1000)), 1020 * time.Millisecond, "never makes a page wait"},
		// One page, 10 describes in one burst; the chosen pool's roles and
		// trust take 4 round trips.
		{"scan, 10 pools", LinkedScan(model(10)), 240 * time.Millisecond, "1 ListIdentityPools pages"},
		// 10 at once, then one per 100 ms: the 100th is admitted at
		// 0.06 + 9.0 s and answers 60 ms later.
		{"scan, 100 pools", LinkedScan(model(100)), 9120 * time.Millisecond, "100 DescribeIdentityPool pipelined"},
		{"scan, 1000 pools", LinkedScan(model(1000)), 99120 * time.Millisecond, "at ≤10 RPS after a burst of 10"},
		// Without identity pool quotas: 17 pages back to back, then the
		// last page's describes one round trip later.
		{"scan without quotas", LinkedScan(noQuota), 18 * 60 * time.Millisecond, "17 ListIdentityPools pages"},
		{"floor: busiest bucket", Floor(model(1000), map[string]int{"ListUserPools": 17, "DescribeUserPool": 1000, "GetRole": 3}),
			66860 * time.Millisecond, "1017 UserPoolRead calls"},
		// 7 pages use up the 5-token bucket (the last waits until 0.40 s);
		// the 10 after it come every 200 ms: 0.40 + 10 × 0.2 + 0.06.
		{"floor: pages", Floor(model(1000), map[string]int{"ListIdentityPools": 17}), 2460 * time.Millisecond, "17 sequential ListIdentityPools pages"},
		{"floor: no quota", Floor(model(10), map[string]int{"GetRole": 2}), 60 * time.Millisecond, "one round trip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d := tc.got.Time - tc.want; d < -time.Millisecond || d > time.Millisecond {
				t.Errorf("bound %v, want %v (%s)", tc.got.Time, tc.want, tc.got.Why)
			}
			if !strings.Contains(tc.got.Why, tc.why) {
				t.Errorf("why %q lacks %q", tc.got.Why, tc.why)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	if r := (Bound{Time: 100 * time.Millisecond}).Ratio(150 * time.Millisecond); r != 1.5 {
		t.Errorf("ratio %v, want 1.5", r)
	}
	if r := (Bound{}).Ratio(time.Second); r != 0 {
		t.Errorf("ratio of a zero bound %v, want 0", r)
	}
}

func TestPages(t *testing.T) {
	m := model(0)
	for n, want := range map[int]int{0: 1, 1: 1, 60: 1, 61: 2, 1000: 17} {
		if got := m.Pages(n); got != want {
			t.Errorf("Pages(%d) = %d, want %d", n, got, want)
		}
	}
}
