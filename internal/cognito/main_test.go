package cognito

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/ampgo/ampgo/internal/testenv"
)

// moto is the package's server, started once in TestMain. Tests keep out
// of each other's way with unique names (Seed's random suffix) and, where
// they count everything in a region, with a region of their own.
var moto *testenv.Moto

func TestMain(m *testing.M) {
	var err error
	moto, err = testenv.StartMain()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	moto.Stop()
	os.Exit(code)
}

// seed creates a Seed setup in region and fails the test on error.
func seed(t *testing.T, region string, opts testenv.SetupOptions) *testenv.Setup {
	t.Helper()
	s, err := testenv.Seed(context.Background(), moto.AWSConfig(region), opts)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	return s
}

// callLog counts SDK calls by operation name.
type callLog struct {
	mu sync.Mutex
	n  map[string]int
}

func (l *callLog) add(op string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.n == nil {
		l.n = map[string]int{}
	}
	l.n[op]++
}

func (l *callLog) counts() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]int, len(l.n))
	for k, v := range l.n {
		out[k] = v
	}
	return out
}

// countingReader is a Reader whose SDK clients (pointed at moto, region
// cfgRegion) count every call.
func countingReader(cfgRegion string) (*Reader, *callLog) {
	base := NewReader(moto.AWSConfig(cfgRegion))
	log := &callLog{}
	return &Reader{
		idp:         countingIDP{api: base.idp, log: log},
		identity:    countingIdentity{api: base.identity, log: log},
		iam:         countingIAM{api: base.iam, log: log},
		Concurrency: base.Concurrency,
	}, log
}

type countingIDP struct {
	api userPoolAPI
	log *callLog
}

func (c countingIDP) ListUserPools(ctx context.Context, in *cip.ListUserPoolsInput, o ...func(*cip.Options)) (*cip.ListUserPoolsOutput, error) {
	c.log.add("ListUserPools")
	return c.api.ListUserPools(ctx, in, o...)
}

func (c countingIDP) ListUserPoolClients(ctx context.Context, in *cip.ListUserPoolClientsInput, o ...func(*cip.Options)) (*cip.ListUserPoolClientsOutput, error) {
	c.log.add("ListUserPoolClients")
	return c.api.ListUserPoolClients(ctx, in, o...)
}

func (c countingIDP) ListIdentityProviders(ctx context.Context, in *cip.ListIdentityProvidersInput, o ...func(*cip.Options)) (*cip.ListIdentityProvidersOutput, error) {
	c.log.add("ListIdentityProviders")
	return c.api.ListIdentityProviders(ctx, in, o...)
}

func (c countingIDP) DescribeUserPool(ctx context.Context, in *cip.DescribeUserPoolInput, o ...func(*cip.Options)) (*cip.DescribeUserPoolOutput, error) {
	c.log.add("DescribeUserPool")
	return c.api.DescribeUserPool(ctx, in, o...)
}

func (c countingIDP) DescribeUserPoolClient(ctx context.Context, in *cip.DescribeUserPoolClientInput, o ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error) {
	c.log.add("DescribeUserPoolClient")
	return c.api.DescribeUserPoolClient(ctx, in, o...)
}

func (c countingIDP) GetUserPoolMfaConfig(ctx context.Context, in *cip.GetUserPoolMfaConfigInput, o ...func(*cip.Options)) (*cip.GetUserPoolMfaConfigOutput, error) {
	c.log.add("GetUserPoolMfaConfig")
	return c.api.GetUserPoolMfaConfig(ctx, in, o...)
}

type countingIdentity struct {
	api identityPoolAPI
	log *callLog
}

func (c countingIdentity) ListIdentityPools(ctx context.Context, in *ci.ListIdentityPoolsInput, o ...func(*ci.Options)) (*ci.ListIdentityPoolsOutput, error) {
	c.log.add("ListIdentityPools")
	return c.api.ListIdentityPools(ctx, in, o...)
}

func (c countingIdentity) DescribeIdentityPool(ctx context.Context, in *ci.DescribeIdentityPoolInput, o ...func(*ci.Options)) (*ci.DescribeIdentityPoolOutput, error) {
	c.log.add("DescribeIdentityPool")
	return c.api.DescribeIdentityPool(ctx, in, o...)
}

func (c countingIdentity) GetIdentityPoolRoles(ctx context.Context, in *ci.GetIdentityPoolRolesInput, o ...func(*ci.Options)) (*ci.GetIdentityPoolRolesOutput, error) {
	c.log.add("GetIdentityPoolRoles")
	return c.api.GetIdentityPoolRoles(ctx, in, o...)
}

type countingIAM struct {
	api roleAPI
	log *callLog
}

func (c countingIAM) GetRole(ctx context.Context, in *iam.GetRoleInput, o ...func(*iam.Options)) (*iam.GetRoleOutput, error) {
	c.log.add("GetRole")
	return c.api.GetRole(ctx, in, o...)
}
