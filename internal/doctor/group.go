package doctor

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ampgo/ampgo/internal/importauth"
)

// Verdicts in the order the text report groups pools: importable first.
const (
	verdictBoth = iota
	verdictUserPoolOnly
	verdictNotEligible
	verdictNotChecked
)

// verdict is the group of p in the text report.
func verdict(p PoolReport) int {
	switch {
	case p.ReadError != "":
		return verdictNotChecked
	case p.Eligible.Both():
		return verdictBoth
	case p.Eligible.UserPoolOnly:
		return verdictUserPoolOnly
	}
	return verdictNotEligible
}

// byVerdict returns the pools grouped by verdict, each group in the
// report's order (by name, then id).
func byVerdict(pools []PoolReport) []PoolReport {
	out := append([]PoolReport(nil), pools...)
	sort.SliceStable(out, func(i, j int) bool { return verdict(out[i]) < verdict(out[j]) })
	return out
}

// writePoolLines prints one line per pool, grouped by verdict, a blank
// line between groups.
func writePoolLines(w io.Writer, pools []PoolReport) {
	pools = byVerdict(pools)
	for i, p := range pools {
		if i > 0 && verdict(p) != verdict(pools[i-1]) {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, PoolLine(p))
	}
}

// sharedFinding is one finding that several pools have, with what names
// the pool (its id and name) taken out.
type sharedFinding struct {
	finding importauth.Finding // generic: the pool named by placeholders
	found   bool               // every pool found the same value
	pools   []string           // names of the pools that have it
}

// placeholders of the generic text of a shared finding.
const (
	poolIDPlaceholder   = "<user-pool-id>"
	poolNamePlaceholder = "<user-pool-name>"
)

// generic returns f with p's id and name replaced by placeholders, so the
// same finding of two pools reads the same; a finding about the pool itself
// is about "each user pool".
func generic(p PoolReport, f importauth.Finding) importauth.Finding {
	if f.Resource == fmt.Sprintf("user pool %q (%s)", p.Name, p.ID) {
		f.Resource = "each user pool"
	}
	r := strings.NewReplacer(p.ID, poolIDPlaceholder)
	if p.Name != "" {
		r = strings.NewReplacer(p.ID, poolIDPlaceholder, `"`+p.Name+`"`, poolNamePlaceholder, "> "+p.Name+" >", "> "+poolNamePlaceholder+" >")
	}
	f.Resource, f.Found, f.Need, f.Fix, f.Detail = r.Replace(f.Resource), r.Replace(f.Found), r.Replace(f.Need), r.Replace(f.Fix), r.Replace(f.Detail)
	return f
}

// sharedKey identifies a generic finding; Found is left out: it often names the
// pool's own clients, and the fix is the same.
func sharedKey(f importauth.Finding) string {
	return strings.Join([]string{string(f.Severity), f.Rule, f.Resource, f.Field, f.Need, f.Fix, f.Detail}, "\x00")
}

// shareFindings returns the findings that two or more pools have, errors
// first, then the most shared, and for each pool the findings it does not
// share. One pool's identical findings count once.
func shareFindings(pools []PoolReport) (shared []*sharedFinding, own map[string]importauth.Findings) {
	byKey := map[string]*sharedFinding{}
	var order []string
	for _, p := range pools {
		seen := map[string]bool{}
		for _, f := range p.raw {
			g := generic(p, f)
			k := sharedKey(g)
			if seen[k] {
				continue
			}
			seen[k] = true
			s, ok := byKey[k]
			if !ok {
				s = &sharedFinding{finding: g, found: true}
				byKey[k] = s
				order = append(order, k)
			}
			s.found = s.found && s.finding.Found == g.Found
			s.pools = append(s.pools, poolName(p))
		}
	}
	shared = []*sharedFinding{}
	own = map[string]importauth.Findings{}
	for _, k := range order {
		if len(byKey[k].pools) > 1 {
			shared = append(shared, byKey[k])
		}
	}
	sort.SliceStable(shared, func(i, j int) bool {
		si, sj := severityRank(shared[i].finding.Severity), severityRank(shared[j].finding.Severity)
		if si != sj {
			return si < sj
		}
		return len(shared[i].pools) > len(shared[j].pools)
	})
	for _, p := range pools {
		for _, f := range p.raw {
			if len(byKey[sharedKey(generic(p, f))].pools) < 2 {
				own[p.ID] = append(own[p.ID], f)
			}
		}
	}
	return shared, own
}

func severityRank(s importauth.Severity) int {
	switch s {
	case importauth.SeverityError:
		return 0
	case importauth.SeverityWarning:
		return 1
	}
	return 2
}

// poolName names a pool in a list of pools: its name, or its id when it
// has none. Its id is on its pool line.
func poolName(p PoolReport) string {
	if p.Name == "" {
		return p.ID
	}
	return p.Name
}

// writeShared prints each shared finding once: how many pools, which, and
// the finding with placeholders for the pool.
func writeShared(w io.Writer, shared []*sharedFinding) {
	for _, s := range shared {
		fmt.Fprintf(w, "\n── %d user pools with the same finding ──\n%s\n\n", len(s.pools), strings.Join(s.pools, ", "))
		f := s.finding
		if !s.found {
			f.Found = "differs by pool (it names the pool's own clients); --output json has each"
		}
		importauth.WriteFindings(w, importauth.Findings{f})
		importauth.WriteInfos(w, importauth.Findings{f})
	}
}
