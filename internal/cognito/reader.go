package cognito

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/ids"
)

// userPoolAPI is the part of the Cognito user pools API ampgo reads. Only
// read calls: ampgo never writes to an imported resource.
type userPoolAPI interface {
	cip.ListUserPoolsAPIClient
	cip.ListUserPoolClientsAPIClient
	cip.ListIdentityProvidersAPIClient
	DescribeUserPool(ctx context.Context, in *cip.DescribeUserPoolInput, o ...func(*cip.Options)) (*cip.DescribeUserPoolOutput, error)
	DescribeUserPoolClient(ctx context.Context, in *cip.DescribeUserPoolClientInput, o ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error)
	GetUserPoolMfaConfig(ctx context.Context, in *cip.GetUserPoolMfaConfigInput, o ...func(*cip.Options)) (*cip.GetUserPoolMfaConfigOutput, error)
}

// identityPoolAPI is the part of the Cognito identity pools API ampgo reads.
type identityPoolAPI interface {
	ci.ListIdentityPoolsAPIClient
	DescribeIdentityPool(ctx context.Context, in *ci.DescribeIdentityPoolInput, o ...func(*ci.Options)) (*ci.DescribeIdentityPoolOutput, error)
	GetIdentityPoolRoles(ctx context.Context, in *ci.GetIdentityPoolRolesInput, o ...func(*ci.Options)) (*ci.GetIdentityPoolRolesOutput, error)
}

// roleAPI is the part of IAM ampgo reads.
type roleAPI interface {
	GetRole(ctx context.Context, in *iam.GetRoleInput, o ...func(*iam.Options)) (*iam.GetRoleOutput, error)
}

// NotFoundError says that a named resource does not exist.
type NotFoundError struct {
	Kind string // "user pool", "app client", "identity pool", "role"
	ID   string
	Err  error
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %s not found", e.Kind, e.ID) }

// Unwrap returns the service error.
func (e *NotFoundError) Unwrap() error { return e.Err }

// ExitCode is 3 (DESIGN §2: the Cognito resources do not meet the
// requirements), the same in every command that meets a missing resource;
// a command that knows more wraps it in an exit.Error with its own fix.
func (e *NotFoundError) ExitCode() int { return exit.Requirements }

// Hint says how to find the right id.
func (e *NotFoundError) Hint() string {
	region, _ := ids.RegionOf(e.ID)
	switch e.Kind {
	case "user pool":
		return fmt.Sprintf("check the id and the region (%s); list user pools with `aws cognito-idp list-user-pools --max-results 60 --region %s`", region, region)
	case "identity pool":
		return fmt.Sprintf("check the id and the region (%s); list identity pools with `aws cognito-identity list-identity-pools --max-results 60 --region %s`", region, region)
	case "app client":
		return "check the app client id; list the clients of the user pool with `aws cognito-idp list-user-pool-clients --user-pool-id <pool>`"
	case "role":
		return "check the role ARN of the identity pool (Amazon Cognito console > Identity pools > <pool> > User access); list roles with `aws iam list-roles`"
	}
	return "check the id"
}

// Reader reads Cognito and IAM. Every call is a read. A Reader lives for
// one command: it remembers the app clients and identity pools it described
// and does not describe them again (ReadSnapshot after a discovery reuses
// them), so the calls that count against Cognito's quotas are made once.
type Reader struct {
	idp      userPoolAPI
	identity identityPoolAPI
	iam      roleAPI
	// Concurrency bounds fan-out describes, to stay under Cognito's
	// request-rate quotas.
	Concurrency int

	memo  memo  // what this Reader described
	paces paces // request rates learned from throttling, per operation
}

// memo holds the descriptions a Reader made. The zero value is ready.
type memo struct {
	mu            sync.Mutex
	clients       map[string]AppClient    // by pool id + "/" + client id
	identityPools map[string]IdentityPool // described; roles not read
}

func (m *memo) client(poolID, clientID string) (AppClient, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.clients[poolID+"/"+clientID]
	return c, ok
}

func (m *memo) putClient(poolID string, c AppClient) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.clients == nil {
		m.clients = map[string]AppClient{}
	}
	m.clients[poolID+"/"+c.ID] = c
}

func (m *memo) identityPool(id string) (IdentityPool, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ip, ok := m.identityPools[id]
	return ip, ok
}

func (m *memo) putIdentityPool(ip IdentityPool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.identityPools == nil {
		m.identityPools = map[string]IdentityPool{}
	}
	m.identityPools[ip.ID] = ip
}

// Forget drops every description the Reader made, so the next reads see
// resources as they are now: after ampgo itself changed them (a managed
// auth stack update), the remembered ones are stale.
func (r *Reader) Forget() {
	r.memo.mu.Lock()
	defer r.memo.mu.Unlock()
	r.memo.clients, r.memo.identityPools = nil, nil
}

// NewReader builds a Reader from an aws.Config. Calls about a resource in
// another region than cfg's go to that resource's region (taken from its id).
func NewReader(cfg aws.Config) *Reader {
	return &Reader{
		idp:         cip.NewFromConfig(cfg),
		identity:    ci.NewFromConfig(cfg),
		iam:         iam.NewFromConfig(cfg),
		Concurrency: 8,
	}
}

// listPageSize is the largest page Cognito allows.
const listPageSize = 60

// ListPools returns every user pool of the region. The API forces sequential pages.
func (r *Reader) ListPools(ctx context.Context, region string) ([]PoolSummary, error) {
	p := cip.NewListUserPoolsPaginator(r.idp, &cip.ListUserPoolsInput{MaxResults: aws.Int32(listPageSize)})
	var out []PoolSummary
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, idpRegion(region))
		if err != nil {
			return nil, wrap(err, "cognito-idp:ListUserPools", "list user pools in %s", region)
		}
		for _, up := range page.UserPools {
			out = append(out, PoolSummary{ID: aws.ToString(up.Id), Name: aws.ToString(up.Name)})
		}
	}
	return out, nil
}

// Pool describes a user pool and reads its MFA configuration, concurrently.
func (r *Reader) Pool(ctx context.Context, id string) (UserPool, error) {
	var (
		desc *cip.DescribeUserPoolOutput
		mfa  *cip.GetUserPoolMfaConfigOutput
	)
	in, err := userPoolIn(id)
	if err != nil {
		return UserPool{}, fmt.Errorf("describe user pool: %w", err)
	}
	err = parallel(ctx, 2,
		func(ctx context.Context) (err error) {
			desc, err = r.idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &id}, in)
			return notFound(err, "user pool", id, "cognito-idp:DescribeUserPool", "describe user pool %s", id)
		},
		func(ctx context.Context) (err error) {
			mfa, err = r.idp.GetUserPoolMfaConfig(ctx, &cip.GetUserPoolMfaConfigInput{UserPoolId: &id}, in)
			return notFound(err, "user pool", id, "cognito-idp:GetUserPoolMfaConfig", "get mfa config of user pool %s", id)
		})
	if err != nil {
		return UserPool{}, err
	}
	return toUserPool(desc.UserPool, mfa), nil
}

// Client describes one app client (once per Reader: DescribeUserPoolClient
// shares a 15 RPS quota, 5 RPS per pool, with ListUserPoolClients).
func (r *Reader) Client(ctx context.Context, poolID, clientID string) (AppClient, error) {
	if c, ok := r.memo.client(poolID, clientID); ok {
		return c, nil
	}
	in, err := userPoolIn(poolID)
	if err != nil {
		return AppClient{}, fmt.Errorf("describe app client %s: %w", clientID, err)
	}
	out, err := r.idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &poolID, ClientId: &clientID}, in)
	if err != nil {
		return AppClient{}, notFound(err, "app client", clientID, "cognito-idp:DescribeUserPoolClient", "describe app client %s of user pool %s", clientID, poolID)
	}
	c := toAppClient(out.UserPoolClient)
	r.memo.putClient(poolID, c)
	return c, nil
}

// Clients lists and describes every app client of a pool (bounded concurrency).
func (r *Reader) Clients(ctx context.Context, poolID string) ([]AppClient, error) {
	in, err := userPoolIn(poolID)
	if err != nil {
		return nil, fmt.Errorf("list app clients: %w", err)
	}
	p := cip.NewListUserPoolClientsPaginator(r.idp, &cip.ListUserPoolClientsInput{UserPoolId: &poolID, MaxResults: aws.Int32(listPageSize)})
	var ids []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, in)
		if err != nil {
			return nil, notFound(err, "user pool", poolID, "cognito-idp:ListUserPoolClients", "list app clients of user pool %s", poolID)
		}
		for _, c := range page.UserPoolClients {
			ids = append(ids, aws.ToString(c.ClientId))
		}
	}
	out := make([]AppClient, len(ids))
	tasks := make([]func(context.Context) error, len(ids))
	for i, id := range ids {
		tasks[i] = func(ctx context.Context) (err error) {
			out[i], err = r.Client(ctx, poolID, id)
			return err
		}
	}
	return out, parallel(ctx, r.Concurrency, tasks...)
}

// IdentityProviders lists the federated providers of a pool.
func (r *Reader) IdentityProviders(ctx context.Context, poolID string) ([]IdentityProvider, error) {
	in, err := userPoolIn(poolID)
	if err != nil {
		return nil, fmt.Errorf("list identity providers: %w", err)
	}
	p := cip.NewListIdentityProvidersPaginator(r.idp, &cip.ListIdentityProvidersInput{UserPoolId: &poolID, MaxResults: aws.Int32(listPageSize)})
	var out []IdentityProvider
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, in)
		if err != nil {
			return nil, notFound(err, "user pool", poolID, "cognito-idp:ListIdentityProviders", "list identity providers of user pool %s", poolID)
		}
		for _, pd := range page.Providers {
			out = append(out, IdentityProvider{Name: aws.ToString(pd.ProviderName), Type: string(pd.ProviderType)})
		}
	}
	return out, nil
}

// userPoolIn sends the calls about user pool id to the region its id
// names. A malformed id is the ids error, and no call is made: its region
// is unknown ("local_abc" from cognito-local names none).
func userPoolIn(id string) (func(*cip.Options), error) {
	region, err := ids.UserPoolRegion(id)
	if err != nil {
		return nil, err
	}
	return idpRegion(region), nil
}

// identityPoolIn is userPoolIn for an identity pool id.
func identityPoolIn(id string) (func(*ci.Options), error) {
	region, err := ids.IdentityPoolRegion(id)
	if err != nil {
		return nil, err
	}
	return identityRegion(region), nil
}

// idpRegion sends a call to region; "" keeps the client's own.
func idpRegion(region string) func(*cip.Options) {
	return func(o *cip.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

func identityRegion(region string) func(*ci.Options) {
	return func(o *ci.Options) {
		if region != "" {
			o.Region = region
		}
	}
}

// notFound turns the service's not-found exceptions into *NotFoundError and
// everything else into a wrapped, classified error.
func notFound(err error, kind, id, action, format string, a ...any) error {
	if err == nil {
		return nil
	}
	var (
		e1 *ciptypes.ResourceNotFoundException
		e2 *citypes.ResourceNotFoundException
		e3 *iamtypes.NoSuchEntityException
	)
	if errors.As(err, &e1) || errors.As(err, &e2) || errors.As(err, &e3) {
		return &NotFoundError{Kind: kind, ID: id, Err: err}
	}
	return wrap(err, action, format, a...)
}

func wrap(err error, action, format string, a ...any) error {
	return awsx.Classify(fmt.Errorf(format+": %w", append(a, err)...), action)
}
