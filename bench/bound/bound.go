// Package bound computes, for each benchmark scenario, a lower bound on its
// wall time that no client strategy can beat: the round trips the API forces
// one after another (an answer needed to form the next request, a NextToken
// needed for the next page) times the latency, and the time the quotas force
// for the calls that cannot be avoided. The model matches the proxy: a call
// is admitted on arrival if its buckets hold a token and is answered one
// latency after arrival; a client that knows the quotas waits for a token
// instead of being throttled.
package bound

import (
	"fmt"
	"math"
	"time"

	"github.com/ampgo/ampgo/bench/quota"
	"github.com/ampgo/ampgo/internal/mapkeys"
)

// Model describes the account and the network.
type Model struct {
	N            int // user pools and identity pools in the region
	Latency      time.Duration
	Table        *quota.Table
	BurstSeconds float64
	PageSize     int // largest page of the list calls: 60
	// ClientsPerPool is the number of app clients of the imported pool.
	ClientsPerPool int
}

// Bound is a lower bound and how it was derived.
type Bound struct {
	Time time.Duration
	Why  string
}

// Ratio returns wall / bound, or 0 when the bound is zero.
func (b Bound) Ratio(wall time.Duration) float64 {
	if b.Time <= 0 {
		return 0
	}
	return float64(wall) / float64(b.Time)
}

type call struct{ service, op, pool string }

const targetPool = "target" // per-pool buckets of the imported user pool

func idp(op string) call      { return call{quota.UserPools, op, targetPool} }
func identity(op string) call { return call{quota.IdentityPools, op, ""} }
func iamCall(op string) call  { return call{"iam", op, ""} }

func (m Model) limiter() *quota.Limiter { return quota.NewLimiter(m.Table, m.BurstSeconds) }
func (m Model) l() float64              { return m.Latency.Seconds() }

// Pages is the number of sequential pages a list of n items needs.
func (m Model) Pages(n int) int {
	size := m.PageSize
	if size < 1 {
		size = 60
	}
	return max(1, (n+size-1)/size)
}

func dur(s float64) time.Duration { return time.Duration(math.Round(s * float64(time.Second))) }

// chain runs stages one after another; the calls of a stage start together
// when the previous stage has answered. It returns when the last answers.
func (m Model) chain(lim *quota.Limiter, start float64, stages ...[]call) float64 {
	t := start
	for _, st := range stages {
		done := t
		for _, c := range st {
			done = math.Max(done, lim.Reserve(t, c.service, c.op, c.pool)+m.l())
		}
		t = done
	}
	return t
}

func repeat(c call, n int) []call {
	out := make([]call, n)
	for i := range out {
		out[i] = c
	}
	return out
}

// Headless is scenario (a), an import with every id given: the reads of the
// pool, both clients, the identity pool and its roles are independent, but
// the two IAM roles are named in the GetIdentityPoolRoles answer.
func Headless(m Model) Bound {
	t := m.chain(m.limiter(), 0,
		[]call{idp("DescribeUserPool"), idp("GetUserPoolMfaConfig"), idp("ListIdentityProviders"),
			idp("DescribeUserPoolClient"), idp("DescribeUserPoolClient"),
			identity("DescribeIdentityPool"), identity("GetIdentityPoolRoles")},
		[]call{iamCall("GetRole"), iamCall("GetRole")})
	return Bound{Time: dur(t), Why: fmt.Sprintf(
		"2 dependent round trips (GetIdentityPoolRoles → GetRole) × %v; the 7 other reads are independent and fit their buckets",
		m.Latency)}
}

// listPages returns when the last of n sequential pages of op answers, each
// request needing the previous answer's NextToken.
func (m Model) listPages(lim *quota.Limiter, c call, n int) (last float64, arrivals []float64) {
	t := 0.0
	for range n {
		t = lim.Reserve(t, c.service, c.op, c.pool) + m.l()
		arrivals = append(arrivals, t)
	}
	return t, arrivals
}

// ListReady is scenario (b): the pool list can be shown once every
// ListUserPools page has arrived.
func ListReady(m Model) Bound {
	p := m.Pages(m.N)
	t, _ := m.listPages(m.limiter(), call{quota.UserPools, "ListUserPools", ""}, p)
	return Bound{Time: dur(t), Why: fmt.Sprintf(
		"%d sequential ListUserPools pages (⌈%d/%d⌉, each needs the previous NextToken) × %v%s",
		p, m.N, m.pageSize(), m.Latency, m.quotaNote(t, float64(p)*m.l(), "UserPoolRead"))}
}

func (m Model) pageSize() int {
	if m.PageSize < 1 {
		return 60
	}
	return m.PageSize
}

// quotaNote says whether a quota stretched a chain beyond its round trips.
func (m Model) quotaNote(got, rtts float64, bucket string) string {
	if got-rtts < 0.0005 {
		return "; the " + bucket + " quota never makes a page wait"
	}
	return fmt.Sprintf("; the %s quota adds %.2f s", bucket, got-rtts)
}

// scan returns when the last DescribeIdentityPool of a region-wide scan
// answers: pages of ListIdentityPools in sequence, each page's pools
// described as soon as the page arrives, under both quotas.
func (m Model) scan(lim *quota.Limiter) (done, pagesDone float64) {
	pages := m.Pages(m.N)
	pagesDone, arrivals := m.listPages(lim, identity("ListIdentityPools"), pages)
	left := m.N
	for _, a := range arrivals {
		for range min(left, m.pageSize()) {
			done = math.Max(done, lim.Reserve(a, quota.IdentityPools, "DescribeIdentityPool", "")+m.l())
		}
		left -= min(left, m.pageSize())
	}
	return math.Max(done, pagesDone), pagesDone
}

// LinkedScan is scenario (c): only the user pool id is given, so the
// identity pools that list it must be found. The API has no reverse lookup:
// every identity pool of the region is listed and described. The imported
// identity pool's roles and their trust policies (two more dependent round
// trips) can be read as soon as the pool is found, and the client reads run
// alongside, so the scan dominates.
func LinkedScan(m Model) Bound {
	scanDone, pagesDone := m.scan(m.limiter())
	clients := max(1, m.ClientsPerPool)
	chainClients := m.chain(m.limiter(), 0,
		[]call{idp("ListUserPoolClients")}, repeat(idp("DescribeUserPoolClient"), clients))
	// The imported identity pool is on the first page: list, describe,
	// roles, role trust policies.
	chainTarget := m.chain(m.limiter(), 0,
		[]call{identity("ListIdentityPools")}, []call{identity("DescribeIdentityPool")},
		[]call{identity("GetIdentityPoolRoles")}, []call{iamCall("GetRole"), iamCall("GetRole")})
	t := math.Max(scanDone, math.Max(chainClients, chainTarget))
	r, _ := m.Table.Lookup(quota.IdentityPools, "DescribeIdentityPool")
	why := fmt.Sprintf("%d ListIdentityPools pages (done at %.2f s) with %d DescribeIdentityPool pipelined behind them",
		m.Pages(m.N), pagesDone, m.N)
	if r.Rate > 0 {
		why += fmt.Sprintf(" at ≤%g RPS after a burst of %g", r.Rate, math.Max(1, r.Rate*m.burst()))
	}
	why += fmt.Sprintf("; the client reads (%.2f s) and the chosen pool's roles and trust (%.2f s) overlap the scan", chainClients, chainTarget)
	return Bound{Time: dur(t), Why: why}
}

func (m Model) burst() float64 {
	if m.BurstSeconds <= 0 {
		return 1
	}
	return m.BurstSeconds
}

// Floor is a bound for a command whose strategy the benchmark does not
// model (doctor): it takes the calls the command made as unavoidable. The
// busiest quota bucket needs (calls − burst) / rate seconds plus a round
// trip, and list pages still come one after another.
func Floor(m Model, calls map[string]int) Bound {
	best, why := 0.0, "no calls"
	consider := func(t float64, w string) {
		if t > best {
			best, why = t, w
		}
	}
	for _, pageOp := range []call{{quota.UserPools, "ListUserPools", ""}, identity("ListIdentityPools")} {
		if n := calls[pageOp.op]; n > 0 {
			t, _ := m.listPages(m.limiter(), pageOp, n)
			consider(t, fmt.Sprintf("%d sequential %s pages", n, pageOp.op))
		}
	}
	// Sum the calls per quota bucket (category), then drain each bucket.
	type bucket struct {
		rule  quota.Rule
		calls int
	}
	buckets := map[string]*bucket{}
	for _, op := range mapkeys.Sorted(calls) {
		n := calls[op]
		for _, svc := range []string{quota.UserPools, quota.IdentityPools} {
			if r, ok := m.Table.Lookup(svc, op); ok {
				k := svc + "/" + r.Category
				if buckets[k] == nil {
					buckets[k] = &bucket{rule: r}
				}
				buckets[k].calls += n
				break
			}
		}
	}
	for _, k := range mapkeys.Sorted(buckets) {
		b := buckets[k]
		burst := math.Max(1, b.rule.Rate*m.burst())
		t := math.Max(0, float64(b.calls)-burst)/b.rule.Rate + m.l()
		consider(t, fmt.Sprintf("%d %s calls at ≤%g RPS after a burst of %g", b.calls, b.rule.Category, b.rule.Rate, burst))
	}
	if best == 0 && len(calls) > 0 {
		best, why = m.l(), "one round trip"
	}
	return Bound{Time: dur(best), Why: "floor for the calls it made: " + why}
}
