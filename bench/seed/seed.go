// Package seed fills moto with an account of a given size for the
// benchmark: N user pools with three app clients each and N identity pools,
// half of them linked to a user pool. It talks to moto directly (not through
// the latency proxy) and in parallel; with the patched launcher
// (tools/moto/ampgo_moto.py) 1000 pools take seconds.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"golang.org/x/sync/errgroup"

	"github.com/ampgo/ampgo/internal/testenv"
)

// ClientsPerPool is the number of app clients of every seeded user pool.
const ClientsPerPool = 3

// Account is what Seed created.
type Account struct {
	N int
	// Target is the setup the import scenarios import: testenv's healthy
	// setup (user pool with domain and Google IdP, web and native client,
	// identity pool with both roles) plus a third client with a secret. Its
	// identity pool is the first one created, so it is on the first page.
	Target        *testenv.Setup
	AdminClientID string

	UserPools, Clients, IdentityPools, Linked int
	Took                                      time.Duration
}

// Seed creates an account of n user pools (n ≥ 1) in cfg's region. moto
// must be empty or at least free of "bench-" names.
func Seed(ctx context.Context, cfg aws.Config, n, concurrency int) (*Account, error) {
	start := time.Now()
	if n < 1 {
		return nil, fmt.Errorf("seed: need at least one user pool, got %d", n)
	}
	target, err := testenv.Seed(ctx, cfg, testenv.SetupOptions{Suffix: "target"})
	if err != nil {
		return nil, fmt.Errorf("seed target setup: %w", err)
	}
	idp, cid := cip.NewFromConfig(cfg), ci.NewFromConfig(cfg)
	admin, err := idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
		UserPoolId: aws.String(target.UserPoolID), ClientName: aws.String("acme-admin-target"), GenerateSecret: true})
	if err != nil {
		return nil, fmt.Errorf("create admin client of the target pool: %w", err)
	}
	a := &Account{N: n, Target: target, AdminClientID: aws.ToString(admin.UserPoolClient.ClientId),
		UserPools: 1, Clients: ClientsPerPool, IdentityPools: 1, Linked: 1}

	// Fillers 1..n-1; fillers 1..n/2-1 get an identity pool that lists
	// their web and native clients, the others an unlinked one, so that
	// half of the n identity pools are linked to some user pool.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, concurrency))
	for i := 1; i < n; i++ {
		linked := i < n/2
		g.Go(func() error { return filler(gctx, idp, cid, cfg.Region, i, linked) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	a.UserPools += n - 1
	a.Clients += ClientsPerPool * (n - 1)
	a.IdentityPools += n - 1
	a.Linked += max(0, n/2-1)
	a.Took = time.Since(start)
	return a, nil
}

// filler creates user pool i with a web client (no secret), a native and an
// admin client (secrets), and identity pool i.
func filler(ctx context.Context, idp *cip.Client, cid *ci.Client, region string, i int, linked bool) error {
	pool, err := idp.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String(fmt.Sprintf("bench-pool-%04d", i))})
	if err != nil {
		return fmt.Errorf("create user pool %d: %w", i, err)
	}
	poolID := aws.ToString(pool.UserPool.Id)
	ids := make([]string, ClientsPerPool)
	for j, name := range []string{"web", "native", "admin"} {
		out, err := idp.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{
			UserPoolId: aws.String(poolID), ClientName: aws.String(fmt.Sprintf("bench-%s-%04d", name, i)),
			GenerateSecret: name != "web"})
		if err != nil {
			return fmt.Errorf("create client %s of user pool %d: %w", name, i, err)
		}
		ids[j] = aws.ToString(out.UserPoolClient.ClientId)
	}
	in := &ci.CreateIdentityPoolInput{
		IdentityPoolName:               aws.String(fmt.Sprintf("bench_identity_%04d", i)),
		AllowUnauthenticatedIdentities: true,
	}
	if linked {
		provider := fmt.Sprintf("cognito-idp.%s.amazonaws.com/%s", region, poolID)
		in.CognitoIdentityProviders = []citypes.CognitoIdentityProvider{
			{ProviderName: aws.String(provider), ClientId: aws.String(ids[0])},
			{ProviderName: aws.String(provider), ClientId: aws.String(ids[1])},
		}
	}
	if _, err := cid.CreateIdentityPool(ctx, in); err != nil {
		return fmt.Errorf("create identity pool %d: %w", i, err)
	}
	return nil
}
