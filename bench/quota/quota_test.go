package quota

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestBucketAllow(t *testing.T) {
	type step struct {
		at   float64
		want bool
	}
	for _, tc := range []struct {
		name        string
		rate, burst float64
		steps       []step
	}{
		{name: "burst then throttle", rate: 10, burst: 2, steps: []step{
			{0, true}, {0, true}, {0, false}, {0.05, false}, {0.1, true}, {0.1, false},
		}},
		{name: "refill is capped at the burst", rate: 10, burst: 2, steps: []step{
			{0, true}, {0, true}, {100, true}, {100, true}, {100, false},
		}},
		{name: "steady rate never throttles", rate: 5, burst: 1, steps: []step{
			{0, true}, {0.2, true}, {0.4, true}, {0.6, true}, {0.7, false}, {0.8, true},
		}},
		{name: "burst below one token still admits one", rate: 1, burst: 0.5, steps: []step{
			{0, true}, {0.5, false}, {1, true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := NewBucket(tc.rate, tc.burst)
			for i, s := range tc.steps {
				if got := b.Allow(s.at); got != s.want {
					t.Fatalf("step %d at %.2fs: Allow = %v, want %v", i, s.at, got, s.want)
				}
			}
		})
	}
}

// TestBucketOutOfOrder: concurrent requests read the clock before they
// reach the bucket, so times arrive slightly out of order; an earlier time
// must not be refused while tokens remain.
func TestBucketOutOfOrder(t *testing.T) {
	b := NewBucket(10, 10)
	if !b.Allow(1.001) {
		t.Fatal("first call refused")
	}
	for i := range 9 {
		if !b.Allow(1.000) {
			t.Fatalf("call %d at an earlier time refused with tokens left", i+2)
		}
	}
	if b.Allow(1.000) {
		t.Error("eleventh call admitted from a bucket of 10")
	}
}

func TestBucketReserve(t *testing.T) {
	b := NewBucket(10, 3)
	var got []float64
	for range 6 {
		got = append(got, b.Reserve(0))
	}
	want := []float64{0, 0, 0, 0.1, 0.2, 0.3}
	for i := range want {
		if !near(got[i], want[i]) {
			t.Fatalf("reservations %v, want %v", got, want)
		}
	}
	// A later request finds the bucket refilled from the last reservation.
	if at := b.Reserve(1.3); !near(at, 1.3) {
		t.Errorf("Reserve(1.3) = %v, want 1.3", at)
	}
	// Earliest does not take a token.
	e1, e2 := b.Earliest(1.3), b.Earliest(1.3)
	if !near(e1, e2) {
		t.Errorf("Earliest changed the bucket: %v then %v", e1, e2)
	}
}

func TestLimiterCategoryAndPool(t *testing.T) {
	tab := Default()
	l := NewLimiter(tab, 1)
	// UserPoolClientRead: 15 RPS for the account, 5 RPS per operation and pool.
	for i := range 5 {
		if !l.Allow(0, UserPools, "DescribeUserPoolClient", "pool-a") {
			t.Fatalf("call %d on pool-a throttled within the per-pool burst", i)
		}
	}
	if l.Allow(0, UserPools, "DescribeUserPoolClient", "pool-a") {
		t.Fatal("sixth call on pool-a admitted over the per-pool quota")
	}
	// Another operation of the category on the same pool has its own
	// per-pool bucket but shares the category.
	for i := range 5 {
		if !l.Allow(0, UserPools, "ListUserPoolClients", "pool-a") {
			t.Fatalf("ListUserPoolClients call %d throttled", i)
		}
	}
	for i := range 5 {
		if !l.Allow(0, UserPools, "DescribeUserPoolClient", "pool-b") {
			t.Fatalf("pool-b call %d throttled", i)
		}
	}
	// 15 category tokens are gone.
	if l.Allow(0, UserPools, "DescribeUserPoolClient", "pool-c") {
		t.Fatal("call admitted over the category quota")
	}
	// No quota: IAM.
	for range 100 {
		if !l.Allow(0, "iam", "GetRole", "") {
			t.Fatal("IAM call throttled")
		}
	}
	l.Reset()
	if !l.Allow(0, UserPools, "DescribeUserPoolClient", "pool-c") {
		t.Error("Reset did not refill the buckets")
	}
}

func TestLimiterReserveWaitsForBothBuckets(t *testing.T) {
	l := NewLimiter(Default(), 1)
	var last float64
	for range 7 {
		last = l.Reserve(0, UserPools, "DescribeUserPoolClient", "p")
	}
	// Per-pool bucket: 5 at once, then one every 0.2 s.
	if !near(last, 0.4) {
		t.Errorf("seventh reservation at %v, want 0.4", last)
	}
}

func TestTableOverride(t *testing.T) {
	tab := Default()
	if err := tab.Override("DescribeUserPool=30"); err != nil {
		t.Fatal(err)
	}
	if r, _ := tab.Lookup(UserPools, "ListUserPools"); r.Rate != 30 {
		t.Errorf("ListUserPools shares UserPoolRead: rate %v, want 30", r.Rate)
	}
	if err := tab.Override("DescribeIdentityPool=0"); err != nil {
		t.Fatal(err)
	}
	if _, ok := tab.Lookup(IdentityPools, "DescribeIdentityPool"); ok {
		t.Error("a zero rate should remove the quota")
	}
	for _, bad := range []string{"NoSuchOp=3", "DescribeUserPool", "DescribeUserPool=-1", "DescribeUserPool=x"} {
		if err := tab.Override(bad); err == nil {
			t.Errorf("Override(%q) = nil, want an error", bad)
		}
	}
}

// TestDefaultsMatchTheQuotaPage pins the documented numbers, so a change is
// a deliberate edit of both the table and docs/benchmarks.md.
func TestDefaultsMatchTheQuotaPage(t *testing.T) {
	tab := Default()
	for _, tc := range []struct {
		service, op, category string
		rate, perPool         float64
		assumed               bool
	}{
		{UserPools, "ListUserPools", "UserPoolRead", 15, 0, false},
		{UserPools, "DescribeUserPool", "UserPoolRead", 15, 0, false},
		{UserPools, "GetUserPoolMfaConfig", "UserPoolResourceRead", 20, 5, false},
		{UserPools, "ListIdentityProviders", "UserPoolResourceRead", 20, 5, false},
		{UserPools, "ListUserPoolClients", "UserPoolClientRead", 15, 5, false},
		{UserPools, "DescribeUserPoolClient", "UserPoolClientRead", 15, 5, false},
		{IdentityPools, "ListIdentities", "ListIdentities", 5, 0, false},
		{IdentityPools, "ListTagsForResource", "ListTagsForResource", 10, 0, false},
		{IdentityPools, "ListIdentityPools", "ListIdentityPools", 5, 0, true},
		{IdentityPools, "DescribeIdentityPool", "DescribeIdentityPool", 10, 0, true},
		{IdentityPools, "GetIdentityPoolRoles", "GetIdentityPoolRoles", 10, 0, true},
	} {
		r, ok := tab.Lookup(tc.service, tc.op)
		if !ok || r.Category != tc.category || r.Rate != tc.rate || r.PerPool != tc.perPool || r.Assumed != tc.assumed {
			t.Errorf("%s %s: got %+v (found %v)", tc.service, tc.op, r, ok)
		}
	}
	if _, ok := tab.Lookup("iam", "GetRole"); ok {
		t.Error("IAM has no Cognito quota")
	}
}
