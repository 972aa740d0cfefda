package doctor

import (
	"sort"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/importauth"
)

// facts is everything doctor read about one user pool.
type facts struct {
	// Pool holds the pool, every app client and the pool's identity
	// providers; no client is chosen and there is no identity pool.
	Pool   *cognito.Snapshot
	Linked []linked
}

// linked is one identity pool that lists the user pool, with its roles.
type linked struct {
	IP        cognito.IdentityPool
	Auth      *cognito.Role // nil when the ARN is empty or could not be read
	Unauth    *cognito.Role
	ReadError string
}

// judge runs the import rules (the same code as `ampgo import auth`) and
// doctor's extra rules on what was read about one pool. It never calls AWS.
//
//   - pool level: importauth.CheckPool, alias attributes, a hosted-UI
//     domain for the pool's identity providers;
//   - each app client as if it were chosen (a client without a secret as
//     web and native client, the others as native client): importauth.Check;
//   - each identity pool that lists the pool: importauth.CheckPool with it
//     and its roles, and guest access;
//   - each pair of a passing web client and a passing identity pool:
//     importauth.Check, to find the importable combinations.
func judge(f facts, guestNeededBy []string) PoolReport {
	base := f.Pool
	rep := PoolReport{ID: base.Pool.ID, Name: base.Pool.Name, Clients: []ClientReport{},
		IdentityPools: []IdentityPoolReport{}, Candidates: []Candidate{}, Eligible: Eligibility{UserPoolAndIdentityPool: new(false)}}
	var all importauth.Findings
	all = append(all, importauth.CheckPool(base)...)
	all = append(all, importauth.AliasAttributesUnset(base)...)
	all = append(all, importauth.PoolDomainForProviders(base)...)
	webOK, fs := judgeClients(base, keys(all), &rep)
	all = append(all, fs...)
	all = append(all, pairFindings(base, webOK)...)
	guest := importauth.GuestAccess(guestNeededBy)
	for _, l := range sortedLinked(f.Linked) {
		all = append(all, judgeIdentityPool(base, l, guest, webOK, &rep)...)
	}
	rep.raw = dedupe(all)
	rep.Findings = toFindings(rep.raw)
	return rep
}

// judgeClients checks each client in its natural part, adds it to rep, and
// returns the web clients that pass every rule (each a "User Pool only"
// candidate) and the findings. poolLevel keys the findings already counted
// for the pool, so a client's error count is its own.
func judgeClients(base *cognito.Snapshot, poolLevel map[findingKey]bool, rep *PoolReport) ([]string, importauth.Findings) {
	var (
		webOK []string
		all   importauth.Findings
	)
	for _, c := range sortedClients(base.Clients) {
		fs := importauth.Check(withClient(base, c))
		cr := ClientReport{ID: c.ID, Name: c.Name, HasSecret: c.HasSecret, Role: "native"}
		if !c.HasSecret {
			cr.Role = "web"
		}
		for _, e := range fs.Errors() {
			if !poolLevel[key(e)] {
				cr.Errors++
			}
		}
		if !c.HasSecret && len(fs.Errors()) == 0 {
			webOK = append(webOK, c.ID)
			rep.Candidates = append(rep.Candidates, Candidate{WebClientID: c.ID})
		}
		rep.Clients = append(rep.Clients, cr)
		all = append(all, fs...)
	}
	rep.Eligible.UserPoolOnly = len(webOK) > 0
	return webOK, all
}

// judgeIdentityPool checks one linked identity pool with its roles, adds it
// to rep, and adds a "User Pool and Identity Pool" candidate for each
// passing web client it lists. It returns the findings.
func judgeIdentityPool(base *cognito.Snapshot, l linked, guest importauth.Rule, webOK []string, rep *PoolReport) importauth.Findings {
	ipr := IdentityPoolReport{ID: l.IP.ID, Name: l.IP.Name, AllowUnauthenticated: l.IP.AllowUnauthenticated,
		AuthRoleARN: l.IP.AuthRoleARN, UnauthRoleARN: l.IP.UnauthRoleARN, ReadError: l.ReadError}
	defer func() { rep.IdentityPools = append(rep.IdentityPools, ipr) }()
	if l.ReadError != "" {
		return nil
	}
	s := withIdentityPool(base, l)
	fs := append(importauth.CheckPool(s), guest(s)...)
	ipr.Errors = len(fs.Errors())
	if ipr.Errors > 0 {
		return fs
	}
	fs = append(fs, unlistedClients(s)...)
	for _, id := range webOK {
		pair := withIdentityPool(base, l)
		pair.WebClientID, pair.NativeClientID = id, id
		if len(importauth.Check(pair).Errors()) == 0 {
			rep.Candidates = append(rep.Candidates, Candidate{WebClientID: id, IdentityPoolID: l.IP.ID})
			rep.Eligible.UserPoolAndIdentityPool = new(true)
		}
	}
	return fs
}

// pairFindings runs the OAuth rule on each passing web client paired with
// every other client as native client. A mismatch only rules out that pair
// (the web client can serve native apps too), so it is a warning that
// names the pair, not an error of the pool (cli#6111: users could not tell
// which pair would pass).
func pairFindings(base *cognito.Snapshot, webOK []string) importauth.Findings {
	var out importauth.Findings
	for _, w := range webOK {
		for _, n := range sortedClients(base.Clients) {
			if n.ID == w {
				continue
			}
			s := *base
			s.WebClientID, s.NativeClientID = w, n.ID
			out = append(out, downgrade(importauth.OAuthSettingsMatch(&s), importauth.SeverityWarning)...)
		}
	}
	return out
}

// unlistedClients says which clients an identity pool (that passes) does
// not list, as information: such a client cannot be chosen with it
// (js#2067, "Token is not from a supported provider of this identity pool").
func unlistedClients(withIP *cognito.Snapshot) importauth.Findings {
	var out importauth.Findings
	for _, c := range sortedClients(withIP.Clients) {
		s := withClient(withIP, c)
		out = append(out, downgrade(importauth.IdentityPoolProviders(s), importauth.SeverityInfo)...)
	}
	return out
}

func downgrade(fs importauth.Findings, sev importauth.Severity) importauth.Findings {
	for i := range fs {
		fs[i].Severity = sev
	}
	return fs
}

// withClient returns base with c chosen in its natural part: a client
// without a secret as web (and native) client, another as native client.
func withClient(base *cognito.Snapshot, c cognito.AppClient) *cognito.Snapshot {
	s := *base
	s.NativeClientID = c.ID
	if !c.HasSecret {
		s.WebClientID = c.ID
	}
	return &s
}

// withIdentityPool returns base with the identity pool and roles of l.
func withIdentityPool(base *cognito.Snapshot, l linked) *cognito.Snapshot {
	s := *base
	ip := l.IP
	s.IdentityPool, s.AuthRole, s.UnauthRole = &ip, l.Auth, l.Unauth
	return &s
}

// findingKey identifies a finding that several checks of one pool report
// (a pool-level rule runs once per client).
type findingKey struct{ rule, resource, field, found string }

func key(f importauth.Finding) findingKey {
	return findingKey{f.Rule, f.Resource, f.Field, f.Found}
}

func keys(fs importauth.Findings) map[findingKey]bool {
	out := map[findingKey]bool{}
	for _, f := range fs {
		out[key(f)] = true
	}
	return out
}

// dedupe keeps the first of findings with the same key, in order.
func dedupe(fs importauth.Findings) importauth.Findings {
	seen := map[findingKey]bool{}
	out := importauth.Findings{}
	for _, f := range fs {
		if !seen[key(f)] {
			seen[key(f)] = true
			out = append(out, f)
		}
	}
	return out
}

func sortedClients(cs []cognito.AppClient) []cognito.AppClient {
	out := append([]cognito.AppClient(nil), cs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func sortedLinked(ls []linked) []linked {
	out := append([]linked(nil), ls...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].IP.Name != out[j].IP.Name {
			return out[i].IP.Name < out[j].IP.Name
		}
		return out[i].IP.ID < out[j].IP.ID
	})
	return out
}
