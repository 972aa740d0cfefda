package cognito

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"golang.org/x/sync/errgroup"
)

// IdentityPool describes an identity pool and reads its roles, concurrently.
func (r *Reader) IdentityPool(ctx context.Context, id string) (IdentityPool, error) {
	var (
		desc  *ci.DescribeIdentityPoolOutput
		roles *ci.GetIdentityPoolRolesOutput
	)
	region := identityRegion(RegionOf(id))
	err := parallel(ctx, 2,
		func(ctx context.Context) (err error) {
			desc, err = r.identity.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id}, region)
			return notFound(err, "identity pool", id, "cognito-identity:DescribeIdentityPool", "describe identity pool %s", id)
		},
		func(ctx context.Context) (err error) {
			roles, err = r.identity.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &id}, region)
			return notFound(err, "identity pool", id, "cognito-identity:GetIdentityPoolRoles", "get roles of identity pool %s", id)
		})
	if err != nil {
		return IdentityPool{}, err
	}
	ip := toIdentityPool(desc)
	ip.AuthRoleARN = roles.Roles["authenticated"]
	ip.UnauthRoleARN = roles.Roles["unauthenticated"]
	return ip, nil
}

// LinkedIdentityPools returns the identity pools of a region that list the
// given user pool as a Cognito provider. There is no reverse lookup in the
// API, so every identity pool is listed (sequential pages) and described
// (bounded concurrency). Roles are not read (AuthRoleARN and UnauthRoleARN
// stay empty): choosing needs none, and ReadSnapshot reads them for the
// chosen pool only.
func (r *Reader) LinkedIdentityPools(ctx context.Context, region, userPoolID string) ([]IdentityPool, error) {
	p := ci.NewListIdentityPoolsPaginator(r.identity, &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(listPageSize)})
	var ids []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, identityRegion(region))
		if err != nil {
			return nil, wrap(err, "cognito-identity:ListIdentityPools", "list identity pools in %s", region)
		}
		for _, ip := range page.IdentityPools {
			ids = append(ids, aws.ToString(ip.IdentityPoolId))
		}
	}
	linked := make([]*IdentityPool, len(ids))
	tasks := make([]func(context.Context) error, len(ids))
	for i, id := range ids {
		tasks[i] = func(ctx context.Context) error {
			desc, err := r.identity.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id}, identityRegion(region))
			if err != nil {
				err = notFound(err, "identity pool", id, "cognito-identity:DescribeIdentityPool", "describe identity pool %s", id)
				var nf *NotFoundError
				if errors.As(err, &nf) {
					// Deleted since the list: it links nothing, and
					// failing would block an import that never needed it.
					return nil
				}
				return err
			}
			ip := toIdentityPool(desc)
			for _, cp := range ip.CognitoProviders {
				if strings.HasSuffix(cp.ProviderName, "/"+userPoolID) {
					linked[i] = &ip
					break
				}
			}
			return nil
		}
	}
	if err := parallel(ctx, r.Concurrency, tasks...); err != nil {
		return nil, err
	}
	var out []IdentityPool
	for _, ip := range linked {
		if ip != nil {
			out = append(out, *ip)
		}
	}
	return out, nil
}

// Role reads an IAM role and its trust policy. A missing role is not an
// error: it comes back with Found false so the rules can report it.
func (r *Reader) Role(ctx context.Context, arn string) (Role, error) {
	role := Role{ARN: arn, Name: roleName(arn)}
	if role.Name == "" {
		return role, nil
	}
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
