package doctor

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/ampgo/ampgo/internal/importauth"
)

// Import kinds as the Amplify CLI names them.
const (
	kindBoth = `"User Pool and Identity Pool"`
	kindOnly = `"User Pool only"`
)

// PoolLine is the one line a pool gets as soon as it is judged: whether it
// can be imported, and as what.
func PoolLine(p PoolReport) string {
	head := fmt.Sprintf("%s (%s)", p.Name, p.ID)
	if p.Name == "" {
		head = p.ID
	}
	errs := len(p.raw.Errors())
	switch {
	case p.ReadError != "":
		return fmt.Sprintf("? %s  not checked: %s", head, p.ReadError)
	case p.Eligible.Both():
		return fmt.Sprintf("✔ %s  eligible for %s and %s", head, kindBoth, kindOnly)
	case p.Eligible.UserPoolOnly && p.Eligible.UserPoolAndIdentityPool == nil:
		return fmt.Sprintf("✔ %s  eligible for %s; %s: unknown (identity pools could not be read: %s)", head, kindOnly, kindBoth, p.identityPoolsErr)
	case p.Eligible.UserPoolOnly:
		return fmt.Sprintf("✔ %s  eligible for %s; not for %s: %s", head, kindOnly, kindBoth, whyNoIdentityPool(p))
	}
	return fmt.Sprintf("✖ %s  not eligible: %d %s", head, errs, plural(errs, "problem"))
}

// whyNoIdentityPool says why no identity pool combination passed.
func whyNoIdentityPool(p PoolReport) string {
	switch {
	case len(p.IdentityPools) == 0:
		return "no identity pool lists this user pool"
	}
	return fmt.Sprintf("%d linked identity %s with problems", len(p.IdentityPools), plural(len(p.IdentityPools), "pool"))
}

// WriteText writes the report for a person. Unless the pool lines were
// already streamed, they come first, grouped by verdict (importable first),
// by name within a group. Then each finding that several pools share, once,
// with the pools that have it ("14 user pools with the same finding");
// then, per pool with something left to say, in the same order, the import
// command and its own findings with their fixes; then the caller's
// permissions, the policy for the denied ones, and a summary.
func WriteText(w io.Writer, r *Report, streamed bool) {
	if !streamed {
		writePoolLines(w, r.Pools)
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "? %s\n", e)
	}
	shared, own := shareFindings(r.Pools)
	writeShared(w, shared)
	for _, p := range byVerdict(r.Pools) {
		writePool(w, r.Region, p, own[p.ID])
	}
	writePermissions(w, r)
	s := r.Summary
	fmt.Fprintf(w, "\n%d user %s in %s: %d eligible for %s, %d only for %s, %d not eligible, %d not checked; %d AWS calls.\n",
		s.UserPools, plural(s.UserPools, "pool"), r.Region, s.UserPoolAndIdentityPool, kindBoth,
		s.UserPoolOnly, kindOnly, s.NotEligible, s.NotChecked, s.APICalls)
}

// writePool prints a pool's import command and the findings it does not
// share with other pools (own).
func writePool(w io.Writer, region string, p PoolReport, own importauth.Findings) {
	if p.ReadError != "" || (len(own) == 0 && len(p.Candidates) == 0) {
		return
	}
	fmt.Fprintf(w, "\n── %s (%s) ──\n", p.Name, p.ID)
	if cmd := importCommand(region, p); cmd != "" {
		fmt.Fprintf(w, "import with: %s\n", cmd)
	}
	if len(own) > 0 {
		fmt.Fprintln(w)
	}
	importauth.WriteFindings(w, own)
	importauth.WriteInfos(w, own)
}

// importCommand is the first candidate as an `ampgo import auth` command,
// preferring one with an identity pool.
func importCommand(region string, p PoolReport) string {
	if len(p.Candidates) == 0 {
		return ""
	}
	best := p.Candidates[0]
	for _, c := range p.Candidates {
		if c.IdentityPoolID != "" {
			best = c
			break
		}
	}
	cmd := fmt.Sprintf("ampgo import auth --region %s --user-pool-id %s --web-client-id %s", region, p.ID, best.WebClientID)
	if best.IdentityPoolID == "" {
		return cmd + " --user-pool-only"
	}
	return cmd + " --identity-pool-id " + best.IdentityPoolID
}

func writePermissions(w io.Writer, r *Report) {
	if r.Caller != nil {
		fmt.Fprintf(w, "\nPermissions of %s (account %s), as the calls above showed:\n", r.Caller.ARN, r.Caller.Account)
	} else {
		fmt.Fprintln(w, "\nPermissions, as the calls above showed:")
	}
	for _, p := range r.Permissions {
		mark, text := "✔", fmt.Sprintf("allowed (%d %s)", p.Calls, plural(p.Calls, "call"))
		switch p.Status {
		case PermDenied, PermPartial:
			mark, text = "✖", fmt.Sprintf("%s (%d of %d calls denied)", p.Status, p.Denied, p.Calls)
		case PermUnknown:
			mark, text = "?", fmt.Sprintf("unknown (%d calls failed for other reasons)", p.Calls)
		case PermNotUsed:
			mark, text = "-", "not used in this run"
		}
		fmt.Fprintf(w, "  %s %-40s %s\n", mark, p.Action, text)
	}
	if r.MissingPolicy == nil {
		return
	}
	b, _ := json.MarshalIndent(r.MissingPolicy, "", "  ")
	fmt.Fprintf(w, "\nMinimal IAM policy granting the denied actions (attach it to %s):\n%s\n", callerName(r), b)
}

func callerName(r *Report) string {
	if r.Caller == nil {
		return "the caller"
	}
	return r.Caller.ARN
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
