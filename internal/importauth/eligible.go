package importauth

import (
	"context"
	"fmt"

	"github.com/ampgo/ampgo/internal/cognito"
)

// listing is a ListPools call that runs while the user answers the first
// question of the walkthrough.
type listing struct {
	done   chan struct{}
	cancel context.CancelFunc
	pools  []cognito.PoolSummary
	err    error
}

// startListing lists the pools of region in the background.
func startListing(ctx context.Context, d Lister, region string) *listing {
	ctx, cancel := context.WithCancel(ctx)
	l := &listing{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(l.done)
		l.pools, l.err = d.ListPools(ctx, region)
	}()
	return l
}

// wait returns the listed pools once the call is done.
func (l *listing) wait(ctx context.Context) ([]cognito.PoolSummary, error) {
	select {
	case <-l.done:
		return l.pools, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stop cancels the call if it still runs and waits for it to end, so no
// call outlives the walkthrough.
func (l *listing) stop() {
	l.cancel()
	<-l.done
}

// poolClients returns the app clients of a pool, read once per Chooser.
func (c *Chooser) poolClients(ctx context.Context, poolID string) ([]cognito.AppClient, error) {
	if cs, ok := c.clients[poolID]; ok {
		return cs, nil
	}
	cs, err := c.Discovery.Clients(ctx, poolID)
	if err != nil {
		return nil, err
	}
	if c.clients == nil {
		c.clients = map[string][]cognito.AppClient{}
	}
	c.clients[poolID] = cs
	return cs, nil
}

// linkedPools returns the identity pools that list a user pool, scanned
// once per Chooser.
func (c *Chooser) linkedPools(ctx context.Context, region, poolID string) ([]cognito.IdentityPool, error) {
	if ips, ok := c.linked[poolID]; ok {
		return ips, nil
	}
	ips, err := c.Discovery.LinkedIdentityPools(ctx, region, poolID)
	if err != nil {
		return nil, err
	}
	if c.linked == nil {
		c.linked = map[string][]cognito.IdentityPool{}
	}
	c.linked[poolID] = ips
	return ips, nil
}

// checkPool judges a pool picked from the list with the rules that need no
// chosen client, as `ampgo doctor auth` does (CheckPool): it needs an app
// client without a secret and, for ModeIdentityPool, an identity pool that
// lists it with such a client. The roles are judged later, with the chosen
// identity pool (Check). What it reads is what the next questions need
// anyway, so a pool that passes costs no extra call.
func (c *Chooser) checkPool(ctx context.Context, region string, mode Mode, p cognito.PoolSummary) (Findings, error) {
	clients, err := c.poolClients(ctx, p.ID)
	if err != nil {
		return nil, notFoundErr(err, "")
	}
	s := &cognito.Snapshot{Pool: cognito.UserPool{ID: p.ID, Name: p.Name}, Clients: clients}
	fs := CheckPool(s)
	if len(fs.Errors()) > 0 || mode != ModeIdentityPool {
		return fs, nil
	}
	linked, err := c.linkedPools(ctx, region, p.ID)
	if err != nil {
		return nil, err
	}
	if len(linked) == 0 {
		web := EligibleWebClients(clients)[0] // CheckPool passed: there is one
		return Findings{noLinkedIdentityPool(region, s.Pool, web.ID)}, nil
	}
	var all Findings
	for i := range linked {
		s.IdentityPool = &linked[i]
		ipf := IdentityPoolLinked(s)
		if len(ipf.Errors()) == 0 {
			return fs, nil // one identity pool that fits is enough
		}
		all = append(all, ipf...)
	}
	return all, nil
}

// noLinkedIdentityPool is the finding for a user pool that no identity pool
// of the region lists as an identity provider.
func noLinkedIdentityPool(region string, pool cognito.UserPool, webClientID string) Finding {
	poolID := pool.ID
	resource := "user pool " + poolID
	if pool.Name != "" {
		resource = poolResource(pool)
	}
	return Finding{
		Rule:     RuleIdentityPoolProvider,
		Severity: SeverityError,
		Resource: resource,
		Field:    "CognitoIdentityProviders",
		Found:    fmt.Sprintf("no identity pool in region %s lists user pool %s as an identity provider", region, poolID),
		Need:     "an identity pool that lists " + ProviderName(region, poolID) + " with an app client without a secret",
		Fix: fmt.Sprintf("add the user pool as an identity provider of an identity pool: Amazon Cognito console > Identity pools > <pool> > "+
			"User access > Add identity provider > Amazon Cognito user pool (%s, app client %s)", poolID, webClientID),
	}
}

// reason is the short mark of a pool that cannot be imported in the pool
// list: what its first problem is about, and how many more there are. It
// stays short, so that the line fits a terminal next to a pool's name and id.
func reason(errs Findings) string {
	var why string
	switch f := errs[0]; f.Rule {
	case RuleWebClient:
		why = "no app client without a secret"
	case RuleIdentityPoolProvider:
		why = "no identity pool lists it"
	default:
		why = f.Field + " of " + f.Resource
	}
	if n := len(errs) - 1; n > 0 {
		why += fmt.Sprintf(" (+%d more)", n)
	}
	return why
}
