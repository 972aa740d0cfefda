package testenv

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// rolePath is where the Cognito console puts identity pool roles.
const rolePath = "/service-role/"

// TrustPolicy returns the trust policy that the Cognito console writes for
// an identity pool role; amr is "authenticated" or "unauthenticated".
func TrustPolicy(identityPoolID, amr string) string {
	return trustPolicy(identityPoolID, amr, "sts:AssumeRoleWithWebIdentity", true)
}

func trustPolicy(aud, amr, action string, withAmr bool) string {
	cond := map[string]map[string]string{
		"StringEquals": {"cognito-identity.amazonaws.com:aud": aud},
	}
	if withAmr {
		cond["ForAnyValue:StringLike"] = map[string]string{"cognito-identity.amazonaws.com:amr": amr}
	}
	return policyJSON(statement{
		Effect:    "Allow",
		Principal: map[string]string{"Federated": "cognito-identity.amazonaws.com"},
		Action:    action,
		Condition: cond,
	})
}

// statement is one IAM policy statement; a struct keeps the console's key
// order (Effect, Principal, Action, ...) in the JSON.
type statement struct {
	Effect    string
	Principal map[string]string            `json:",omitempty"`
	Action    string                       `json:",omitempty"`
	Resource  string                       `json:",omitempty"`
	Condition map[string]map[string]string `json:",omitempty"`
}

func policyJSON(st statement) string {
	b, err := json.Marshal(struct {
		Version   string
		Statement []statement
	}{"2012-10-17", []statement{st}})
	if err != nil {
		panic(err) // strings and maps of strings only: cannot fail
	}
	return string(b)
}

// createSMSRole creates the role Cognito assumes to send SMS codes, with
// the inline sns:Publish policy the console adds.
func createSMSRole(ctx context.Context, cfg aws.Config, name, sfx string) (string, error) {
	trust := policyJSON(statement{
		Effect:    "Allow",
		Principal: map[string]string{"Service": "cognito-idp.amazonaws.com"},
		Action:    "sts:AssumeRole",
		Condition: map[string]map[string]string{"StringEquals": {"sts:ExternalId": "acme-" + sfx}},
	})
	arn, err := createRole(ctx, iam.NewFromConfig(cfg), name, trust)
	if err != nil {
		return "", err
	}
	publish := policyJSON(statement{Effect: "Allow", Action: "sns:Publish", Resource: "*"})
	if _, err := iam.NewFromConfig(cfg).PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName:       aws.String(name),
		PolicyName:     aws.String("acme-sms-publish"),
		PolicyDocument: aws.String(publish),
	}); err != nil {
		return "", fmt.Errorf("put role policy of %s: %w", name, err)
	}
	return arn, nil
}

func createRole(ctx context.Context, client *iam.Client, name, trust string) (string, error) {
	out, err := client.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		Path:                     aws.String(rolePath),
		AssumeRolePolicyDocument: aws.String(trust),
	})
	if err != nil {
		return "", fmt.Errorf("create role %s: %w", name, err)
	}
	return aws.ToString(out.Role.Arn), nil
}

// seedIdentity creates the identity pool, its roles and any second pool a
// broken variant needs, then attaches the roles with SetIdentityPoolRoles.
func seedIdentity(ctx context.Context, cfg aws.Config, idp *cip.Client, s *Setup) error {
	o := s.Options
	cid := ci.NewFromConfig(cfg)

	var providers []citypes.CognitoIdentityProvider
	add := func(poolID, clientID string) {
		if clientID != "" {
			providers = append(providers, citypes.CognitoIdentityProvider{
				ProviderName:         aws.String(providerName(s.Region, poolID)),
				ClientId:             aws.String(clientID),
				ServerSideTokenCheck: aws.Bool(false),
			})
		}
	}
	switch {
	case o.IdentityPoolForeignUserPool:
		if err := seedOtherUserPool(ctx, idp, s); err != nil {
			return err
		}
		add(s.OtherUserPoolID, s.OtherClientID)
	case o.IdentityPoolWebOnly:
		add(s.UserPoolID, s.WebClientID)
	default:
		add(s.UserPoolID, s.WebClientID)
		add(s.UserPoolID, s.NativeClientID)
	}

	s.IdentityPoolName = "acme_identity_" + s.Suffix
	out, err := cid.CreateIdentityPool(ctx, &ci.CreateIdentityPoolInput{
		IdentityPoolName:               aws.String(s.IdentityPoolName),
		AllowUnauthenticatedIdentities: true,
		CognitoIdentityProviders:       providers,
		SupportedLoginProviders:        map[string]string{"accounts.google.com": GoogleClientID},
	})
	if err != nil {
		return fmt.Errorf("create identity pool %s: %w", s.IdentityPoolName, err)
	}
	s.IdentityPoolID = aws.ToString(out.IdentityPoolId)

	aud := s.IdentityPoolID
	if o.AuthTrustWrongAud {
		other, err := cid.CreateIdentityPool(ctx, &ci.CreateIdentityPoolInput{
			IdentityPoolName:               aws.String("acme_other_identity_" + s.Suffix),
			AllowUnauthenticatedIdentities: false,
		})
		if err != nil {
			return fmt.Errorf("create identity pool acme_other_identity_%s: %w", s.Suffix, err)
		}
		s.OtherIdentityPoolID = aws.ToString(other.IdentityPoolId)
		aud = s.OtherIdentityPoolID
	}
	action := "sts:AssumeRoleWithWebIdentity"
	if o.AuthTrustAssumeRole {
		action = "sts:AssumeRole"
	}

	iamc := iam.NewFromConfig(cfg)
	roles := map[string]string{}
	s.AuthRoleName = "acme-auth-role-" + s.Suffix
	s.AuthRoleARN, err = createRole(ctx, iamc, s.AuthRoleName,
		trustPolicy(aud, "authenticated", action, !o.AuthTrustNoAmr))
	if err != nil {
		return err
	}
	roles["authenticated"] = s.AuthRoleARN
	if !o.NoUnauthRole {
		s.UnauthRoleName = "acme-unauth-role-" + s.Suffix
		s.UnauthRoleARN, err = createRole(ctx, iamc, s.UnauthRoleName,
			TrustPolicy(s.IdentityPoolID, "unauthenticated"))
		if err != nil {
			return err
		}
		roles["unauthenticated"] = s.UnauthRoleARN
	}
	if _, err := cid.SetIdentityPoolRoles(ctx, &ci.SetIdentityPoolRolesInput{
		IdentityPoolId: aws.String(s.IdentityPoolID),
		Roles:          roles,
	}); err != nil {
		return fmt.Errorf("set identity pool roles of %s: %w", s.IdentityPoolID, err)
	}
	return nil
}

// seedOtherUserPool creates a bare second user pool with one web client,
// for the identity pool that points at the wrong user pool.
func seedOtherUserPool(ctx context.Context, idp *cip.Client, s *Setup) error {
	name := "acme-other-users-" + s.Suffix
	pool, err := idp.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String(name)})
	if err != nil {
		return fmt.Errorf("create user pool %s: %w", name, err)
	}
	s.OtherUserPoolID = aws.ToString(pool.UserPool.Id)
	client := oauthClient(s.OtherUserPoolID, "acme-other-web-"+s.Suffix, WebCallbackURL, WebCallbackURL, false)
	client.SupportedIdentityProviders = []string{"COGNITO"}
	out, err := idp.CreateUserPoolClient(ctx, client)
	if err != nil {
		return fmt.Errorf("create user pool client %s: %w", aws.ToString(client.ClientName), err)
	}
	s.OtherClientID = aws.ToString(out.UserPoolClient.ClientId)
	return nil
}
