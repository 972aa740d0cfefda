package cognito

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
)

// IdentityPools lists every identity pool of a region (sequential pages, as
// the API forces) and describes each, at most Concurrency at a time and
// paced like LinkedIdentityPools (same paces, same memo: a pool described
// once is not described again by this Reader). Roles are not read
// (AuthRoleARN and UnauthRoleARN stay empty): a region-wide report needs
// them only for the identity pools that list a user pool, see
// IdentityPoolRoles. A pool deleted between the list and its describe is
// left out. `ampgo doctor auth` calls this once per run instead of
// LinkedIdentityPools once per user pool.
func (r *Reader) IdentityPools(ctx context.Context, region string) ([]IdentityPool, error) {
	p := ci.NewListIdentityPoolsPaginator(r.identity, &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(listPageSize)})
	var ids []string
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, identityRegion(region), r.paces.option("ListIdentityPools"))
		if err != nil {
			return nil, wrap(err, "cognito-identity:ListIdentityPools", "list identity pools in %s", region)
		}
		for _, ip := range page.IdentityPools {
			ids = append(ids, aws.ToString(ip.IdentityPoolId))
		}
	}
	found := make([]*IdentityPool, len(ids))
	tasks := make([]func(context.Context) error, len(ids))
	for i, id := range ids {
		tasks[i] = func(ctx context.Context) error {
			ip, ok, err := r.describeForScan(ctx, region, id)
			if ok {
				found[i] = &ip
			}
			return err
		}
	}
	if err := parallel(ctx, r.Concurrency, tasks...); err != nil {
		return nil, err
	}
	out := make([]IdentityPool, 0, len(found))
	for _, ip := range found {
		if ip != nil {
			out = append(out, *ip)
		}
	}
	return out, nil
}

// IdentityPoolRoles reads the authenticated and unauthenticated role ARNs
// of an identity pool ("" for a role that is not set). A missing identity
// pool is a *NotFoundError.
func (r *Reader) IdentityPoolRoles(ctx context.Context, id string) (auth, unauth string, err error) {
	in, err := identityPoolIn(id)
	if err != nil {
		return "", "", fmt.Errorf("get roles of identity pool: %w", err)
	}
	out, err := r.identity.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &id}, in)
	if err != nil {
		return "", "", notFound(err, "identity pool", id, "cognito-identity:GetIdentityPoolRoles", "get roles of identity pool %s", id)
	}
	return out.Roles["authenticated"], out.Roles["unauthenticated"], nil
}
