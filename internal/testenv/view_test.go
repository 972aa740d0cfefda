package testenv

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// view is what a seeded setup looks like when read back through the SDK,
// independent of what Seed says it created.
type view struct {
	clients  map[string]*ciptypes.UserPoolClientType // by client id
	identity *ci.DescribeIdentityPoolOutput          // nil without identity pool
	roles    map[string]string                       // GetIdentityPoolRoles
	trust    map[string]any                          // decoded trust policy by role key
}

func inspect(t *testing.T, cfg aws.Config, s *Setup) *view {
	t.Helper()
	ctx := context.Background()
	v := &view{clients: map[string]*ciptypes.UserPoolClientType{}, trust: map[string]any{}}
	idp := cip.NewFromConfig(cfg)
	list, err := idp.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &s.UserPoolID, MaxResults: aws.Int32(60)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list.UserPoolClients {
		out, err := idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &s.UserPoolID, ClientId: c.ClientId})
		if err != nil {
			t.Fatal(err)
		}
		v.clients[*c.ClientId] = out.UserPoolClient
	}
	if s.IdentityPoolID == "" {
		return v
	}
	cid := ci.NewFromConfig(cfg)
	if v.identity, err = cid.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &s.IdentityPoolID}); err != nil {
		t.Fatal(err)
	}
	roles, err := cid.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &s.IdentityPoolID})
	if err != nil {
		t.Fatal(err)
	}
	v.roles = roles.Roles
	for key, arn := range roles.Roles {
		name := roleNameOf(arn)
		out, err := iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: &name})
		if err != nil {
			t.Fatal(err)
		}
		if v.trust[key], err = DecodePolicy(aws.ToString(out.Role.AssumeRolePolicyDocument)); err != nil {
			t.Fatal(err)
		}
		if aws.ToString(out.Role.Path) != rolePath {
			t.Errorf("role %s path = %q, want %q", name, aws.ToString(out.Role.Path), rolePath)
		}
	}
	return v
}

// roleNameOf returns the last path segment of a role ARN.
func roleNameOf(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] }

// identityClients lists the identity pool's providers as "name|clientId", sorted.
func (v *view) identityClients() []string {
	var out []string
	for _, p := range v.identity.CognitoIdentityProviders {
		out = append(out, aws.ToString(p.ProviderName)+"|"+aws.ToString(p.ClientId))
	}
	slices.Sort(out)
	return out
}

// statement returns the first statement of the trust policy of role key.
func (v *view) statement(key string) map[string]any {
	doc, _ := v.trust[key].(map[string]any)
	list, _ := doc["Statement"].([]any)
	if len(list) == 0 {
		return nil
	}
	st, _ := list[0].(map[string]any)
	return st
}

// condition returns Condition[op][key] of role key's trust statement, or nil.
func (v *view) condition(role, op, key string) any {
	cond, _ := v.statement(role)["Condition"].(map[string]any)
	m, _ := cond[op].(map[string]any)
	return m[key]
}

func mustDecode(t *testing.T, doc string) any {
	t.Helper()
	v, err := DecodePolicy(doc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
