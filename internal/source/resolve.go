package source

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
)

// ClientDescriber tells whether an app client has a secret when the source
// does not; *cognito.Reader implements it (DescribeUserPoolClient, once per
// client and command: the import's own validation reuses the answer).
type ClientDescriber interface {
	Client(ctx context.Context, poolID, clientID string) (cognito.AppClient, error)
}

// Request is what Resolve chooses from.
type Request struct {
	// Given are the explicit id flags: they always win over the source.
	Given cognito.Selection
	// Prefer are the recorded ids (refresh, status): each is kept while
	// the source still names it, so a choice made once by flags survives.
	Prefer cognito.Selection
	// WithIdentityPool is false for "User Pool only": the source's identity
	// pools are then ignored.
	WithIdentityPool bool
}

// Resolve picks the resources to import from what a source names. User
// pool: the one the source names (or its clients' user_pool_id). App
// clients: exactly one → web and native; exactly two, one without a secret
// → that one is web, the other native; anything else is exit 2 listing the
// candidates (name, id, secret yes/no) and the flags that choose.
// Identity pool: the one that lists the user pool, none, or exit 2 when
// several. Every import rule then runs on the result, as on flags.
func Resolve(ctx context.Context, f *Found, req Request, d ClientDescriber) (cognito.Selection, error) {
	sel := req.Given
	var err error
	if sel.UserPoolID == "" {
		if sel.UserPoolID, err = pickPool(f, req.Prefer.UserPoolID); err != nil {
			return sel, err
		}
	}
	if err := pickClients(ctx, f, &sel, req.Prefer, d); err != nil {
		return sel, err
	}
	if req.WithIdentityPool && sel.IdentityPoolID == "" {
		if sel.IdentityPoolID, err = pickIdentityPool(f, sel.UserPoolID, req.Prefer.IdentityPoolID); err != nil {
			return sel, err
		}
	}
	if !req.WithIdentityPool {
		sel.IdentityPoolID = ""
	}
	return sel, nil
}

func pickPool(f *Found, prefer string) (string, error) {
	pools := f.Pools
	if len(pools) == 0 {
		// A configuration that manages clients of a pool managed elsewhere
		// names the pool in each client's user_pool_id.
		for _, c := range f.Clients {
			if c.UserPoolID != "" && !slices.ContainsFunc(pools, func(p Pool) bool { return p.ID == c.UserPoolID }) {
				pools = append(pools, Pool{ID: c.UserPoolID, Where: c.Where + ".user_pool_id"})
			}
		}
	}
	for _, p := range pools {
		if p.ID == prefer {
			return p.ID, nil
		}
	}
	switch len(pools) {
	case 0:
		return "", exit.UsageErrorf("check the source, or pass --user-pool-id", "%s names no Cognito user pool", f.Source)
	case 1:
		return pools[0].ID, nil
	}
	lines := make([]string, len(pools))
	for i, p := range pools {
		lines[i] = candidate(p.Name, p.ID, "", p.Where)
	}
	return "", ambiguous(f, "user pools", lines, "--user-pool-id")
}

// pickClients fills the web and native client of sel that are not given.
func pickClients(ctx context.Context, f *Found, sel *cognito.Selection, prefer cognito.Selection, d ClientDescriber) error {
	var cands []Client
	for _, c := range f.Clients {
		if c.UserPoolID == "" || c.UserPoolID == sel.UserPoolID {
			cands = append(cands, c)
		}
	}
	has := func(id string) bool { return slices.ContainsFunc(cands, func(c Client) bool { return c.ID == id }) }
	if sel.WebClientID == "" && sel.NativeClientID == "" && prefer.WebClientID != "" && has(prefer.WebClientID) {
		sel.WebClientID = prefer.WebClientID
		if prefer.NativeClientID == prefer.WebClientID {
			sel.NativeClientID = prefer.WebClientID // one client serves both, as recorded
		}
	}
	if sel.NativeClientID == "" && prefer.NativeClientID != "" && prefer.NativeClientID != sel.WebClientID && has(prefer.NativeClientID) {
		sel.NativeClientID = prefer.NativeClientID
	}
	if sel.WebClientID != "" && sel.NativeClientID != "" {
		return nil
	}
	// Clients found by an output key only are checked first (dropped when
	// the pool has none such); secrets are asked only where the rule needs
	// them, or for the candidate list.
	cands, err := describe(ctx, d, sel.UserPoolID, cands, false)
	if err != nil {
		return err
	}
	withSecrets := func() ([]Client, error) { return describe(ctx, d, sel.UserPoolID, cands, true) }
	others := func(cs []Client) []Client {
		return slices.DeleteFunc(slices.Clone(cs), func(c Client) bool { return c.ID == sel.WebClientID || c.ID == sel.NativeClientID })
	}
	switch {
	case sel.WebClientID != "":
		// The web client is given: the one other client is native; none
		// means the web client serves native apps too.
		switch o := others(cands); len(o) {
		case 0:
			sel.NativeClientID = sel.WebClientID
			return nil
		case 1:
			sel.NativeClientID = o[0].ID
			return nil
		}
		if cands, err = withSecrets(); err != nil {
			return err
		}
		return ambiguous(f, "other app clients", clientLines(others(cands)), "--native-client-id")
	case sel.NativeClientID != "":
		if cands, err = withSecrets(); err != nil {
			return err
		}
		web := slices.DeleteFunc(others(cands), func(c Client) bool { return c.Secret != SecretNo })
		if len(web) == 1 {
			sel.WebClientID = web[0].ID
			return nil
		}
		return ambiguous(f, "app clients", clientLines(cands), "--web-client-id")
	}
	switch len(cands) {
	case 0:
		return exit.UsageErrorf("pass --web-client-id (and --native-client-id)",
			"%s names no app client of user pool %s", f.Source, sel.UserPoolID)
	case 1:
		sel.WebClientID, sel.NativeClientID = cands[0].ID, cands[0].ID
		return nil
	}
	if cands, err = withSecrets(); err != nil {
		return err
	}
	if len(cands) == 2 {
		if a, b := cands[0], cands[1]; (a.Secret == SecretNo) != (b.Secret == SecretNo) && a.Secret != SecretUnknown && b.Secret != SecretUnknown {
			if b.Secret == SecretNo {
				a, b = b, a
			}
			sel.WebClientID, sel.NativeClientID = a.ID, b.ID
			return nil
		}
	}
	return ambiguous(f, "app clients", clientLines(cands), "--web-client-id", "--native-client-id")
}

// describe asks AWS about each candidate found by an output key only
// (dropped when the pool has no such client) and, with secrets, about each
// one whose secret the source does not tell. With no describer, unknown
// stays unknown.
func describe(ctx context.Context, d ClientDescriber, poolID string, cands []Client, secrets bool) ([]Client, error) {
	out := cands[:0:0]
	for _, c := range cands {
		if d == nil || !(c.guessed || (secrets && c.Secret == SecretUnknown)) {
			out = append(out, c)
			continue
		}
		ac, err := d.Client(ctx, poolID, c.ID)
		var nf *cognito.NotFoundError
		if errors.As(err, &nf) && c.guessed {
			continue
		}
		if err != nil {
			return nil, err
		}
		c.Secret, c.Name, c.guessed = SecretNo, ac.Name, false
		if ac.HasSecret {
			c.Secret = SecretYes
		}
		out = append(out, c)
	}
	return out, nil
}

func pickIdentityPool(f *Found, poolID, prefer string) (string, error) {
	var cands []IdentityPool
	for _, ip := range f.IdentityPools {
		if len(ip.UserPools) == 0 || slices.Contains(ip.UserPools, poolID) {
			cands = append(cands, ip)
		}
	}
	for _, ip := range cands {
		if ip.ID == prefer {
			return ip.ID, nil
		}
	}
	switch len(cands) {
	case 0:
		return "", nil // the import's own choice: linked identity pools, or none
	case 1:
		return cands[0].ID, nil
	}
	lines := make([]string, len(cands))
	for i, ip := range cands {
		lines[i] = candidate(ip.Name, ip.ID, "", ip.Where)
	}
	return "", ambiguous(f, "identity pools", lines, "--identity-pool-id")
}

func clientLines(cs []Client) []string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		secret := "secret: unknown"
		switch c.Secret {
		case SecretYes:
			secret = "secret: yes"
		case SecretNo:
			secret = "secret: no"
		}
		lines[i] = candidate(c.Name, c.ID, secret, c.Where)
	}
	return lines
}

func candidate(name, id, extra, where string) string {
	if name == "" {
		name = "(no name)"
	}
	s := fmt.Sprintf("%s (%s)", name, id)
	if extra != "" {
		s += ", " + extra
	}
	if where != "" {
		s += ", at " + where
	}
	return s
}

// ambiguous is exit 2 listing the candidates and the flags that choose.
func ambiguous(f *Found, what string, lines []string, flags ...string) error {
	return exit.UsageErrorf("choose with "+strings.Join(flags, " and ")+" (explicit ids win over the source)",
		"%s names %d %s, ampgo cannot choose:\n  %s", f.Source, len(lines), what, strings.Join(lines, "\n  "))
}
