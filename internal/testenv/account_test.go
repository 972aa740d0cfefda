package testenv

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// TestAccountsAreIsolated: what one account creates, the others (the
// default account included) do not see, even IAM, which is global within
// an account; and each caller is in its own account.
func TestAccountsAreIsolated(t *testing.T) {
	ctx := context.Background()
	a, b := shared.NewAccount(), shared.NewAccount()
	if a.ID == b.ID || a.ID == DefaultAccount || len(a.ID) != 12 {
		t.Fatalf("account ids %q and %q", a.ID, b.ID)
	}
	configs := map[string]aws.Config{a.ID: a.AWSConfig(region), b.ID: b.AWSConfig(region), DefaultAccount: shared.AWSConfig(region)}
	for id, cfg := range configs {
		who, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(who.Account) != id {
			t.Errorf("caller of account %s is in %s", id, aws.ToString(who.Account))
		}
	}
	const role = "isolated-role" // the same name in two accounts is no conflict
	for _, acct := range []*Account{a, b} {
		if _, err := iam.NewFromConfig(acct.AWSConfig(region)).CreateRole(ctx, &iam.CreateRoleInput{
			RoleName: aws.String(role), AssumeRolePolicyDocument: aws.String(TrustPolicy("us-east-1:x", "authenticated"))}); err != nil {
			t.Fatalf("create role in %s: %v", acct.ID, err)
		}
	}
	pool, err := cip.NewFromConfig(a.AWSConfig(region)).CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("isolated")})
	if err != nil {
		t.Fatal(err)
	}
	for id, cfg := range configs {
		if id == a.ID {
			continue
		}
		out, err := cip.NewFromConfig(cfg).DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: pool.UserPool.Id})
		if err == nil {
			t.Errorf("account %s sees the user pool of account %s: %v", id, a.ID, aws.ToString(out.UserPool.Name))
		}
	}
	if _, err := iam.NewFromConfig(shared.AWSConfig(region)).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)}); err == nil {
		t.Errorf("the default account sees a role of account %s", a.ID)
	}
}
