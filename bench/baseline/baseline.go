// Package baseline re-enacts, in Go, the call strategy of the Amplify CLI's
// `amplify import auth` as recorded in
// /work/shared/docs/reference/amplify-import-behaviour.md §2, so that the
// benchmark can show it next to ampgo against the same proxy:
//
//   - list calls page strictly sequentially with MaxResults 60
//     (paged-call.ts: do { call(NextToken) } while (NextToken));
//   - fan-out describes use Promise.all over the whole list: every identity
//     pool of the region and every client of the pool, all at once;
//   - the SDK's default retry behaviour, no custom retry.
//
// Two details of the JavaScript SDK v3 are reproduced because they shape
// the traffic: its Node HTTP handler keeps at most 50 sockets per host
// (maxSockets=50 since aws-sdk-js-v3#2024), so "all at once" means 50 in
// flight with the rest queued; and its default retry strategy is the
// standard mode with 3 attempts and a retry quota, which the Go SDK's
// retry.NewStandard defaults mirror.
//
// Only the calls are re-enacted; the Amplify CLI's own start-up (Node.js,
// plugin loading, typically a second or more) is not, so its wall times
// here are optimistic.
package baseline

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"golang.org/x/sync/errgroup"
)

// maxSockets is the JavaScript SDK v3's default per-host socket limit.
const maxSockets = 50

// pageSize is the MaxResults of every Amplify CLI list call.
const pageSize = 60

// Amplify calls Cognito the way the Amplify CLI does.
type Amplify struct {
	idp      *cip.Client
	identity *ci.Client
}

// New returns clients for endpoint (the proxy) with the JavaScript SDK's
// default retries and socket limit.
func New(endpoint, region string) *Amplify {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxConnsPerHost = maxSockets
	tr.MaxIdleConnsPerHost = maxSockets
	cfg := aws.Config{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint: aws.String(endpoint),
		HTTPClient:   &http.Client{Transport: tr},
		Retryer:      func() aws.Retryer { return retry.NewStandard() },
	}
	return &Amplify{idp: cip.NewFromConfig(cfg), identity: ci.NewFromConfig(cfg)}
}

// Selection names the resources of a headless import.
type Selection struct {
	UserPoolID, WebClientID, NativeClientID, IdentityPoolID string
}

// ListPools is §2.1 step 1: every ListUserPools page, one after another,
// before the pool list is shown.
func (a *Amplify) ListPools(ctx context.Context) (int, error) {
	n := 0
	var token *string
	for {
		out, err := a.idp.ListUserPools(ctx, &cip.ListUserPoolsInput{MaxResults: aws.Int32(pageSize), NextToken: token})
		if err != nil {
			return n, fmt.Errorf("ListUserPools: %w", err)
		}
		n += len(out.UserPools)
		if token = out.NextToken; token == nil {
			return n, nil
		}
	}
}

// ImportHeadless is §2.2, the headless import with every id given:
// DescribeUserPool → ListUserPoolClients (+ DescribeUserPoolClient × C) →
// ListIdentityPools (+ DescribeIdentityPool × I) → ListIdentityProviders
// (+ DescribeIdentityProvider × K) → GetIdentityPoolRoles →
// GetUserPoolMfaConfig → ListIdentityProviders (+ DescribeIdentityProvider
// × K) again, in this order.
func (a *Amplify) ImportHeadless(ctx context.Context, sel Selection) error {
	pool, err := a.idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &sel.UserPoolID})
	if err != nil {
		return fmt.Errorf("DescribeUserPool: %w", err)
	}
	if err := a.clients(ctx, sel.UserPoolID); err != nil {
		return err
	}
	if err := a.identityPools(ctx); err != nil {
		return err
	}
	if err := a.providers(ctx, sel.UserPoolID); err != nil {
		return err
	}
	if _, err := a.identity.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &sel.IdentityPoolID}); err != nil {
		return fmt.Errorf("GetIdentityPoolRoles: %w", err)
	}
	if err := a.mfa(ctx, pool); err != nil {
		return err
	}
	return a.providers(ctx, sel.UserPoolID) // the duplicate of the source
}

// ImportKnownPool is §2.1 steps 2-10 once the user pool is known (the
// scenario where ampgo gets --user-pool-id): the pool's clients, every
// identity pool of the region, then the chosen resources.
func (a *Amplify) ImportKnownPool(ctx context.Context, poolID, identityPoolID string) error {
	if err := a.clients(ctx, poolID); err != nil {
		return err
	}
	if err := a.identityPools(ctx); err != nil {
		return err
	}
	pool, err := a.idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &poolID})
	if err != nil {
		return fmt.Errorf("DescribeUserPool: %w", err)
	}
	if _, err := a.identity.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &identityPoolID}); err != nil {
		return fmt.Errorf("GetIdentityPoolRoles: %w", err)
	}
	if err := a.mfa(ctx, pool); err != nil {
		return err
	}
	return a.providers(ctx, poolID)
}

// clients lists the pool's clients page by page and describes them all at once.
func (a *Amplify) clients(ctx context.Context, poolID string) error {
	var ids []string
	var token *string
	for {
		out, err := a.idp.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &poolID, MaxResults: aws.Int32(pageSize), NextToken: token})
		if err != nil {
			return fmt.Errorf("ListUserPoolClients: %w", err)
		}
		for _, c := range out.UserPoolClients {
			ids = append(ids, aws.ToString(c.ClientId))
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	return all(ctx, ids, func(ctx context.Context, id string) error {
		_, err := a.idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &poolID, ClientId: &id})
		return wrap("DescribeUserPoolClient", err)
	})
}

// identityPools lists every identity pool page by page, then describes
// every one of them at once.
func (a *Amplify) identityPools(ctx context.Context) error {
	var ids []string
	var token *string
	for {
		out, err := a.identity.ListIdentityPools(ctx, &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(pageSize), NextToken: token})
		if err != nil {
			return fmt.Errorf("ListIdentityPools: %w", err)
		}
		for _, ip := range out.IdentityPools {
			ids = append(ids, aws.ToString(ip.IdentityPoolId))
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	return all(ctx, ids, func(ctx context.Context, id string) error {
		_, err := a.identity.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id})
		return wrap("DescribeIdentityPool", err)
	})
}

// providers lists the pool's identity providers and describes them at once.
func (a *Amplify) providers(ctx context.Context, poolID string) error {
	var names []string
	var token *string
	for {
		out, err := a.idp.ListIdentityProviders(ctx, &cip.ListIdentityProvidersInput{UserPoolId: &poolID, MaxResults: aws.Int32(pageSize), NextToken: token})
		if err != nil {
			return fmt.Errorf("ListIdentityProviders: %w", err)
		}
		for _, p := range out.Providers {
			names = append(names, aws.ToString(p.ProviderName))
		}
		if token = out.NextToken; token == nil {
			break
		}
	}
	return all(ctx, names, func(ctx context.Context, name string) error {
		_, err := a.idp.DescribeIdentityProvider(ctx, &cip.DescribeIdentityProviderInput{UserPoolId: &poolID, ProviderName: &name})
		return wrap("DescribeIdentityProvider", err)
	})
}

// mfa reads the MFA configuration when the pool has MFA on (§2.1 step 8;
// the Amplify CLI swallows its errors).
func (a *Amplify) mfa(ctx context.Context, pool *cip.DescribeUserPoolOutput) error {
	if pool.UserPool == nil || pool.UserPool.MfaConfiguration == "OFF" {
		return nil
	}
	_, _ = a.idp.GetUserPoolMfaConfig(ctx, &cip.GetUserPoolMfaConfigInput{UserPoolId: pool.UserPool.Id})
	return nil
}

// all is Promise.all: every call starts at once and the first failure
// fails the whole (the CLI then exits, which ends the calls in flight).
func all(ctx context.Context, items []string, f func(context.Context, string) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return f(ctx, it) })
	}
	return g.Wait()
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}
