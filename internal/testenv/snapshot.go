package testenv

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// State is everything in one region (plus IAM, which is global) that ampgo
// must never change when it imports. Compare two with cmp.Diff; every
// field is exported, maps are keyed by id or name, and values are the SDK
// outputs turned into plain JSON values.
type State struct {
	UserPools     map[string]UserPoolState     `json:"userPools"`     // by pool id
	IdentityPools map[string]IdentityPoolState `json:"identityPools"` // by pool id
	Roles         map[string]RoleState         `json:"roles"`         // by role name
}

// UserPoolState is one user pool with everything hanging off it.
type UserPoolState struct {
	Pool              any            `json:"pool"`              // DescribeUserPool
	MFA               any            `json:"mfa"`               // GetUserPoolMfaConfig
	Clients           map[string]any `json:"clients"`           // DescribeUserPoolClient, by client id
	Domains           map[string]any `json:"domains"`           // DescribeUserPoolDomain, by domain
	IdentityProviders map[string]any `json:"identityProviders"` // DescribeIdentityProvider, by name
}

// IdentityPoolState is one identity pool and its role attachment.
type IdentityPoolState struct {
	Pool  any `json:"pool"`  // DescribeIdentityPool
	Roles any `json:"roles"` // GetIdentityPoolRoles
}

// RoleState is one IAM role with its decoded policy documents.
type RoleState struct {
	Role             any            `json:"role"` // GetRole, trust policy decoded
	InlinePolicies   map[string]any `json:"inlinePolicies"`
	AttachedPolicies []string       `json:"attachedPolicies"` // ARNs, sorted
}

// JSON renders the state as indented JSON with sorted keys.
func (s *State) JSON() string {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Sprintf("marshal state: %v", err)
	}
	return string(b)
}

// snapshotWorkers bounds concurrent describes; moto's dev server is threaded.
const snapshotWorkers = 8

// Snapshot reads every user pool, identity pool and IAM role that cfg can
// see in region. Take one before and one after running ampgo and compare.
// Fields that moto makes up on every read are dropped (see docs/testing.md).
func Snapshot(ctx context.Context, cfg aws.Config, region string) (*State, error) {
	cfg = cfg.Copy()
	cfg.Region = region
	idp, cid, client := cip.NewFromConfig(cfg), ci.NewFromConfig(cfg), iam.NewFromConfig(cfg)
	st := &State{
		UserPools:     map[string]UserPoolState{},
		IdentityPools: map[string]IdentityPoolState{},
		Roles:         map[string]RoleState{},
	}
	var mu sync.Mutex // guards the maps of st

	poolIDs, err := listUserPoolIDs(ctx, idp)
	if err != nil {
		return nil, err
	}
	err = forEach(poolIDs, func(id string) error {
		ps, err := snapUserPool(ctx, idp, id)
		mu.Lock()
		defer mu.Unlock()
		st.UserPools[id] = ps
		return err
	})
	if err != nil {
		return nil, err
	}

	identityIDs, err := listIdentityPoolIDs(ctx, cid)
	if err != nil {
		return nil, err
	}
	err = forEach(identityIDs, func(id string) error {
		ps, err := snapIdentityPool(ctx, cid, id)
		mu.Lock()
		defer mu.Unlock()
		st.IdentityPools[id] = ps
		return err
	})
	if err != nil {
		return nil, err
	}

	roleNames, err := listRoleNames(ctx, client)
	if err != nil {
		return nil, err
	}
	err = forEach(roleNames, func(name string) error {
		rs, err := snapRole(ctx, client, name)
		mu.Lock()
		defer mu.Unlock()
		st.Roles[name] = rs
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

func listUserPoolIDs(ctx context.Context, idp *cip.Client) ([]string, error) {
	var ids []string
	pages := cip.NewListUserPoolsPaginator(idp, &cip.ListUserPoolsInput{MaxResults: aws.Int32(60)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list user pools: %w", err)
		}
		for _, p := range page.UserPools {
			ids = append(ids, aws.ToString(p.Id))
		}
	}
	return ids, nil
}

func listIdentityPoolIDs(ctx context.Context, cid *ci.Client) ([]string, error) {
	var ids []string
	pages := ci.NewListIdentityPoolsPaginator(cid, &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(60)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list identity pools: %w", err)
		}
		for _, p := range page.IdentityPools {
			ids = append(ids, aws.ToString(p.IdentityPoolId))
		}
	}
	return ids, nil
}

func listRoleNames(ctx context.Context, client *iam.Client) ([]string, error) {
	var names []string
	pages := iam.NewListRolesPaginator(client, &iam.ListRolesInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list roles: %w", err)
		}
		for _, r := range page.Roles {
			names = append(names, aws.ToString(r.RoleName))
		}
	}
	return names, nil
}

func snapIdentityPool(ctx context.Context, cid *ci.Client, id string) (IdentityPoolState, error) {
	pool, err := cid.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: aws.String(id)})
	if err != nil {
		return IdentityPoolState{}, fmt.Errorf("describe identity pool %s: %w", id, err)
	}
	roles, err := cid.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: aws.String(id)})
	if err != nil {
		return IdentityPoolState{}, fmt.Errorf("get identity pool roles %s: %w", id, err)
	}
	return IdentityPoolState{Pool: toJSONValue(pool), Roles: toJSONValue(roles)}, nil
}

func snapUserPool(ctx context.Context, idp *cip.Client, id string) (UserPoolState, error) {
	ps := UserPoolState{Clients: map[string]any{}, Domains: map[string]any{}, IdentityProviders: map[string]any{}}
	pool, err := idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String(id)})
	if err != nil {
		return ps, fmt.Errorf("describe user pool %s: %w", id, err)
	}
	ps.Pool = toJSONValue(pool.UserPool)
	mfa, err := idp.GetUserPoolMfaConfig(ctx, &cip.GetUserPoolMfaConfigInput{UserPoolId: aws.String(id)})
	if err != nil {
		return ps, fmt.Errorf("get mfa config of %s: %w", id, err)
	}
	ps.MFA = toJSONValue(mfa)

	for _, d := range []*string{pool.UserPool.Domain, pool.UserPool.CustomDomain} {
		if aws.ToString(d) == "" {
			continue
		}
		out, err := idp.DescribeUserPoolDomain(ctx, &cip.DescribeUserPoolDomainInput{Domain: d})
		if err != nil {
			return ps, fmt.Errorf("describe user pool domain %s: %w", *d, err)
		}
		v := toJSONValue(out.DomainDescription)
		if m, ok := v.(map[string]any); ok {
			// moto returns a fresh random UUID as AWSAccountId on every read.
			delete(m, "AWSAccountId")
		}
		ps.Domains[*d] = v
	}

	clients := cip.NewListUserPoolClientsPaginator(idp, &cip.ListUserPoolClientsInput{
		UserPoolId: aws.String(id), MaxResults: aws.Int32(60),
	})
	for clients.HasMorePages() {
		page, err := clients.NextPage(ctx)
		if err != nil {
			return ps, fmt.Errorf("list clients of %s: %w", id, err)
		}
		for _, c := range page.UserPoolClients {
			out, err := idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{
				UserPoolId: aws.String(id), ClientId: c.ClientId,
			})
			if err != nil {
				return ps, fmt.Errorf("describe client %s: %w", aws.ToString(c.ClientId), err)
			}
			ps.Clients[aws.ToString(c.ClientId)] = toJSONValue(out.UserPoolClient)
		}
	}

	providers := cip.NewListIdentityProvidersPaginator(idp, &cip.ListIdentityProvidersInput{
		UserPoolId: aws.String(id), MaxResults: aws.Int32(60),
	})
	for providers.HasMorePages() {
		page, err := providers.NextPage(ctx)
		if err != nil {
			return ps, fmt.Errorf("list identity providers of %s: %w", id, err)
		}
		for _, p := range page.Providers {
			out, err := idp.DescribeIdentityProvider(ctx, &cip.DescribeIdentityProviderInput{
				UserPoolId: aws.String(id), ProviderName: p.ProviderName,
			})
			if err != nil {
				return ps, fmt.Errorf("describe identity provider %s: %w", aws.ToString(p.ProviderName), err)
			}
			ps.IdentityProviders[aws.ToString(p.ProviderName)] = toJSONValue(out.IdentityProvider)
		}
	}
	return ps, nil
}

func snapRole(ctx context.Context, client *iam.Client, name string) (RoleState, error) {
	rs := RoleState{InlinePolicies: map[string]any{}, AttachedPolicies: []string{}}
	out, err := client.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		return rs, fmt.Errorf("get role %s: %w", name, err)
	}
	// IAM sends policy documents URL-encoded; decode so a diff is readable.
	trust, err := decodePolicy(aws.ToString(out.Role.AssumeRolePolicyDocument))
	if err != nil {
		return rs, fmt.Errorf("decode trust policy of %s: %w", name, err)
	}
	rs.Role = toJSONValue(out.Role)
	if m, ok := rs.Role.(map[string]any); ok {
		m["AssumeRolePolicyDocument"] = trust
		// Updated by IAM itself whenever the role is assumed (moto does
		// that too, for calls signed with assumed-role keys), not by ampgo.
		delete(m, "RoleLastUsed")
	}

	inline := iam.NewListRolePoliciesPaginator(client, &iam.ListRolePoliciesInput{RoleName: aws.String(name)})
	for inline.HasMorePages() {
		page, err := inline.NextPage(ctx)
		if err != nil {
			return rs, fmt.Errorf("list role policies of %s: %w", name, err)
		}
		for _, p := range page.PolicyNames {
			doc, err := client.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(p)})
			if err != nil {
				return rs, fmt.Errorf("get role policy %s of %s: %w", p, name, err)
			}
			if rs.InlinePolicies[p], err = decodePolicy(aws.ToString(doc.PolicyDocument)); err != nil {
				return rs, fmt.Errorf("decode role policy %s of %s: %w", p, name, err)
			}
		}
	}

	attached := iam.NewListAttachedRolePoliciesPaginator(client, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)})
	for attached.HasMorePages() {
		page, err := attached.NextPage(ctx)
		if err != nil {
			return rs, fmt.Errorf("list attached role policies of %s: %w", name, err)
		}
		for _, p := range page.AttachedPolicies {
			rs.AttachedPolicies = append(rs.AttachedPolicies, aws.ToString(p.PolicyArn))
		}
	}
	slices.Sort(rs.AttachedPolicies)
	return rs, nil
}

// DecodePolicy turns an IAM policy document as the SDK returns it
// (URL-encoded JSON, from moto and AWS alike) into a JSON value.
func DecodePolicy(doc string) (any, error) { return decodePolicy(doc) }

func decodePolicy(doc string) (any, error) {
	plain, err := url.QueryUnescape(doc)
	if err != nil {
		return nil, fmt.Errorf("unescape policy: %w", err)
	}
	var v any
	if err := json.Unmarshal([]byte(plain), &v); err != nil {
		return nil, fmt.Errorf("parse policy: %w", err)
	}
	return v, nil
}

// toJSONValue turns an SDK struct into maps, slices and scalars, dropping
// the SDK's ResultMetadata.
func toJSONValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("marshal: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Sprintf("unmarshal: %v", err)
	}
	if m, ok := out.(map[string]any); ok {
		delete(m, "ResultMetadata")
	}
	return out
}

// forEach runs fn for every item with bounded concurrency and returns the
// first error.
func forEach(items []string, fn func(string) error) error {
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		sem   = make(chan struct{}, snapshotWorkers)
	)
	for _, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := fn(it); err != nil {
				once.Do(func() { first = err })
			}
		}()
	}
	wg.Wait()
	return first
}
