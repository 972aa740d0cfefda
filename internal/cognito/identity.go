package cognito

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"golang.org/x/sync/errgroup"

	"github.com/ampgo/ampgo/internal/ids"
)

// IdentityPool describes an identity pool and reads its roles, concurrently.
// A pool this Reader already described (during LinkedIdentityPools) costs
// only the roles call.
func (r *Reader) IdentityPool(ctx context.Context, id string) (IdentityPool, error) {
	var (
		desc  *ci.DescribeIdentityPoolOutput
		roles *ci.GetIdentityPoolRolesOutput
	)
	region, err := identityPoolIn(id)
	if err != nil {
		return IdentityPool{}, fmt.Errorf("describe identity pool: %w", err)
	}
	known, isKnown := r.memo.identityPool(id)
	tasks := []func(context.Context) error{
		func(ctx context.Context) (err error) {
			roles, err = r.identity.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &id}, region)
			return notFound(err, "identity pool", id, "cognito-identity:GetIdentityPoolRoles", "get roles of identity pool %s", id)
		},
	}
	if !isKnown {
		tasks = append(tasks, func(ctx context.Context) (err error) {
			desc, err = r.identity.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id}, region)
			return notFound(err, "identity pool", id, "cognito-identity:DescribeIdentityPool", "describe identity pool %s", id)
		})
	}
	if err := parallel(ctx, 2, tasks...); err != nil {
		return IdentityPool{}, err
	}
	ip := known
	if !isKnown {
		ip = toIdentityPool(desc)
		r.memo.putIdentityPool(ip)
	}
	ip.AuthRoleARN = roles.Roles["authenticated"]
	ip.UnauthRoleARN = roles.Roles["unauthenticated"]
	return ip, nil
}

// LinkedIdentityPools returns the identity pools of a region that list the
// given user pool as a Cognito provider, in list order. There is no reverse
// lookup in the API, so every identity pool is listed (sequential pages)
// and described; the describes of a page start while the next page is
// fetched, at most Concurrency at a time, each operation paced to the rate
// Cognito admits (see pace). Roles are not read (AuthRoleARN and
// UnauthRoleARN stay empty): choosing needs none, and ReadSnapshot reads
// them for the chosen pool only, reusing the description made here.
func (r *Reader) LinkedIdentityPools(ctx context.Context, region, userPoolID string) ([]IdentityPool, error) {
	type item struct {
		i  int
		id string
	}
	g, ctx := errgroup.WithContext(ctx)
	items := make(chan item, listPageSize)
	g.Go(func() error {
		defer close(items)
		p := ci.NewListIdentityPoolsPaginator(r.identity, &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(listPageSize)})
		n := 0
		for p.HasMorePages() {
			page, err := p.NextPage(ctx, identityRegion(region), r.paces.option("ListIdentityPools"))
			if err != nil {
				return wrap(err, "cognito-identity:ListIdentityPools", "list identity pools in %s", region)
			}
			for _, ip := range page.IdentityPools {
				select {
				case items <- item{n, aws.ToString(ip.IdentityPoolId)}:
					n++
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		}
		return nil
	})
	var (
		mu     sync.Mutex
		linked = map[int]IdentityPool{}
	)
	for range max(1, r.Concurrency) {
		g.Go(func() error {
			for it := range items {
				ip, ok, err := r.describeForScan(ctx, region, it.id)
				if err != nil {
					return err
				}
				if ok && linksUserPool(ip, userPoolID) {
					mu.Lock()
					linked[it.i] = ip
					mu.Unlock()
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	order := make([]int, 0, len(linked))
	for i := range linked {
		order = append(order, i)
	}
	sort.Ints(order)
	var out []IdentityPool
	for _, i := range order {
		out = append(out, linked[i])
	}
	return out, nil
}

// describeForScan describes one identity pool of a scan; ok is false when it
// was deleted since the list.
func (r *Reader) describeForScan(ctx context.Context, region, id string) (IdentityPool, bool, error) {
	if ip, ok := r.memo.identityPool(id); ok {
		return ip, true, nil
	}
	desc, err := r.identity.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id},
		identityRegion(region), r.paces.option("DescribeIdentityPool"))
	if err != nil {
		err = notFound(err, "identity pool", id, "cognito-identity:DescribeIdentityPool", "describe identity pool %s", id)
		var nf *NotFoundError
		if errors.As(err, &nf) {
			// Deleted since the list: it links nothing, and failing
			// would block an import that never needed it.
			return IdentityPool{}, false, nil
		}
		return IdentityPool{}, false, err
	}
	ip := toIdentityPool(desc)
	r.memo.putIdentityPool(ip)
	return ip, true, nil
}

func linksUserPool(ip IdentityPool, userPoolID string) bool {
	for _, cp := range ip.CognitoProviders {
		if strings.HasSuffix(cp.ProviderName, "/"+userPoolID) {
			return true
		}
	}
	return false
}

// Role reads an IAM role and its trust policy. A missing role is not an
// error: it comes back with Found false so the rules can report it. Nor is
// an ARN that is not an IAM role's (a user's, an sts one, a bare name): it
// is not looked up, and comes back with no Name and Found false, for
// importauth.IdentityPoolRoles to report with its fix. (The last segment
// of any ARN used to be taken as the role name, so a user ARN read
// whichever role shared the user's name, issue 17.)
func (r *Reader) Role(ctx context.Context, arn string) (Role, error) {
	role := Role{ARN: arn}
	name, err := ids.RoleNameFromARN(arn)
	if err != nil {
		return role, nil
	}
	role.Name = name
	out, err := r.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: &role.Name})
	if err != nil {
		err = notFound(err, "role", role.Name, "iam:GetRole", "get role %s", role.Name)
		if _, ok := err.(*NotFoundError); ok {
			return role, nil
		}
		return role, err
	}
	role.Found = true
	role.TrustPolicy = decodePolicy(aws.ToString(out.Role.AssumeRolePolicyDocument))
	return role, nil
}

// parallel runs tasks with at most limit at a time and returns the first error.
func parallel(ctx context.Context, limit int, tasks ...func(context.Context) error) error {
	g, ctx := errgroup.WithContext(ctx)
	if limit < 1 {
		limit = 1
	}
	g.SetLimit(limit)
	for _, t := range tasks {
		g.Go(func() error { return t(ctx) })
	}
	return g.Wait()
}
