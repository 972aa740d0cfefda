package testenv

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	citypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentity/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// cognitoTemplate is the managed-auth fixture: every AWS::Cognito type that
// launcher patch 11 emulates, in the shape issue 14 asks for.
const cognitoTemplate = "testdata/cognito-auth.yaml"

// cognitoClients are the SDK clients of one test account.
type cognitoClients struct {
	cfn *cloudformation.Client
	idp *cip.Client
	ci  *ci.Client
	iam *iam.Client
}

func newCognitoClients(cfg aws.Config) cognitoClients {
	return cognitoClients{cloudformation.NewFromConfig(cfg), cip.NewFromConfig(cfg), ci.NewFromConfig(cfg), iam.NewFromConfig(cfg)}
}

// authParams are the fixture's parameters for one deploy.
type authParams struct{ signIn, minLength, domain string }

func (p authParams) list() []cfntypes.Parameter {
	kv := map[string]string{"SignIn": p.signIn, "MinPasswordLength": p.minLength, "DomainPrefix": p.domain,
		"GoogleClientId": "google-client-id", "GoogleClientSecret": "google-client-secret"}
	var out []cfntypes.Parameter
	for k, v := range kv {
		out = append(out, cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(v)})
	}
	return out
}

func readCognitoTemplate(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(cognitoTemplate)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCognitoTemplatePassesCfnLint keeps the fixture a template AWS would
// take: what moto accepts is no proof.
func TestCognitoTemplatePassesCfnLint(t *testing.T) {
	path, err := filepath.Abs(cognitoTemplate)
	if err != nil {
		t.Fatal(err)
	}
	CfnLint(t, path)
}

// TestCognitoStack deploys the managed-auth fixture through moto's
// CloudFormation (launcher patch 11), reads every resource back through
// the Cognito APIs, updates it in place and by replacement, and deletes
// the stack: the user pool (DeletionPolicy and UpdateReplacePolicy Retain)
// survives, everything else goes.
func TestCognitoStack(t *testing.T) {
	ctx := context.Background()
	acct := shared.NewAccount()
	c := newCognitoClients(acct.AWSConfig(region))
	body := readCognitoTemplate(t)
	const stack = "amplify-acme-dev-auth"
	domain := "acme-login-" + acct.ID

	out := DeployStack(ctx, t, c.cfn, stack, body, authParams{"email", "8", domain}.list(), false)
	poolID := out["UserPoolId"]
	checkPoolOutputs(t, out, acct.ID)
	checkPool(ctx, t, c, poolID, "email", 8)
	web, native := checkClients(ctx, t, c, poolID, out)
	checkDomainAndProvider(ctx, t, c, poolID, domain)
	checkIdentityPool(ctx, t, c, out, poolID, []string{web, native})

	// In place: the password policy changes, every id stays.
	out2 := DeployStack(ctx, t, c.cfn, stack, body, authParams{"email", "12", domain}.list(), true)
	for _, k := range []string{"UserPoolId", "AppClientIDWeb", "AppClientID", "IdentityPoolId", "HostedUIDomain"} {
		if out2[k] != out[k] {
			t.Errorf("password policy update changed %s: %s -> %s", k, out[k], out2[k])
		}
	}
	checkPool(ctx, t, c, poolID, "email", 12)

	// Replacement: a new sign-in attribute makes a new pool, and with it new
	// clients, domain and provider (so the domain needs a new prefix); the
	// identity pool stays and lists the new clients. The old pool is kept
	// (UpdateReplacePolicy Retain); its old clients and domain are gone.
	domain2 := domain + "-2"
	out3 := DeployStack(ctx, t, c.cfn, stack, body, authParams{"phone_number", "12", domain2}.list(), true)
	newPool := out3["UserPoolId"]
	if newPool == poolID || out3["AppClientIDWeb"] == web || out3["AppClientID"] == native {
		t.Fatalf("sign-in change kept pool %s or clients %s %s; want all new", newPool, out3["AppClientIDWeb"], out3["AppClientID"])
	}
	if out3["IdentityPoolId"] != out["IdentityPoolId"] {
		t.Errorf("identity pool replaced: %s -> %s", out["IdentityPoolId"], out3["IdentityPoolId"])
	}
	checkPool(ctx, t, c, newPool, "phone_number", 12)
	web3, native3 := checkClients(ctx, t, c, newPool, out3)
	checkDomainAndProvider(ctx, t, c, newPool, domain2)
	checkIdentityPool(ctx, t, c, out3, newPool, []string{web3, native3})
	checkEmptyPool(ctx, t, c, poolID, domain)

	if _, err := c.cfn.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String(stack)}); err != nil {
		t.Fatal(err)
	}
	checkEmptyPool(ctx, t, c, newPool, domain2)
	checkEmptyPool(ctx, t, c, poolID, domain)
	checkIdentityPoolGone(ctx, t, c, out3["IdentityPoolId"])
	for _, arn := range []string{out3["AuthRoleArn"], out3["UnauthRoleArn"]} {
		name := arn[strings.LastIndex(arn, "/")+1:]
		var nse *iamtypes.NoSuchEntityException
		if _, err := c.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: &name}); !errors.As(err, &nse) {
			t.Errorf("role %s after DeleteStack: %v, want NoSuchEntity", name, err)
		}
	}
}

// TestCognitoStackWithoutRetain is the fixture without its Retain
// policies: a replaced pool is deleted in the update's cleanup, and
// DeleteStack deletes the pool too.
func TestCognitoStackWithoutRetain(t *testing.T) {
	ctx := context.Background()
	acct := shared.NewAccount()
	c := newCognitoClients(acct.AWSConfig(region))
	body := readCognitoTemplate(t)
	for _, policy := range []string{"    DeletionPolicy: Retain\n", "    UpdateReplacePolicy: Retain\n"} {
		if !strings.Contains(body, policy) {
			t.Fatalf("fixture lacks %q", policy)
		}
		body = strings.Replace(body, policy, "", 1)
	}
	const stack = "amplify-acme-preview-auth"
	domain := "acme-preview-" + acct.ID
	out := DeployStack(ctx, t, c.cfn, stack, body, authParams{"email", "8", domain}.list(), false)
	out2 := DeployStack(ctx, t, c.cfn, stack, body, authParams{"phone_number", "8", domain + "-2"}.list(), true)
	if out2["UserPoolId"] == out["UserPoolId"] {
		t.Fatalf("sign-in change kept pool %s", out["UserPoolId"])
	}
	checkPoolGone(ctx, t, c, out["UserPoolId"])
	checkPool(ctx, t, c, out2["UserPoolId"], "phone_number", 8)
	if _, err := c.cfn.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String(stack)}); err != nil {
		t.Fatal(err)
	}
	checkPoolGone(ctx, t, c, out2["UserPoolId"])
	checkIdentityPoolGone(ctx, t, c, out2["IdentityPoolId"])
}

// TestCognitoPoolRemovedFromTemplate: a pool that leaves the template is
// deleted in the cleanup, unless its DeletionPolicy is Retain.
func TestCognitoPoolRemovedFromTemplate(t *testing.T) {
	ctx := context.Background()
	acct := shared.NewAccount()
	c := newCognitoClients(acct.AWSConfig(region))
	pool := func(name, policy string) string {
		p := `{"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "` + name + `"}`
		if policy != "" {
			p += `, "DeletionPolicy": "` + policy + `", "UpdateReplacePolicy": "` + policy + `"`
		}
		return p + "}"
	}
	idPool := `"Ids": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": false}}`
	v1 := `{"Resources": {"Kept": ` + pool("kept", "Retain") + `, "Dropped": ` + pool("dropped", "") + `, ` + idPool + `},
	  "Outputs": {"Kept": {"Value": {"Ref": "Kept"}}, "Dropped": {"Value": {"Ref": "Dropped"}}}}`
	v2 := `{"Resources": {` + idPool + `}}`
	const stack = "acme-removed"
	out := DeployStack(ctx, t, c.cfn, stack, v1, nil, false)
	DeployStack(ctx, t, c.cfn, stack, v2, nil, true)
	if _, err := c.idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String(out["Kept"])}); err != nil {
		t.Errorf("retained pool after it left the template: %v", err)
	}
	checkPoolGone(ctx, t, c, out["Dropped"])
}

func checkPoolOutputs(t *testing.T, out map[string]string, account string) {
	t.Helper()
	id := out["UserPoolId"]
	provider := "cognito-idp." + region + ".amazonaws.com/" + id
	want := map[string]string{
		"UserPoolIdAtt":        id,
		"UserPoolArn":          "arn:aws:cognito-idp:" + region + ":" + account + ":userpool/" + id,
		"UserPoolProviderName": provider,
		"UserPoolProviderURL":  "https://" + provider,
		"HostedUIDomain":       "acme-login-" + account,
		"IdentityPoolIdAtt":    out["IdentityPoolId"],
		"IdentityPoolName":     "acme_identitypool__dev",
		"AppClientName":        "acme_app_client-dev",
	}
	for k, v := range want {
		if out[k] != v {
			t.Errorf("output %s = %q, want %q", k, out[k], v)
		}
	}
	if !strings.HasPrefix(id, region+"_") || !strings.HasPrefix(out["IdentityPoolId"], region+":") {
		t.Errorf("pool id %q, identity pool id %q: not Cognito ids", id, out["IdentityPoolId"])
	}
}

// checkPool reads the pool's settings back, and MFA from
// GetUserPoolMfaConfig (DescribeUserPool's value can go stale in moto).
func checkPool(ctx context.Context, t *testing.T, c cognitoClients, id, signIn string, minLength int32) {
	t.Helper()
	d, err := c.idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &id})
	if err != nil {
		t.Fatal(err)
	}
	p := d.UserPool
	got := map[string]any{
		"name": aws.ToString(p.Name), "usernameAttributes": p.UsernameAttributes, "autoVerified": p.AutoVerifiedAttributes,
		"passwordPolicy": *p.Policies.PasswordPolicy, "deletionProtection": p.DeletionProtection, "tags": p.UserPoolTags,
		"recovery": p.AccountRecoverySetting.RecoveryMechanisms,
	}
	want := map[string]any{
		"name":               "acme_userpool-dev",
		"usernameAttributes": []ciptypes.UsernameAttributeType{ciptypes.UsernameAttributeType(signIn)},
		"autoVerified":       []ciptypes.VerifiedAttributeType{ciptypes.VerifiedAttributeTypeEmail},
		"passwordPolicy": ciptypes.PasswordPolicyType{MinimumLength: aws.Int32(minLength), RequireLowercase: true,
			RequireNumbers: true, RequireUppercase: true, TemporaryPasswordValidityDays: 7},
		"deletionProtection": ciptypes.DeletionProtectionTypeActive,
		"tags":               map[string]string{"project": "acme", "env": "dev"},
		"recovery":           []ciptypes.RecoveryOptionType{{Name: ciptypes.RecoveryOptionNameTypeVerifiedEmail, Priority: aws.Int32(1)}},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(ciptypes.PasswordPolicyType{}, ciptypes.RecoveryOptionType{})); diff != "" {
		t.Errorf("pool %s (-want +got):\n%s", id, diff)
	}
	if i := slices.IndexFunc(p.SchemaAttributes, func(a ciptypes.SchemaAttributeType) bool { return aws.ToString(a.Name) == "email" }); i < 0 ||
		!aws.ToBool(p.SchemaAttributes[i].Required) || !aws.ToBool(p.SchemaAttributes[i].Mutable) {
		t.Errorf("pool %s schema %+v lacks email required and mutable", id, p.SchemaAttributes)
	}
	mfa, err := c.idp.GetUserPoolMfaConfig(ctx, &cip.GetUserPoolMfaConfigInput{UserPoolId: &id})
	if err != nil {
		t.Fatal(err)
	}
	if mfa.MfaConfiguration != ciptypes.UserPoolMfaTypeOptional || mfa.SoftwareTokenMfaConfiguration == nil ||
		!mfa.SoftwareTokenMfaConfiguration.Enabled || mfa.SmsMfaConfiguration != nil {
		t.Errorf("pool %s MFA %s totp %+v sms %+v, want OPTIONAL with TOTP only", id, mfa.MfaConfiguration, mfa.SoftwareTokenMfaConfiguration, mfa.SmsMfaConfiguration)
	}
}

// oauthWant is what both clients share: the Amplify CLI's hosted-UI settings.
type oauthWant struct {
	flows     []ciptypes.OAuthFlowType
	scopes    []string
	providers []string
	authFlows []ciptypes.ExplicitAuthFlowsType
}

var bothClients = oauthWant{
	flows:     []ciptypes.OAuthFlowType{ciptypes.OAuthFlowTypeCode},
	scopes:    []string{"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"},
	providers: []string{"COGNITO", "Google"},
	authFlows: []ciptypes.ExplicitAuthFlowsType{ciptypes.ExplicitAuthFlowsTypeAllowUserSrpAuth, ciptypes.ExplicitAuthFlowsTypeAllowRefreshTokenAuth},
}

// checkClients checks that the pool has exactly the stack's two clients,
// the web one without and the native one with a secret, and returns their ids.
func checkClients(ctx context.Context, t *testing.T, c cognitoClients, poolID string, out map[string]string) (web, native string) {
	t.Helper()
	web, native = out["AppClientIDWeb"], out["AppClientID"]
	list, err := c.idp.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &poolID, MaxResults: aws.Int32(60)})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range list.UserPoolClients {
		ids = append(ids, aws.ToString(d.ClientId))
	}
	want := []string{web, native}
	slices.Sort(ids)
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("pool %s clients %v, want %v", poolID, ids, want)
	}
	describe := func(id string) *ciptypes.UserPoolClientType {
		d, err := c.idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &poolID, ClientId: &id})
		if err != nil {
			t.Fatal(err)
		}
		cl := d.UserPoolClient
		got := oauthWant{cl.AllowedOAuthFlows, cl.AllowedOAuthScopes, cl.SupportedIdentityProviders, cl.ExplicitAuthFlows}
		if diff := cmp.Diff(bothClients, got, cmp.AllowUnexported(oauthWant{})); diff != "" || !aws.ToBool(cl.AllowedOAuthFlowsUserPoolClient) {
			t.Errorf("client %s OAuth (-want +got):\n%s (flows user pool client %v)", id, diff, aws.ToBool(cl.AllowedOAuthFlowsUserPoolClient))
		}
		return cl
	}
	w := describe(web)
	if w.ClientSecret != nil || aws.ToString(w.ClientName) != "acme_app_clientWeb-dev" ||
		!slices.Equal(w.CallbackURLs, []string{"https://app.example.com/"}) || !slices.Equal(w.LogoutURLs, []string{"https://app.example.com/signout/"}) {
		t.Errorf("web client %s: secret %v name %q callback %v logout %v", web, w.ClientSecret != nil, aws.ToString(w.ClientName), w.CallbackURLs, w.LogoutURLs)
	}
	units := ciptypes.TokenValidityUnitsType{RefreshToken: ciptypes.TimeUnitsTypeDays, AccessToken: ciptypes.TimeUnitsTypeMinutes, IdToken: ciptypes.TimeUnitsTypeMinutes}
	if w.RefreshTokenValidity != 30 || aws.ToInt32(w.AccessTokenValidity) != 60 || aws.ToInt32(w.IdTokenValidity) != 60 ||
		!cmp.Equal(units, *w.TokenValidityUnits, cmpopts.IgnoreUnexported(units)) ||
		!slices.Equal(w.ReadAttributes, []string{"email", "email_verified"}) || !slices.Equal(w.WriteAttributes, []string{"email"}) {
		t.Errorf("web client %s: validity %d/%v/%v units %+v read %v write %v", web, w.RefreshTokenValidity,
			aws.ToInt32(w.AccessTokenValidity), aws.ToInt32(w.IdTokenValidity), w.TokenValidityUnits, w.ReadAttributes, w.WriteAttributes)
	}
	n := describe(native)
	if aws.ToString(n.ClientSecret) == "" || aws.ToString(n.ClientName) != out["AppClientName"] ||
		!slices.Equal(n.CallbackURLs, []string{"myapp://callback/"}) || !slices.Equal(n.LogoutURLs, []string{"myapp://signout/"}) {
		t.Errorf("native client %s: secret %q name %q (GetAtt Name %q) callback %v logout %v", native, aws.ToString(n.ClientSecret),
			aws.ToString(n.ClientName), out["AppClientName"], n.CallbackURLs, n.LogoutURLs)
	}
	if out["AppClientSecret"] != aws.ToString(n.ClientSecret) {
		t.Errorf("GetAtt ClientSecret %q, DescribeUserPoolClient %q", out["AppClientSecret"], aws.ToString(n.ClientSecret))
	}
	return web, native
}

func checkDomainAndProvider(ctx context.Context, t *testing.T, c cognitoClients, poolID, domain string) {
	t.Helper()
	d, err := c.idp.DescribeUserPoolDomain(ctx, &cip.DescribeUserPoolDomainInput{Domain: &domain})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(d.DomainDescription.UserPoolId); got != poolID {
		t.Errorf("domain %s belongs to pool %q, want %s", domain, got, poolID)
	}
	p, err := c.idp.DescribeIdentityProvider(ctx, &cip.DescribeIdentityProviderInput{UserPoolId: &poolID, ProviderName: aws.String("Google")})
	if err != nil {
		t.Fatal(err)
	}
	ip := p.IdentityProvider
	wantDetails := map[string]string{"client_id": "google-client-id", "client_secret": "google-client-secret", "authorize_scopes": "openid email profile"}
	if ip.ProviderType != ciptypes.IdentityProviderTypeTypeGoogle || !cmp.Equal(wantDetails, ip.ProviderDetails) ||
		!cmp.Equal(map[string]string{"email": "email", "username": "sub"}, ip.AttributeMapping) {
		t.Errorf("Google provider of %s: type %s details %v mapping %v", poolID, ip.ProviderType, ip.ProviderDetails, ip.AttributeMapping)
	}
}

// checkIdentityPool checks the identity pool lists exactly the clients of
// poolID, allows guests, and has the stack's two roles, whose trust is
// scoped to it.
func checkIdentityPool(ctx context.Context, t *testing.T, c cognitoClients, out map[string]string, poolID string, clients []string) {
	t.Helper()
	id := out["IdentityPoolId"]
	d, err := c.ci.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id})
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, p := range d.CognitoIdentityProviders {
		got = append(got, aws.ToString(p.ProviderName)+" "+aws.ToString(p.ClientId))
	}
	for _, cl := range clients {
		want = append(want, "cognito-idp."+region+".amazonaws.com/"+poolID+" "+cl)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || !d.AllowUnauthenticatedIdentities || aws.ToString(d.IdentityPoolName) != "acme_identitypool__dev" {
		t.Errorf("identity pool %s: name %q guests %v providers %v, want %v", id, aws.ToString(d.IdentityPoolName), d.AllowUnauthenticatedIdentities, got, want)
	}
	roles, err := c.ci.GetIdentityPoolRoles(ctx, &ci.GetIdentityPoolRolesInput{IdentityPoolId: &id})
	if err != nil {
		t.Fatal(err)
	}
	wantRoles := map[string]string{"authenticated": out["AuthRoleArn"], "unauthenticated": out["UnauthRoleArn"]}
	if diff := cmp.Diff(wantRoles, roles.Roles); diff != "" {
		t.Errorf("identity pool %s roles (-want +got):\n%s", id, diff)
	}
	for amr, arn := range wantRoles {
		name := arn[strings.LastIndex(arn, "/")+1:]
		r, err := c.iam.GetRole(ctx, &iam.GetRoleInput{RoleName: &name})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := DecodePolicy(aws.ToString(r.Role.AssumeRolePolicyDocument))
		if err != nil {
			t.Fatal(err)
		}
		wantDoc, err := DecodePolicy(TrustPolicy(id, amr))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantDoc, doc); diff != "" {
			t.Errorf("%s role %s trust (-want +got):\n%s", amr, name, diff)
		}
	}
}

// checkEmptyPool: the pool exists (retained) but has no clients, providers
// or domain left.
func checkEmptyPool(ctx context.Context, t *testing.T, c cognitoClients, poolID, domain string) {
	t.Helper()
	if _, err := c.idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &poolID}); err != nil {
		t.Fatalf("retained pool %s: %v", poolID, err)
	}
	clients, err := c.idp.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: &poolID, MaxResults: aws.Int32(60)})
	if err != nil {
		t.Fatal(err)
	}
	providers, err := c.idp.ListIdentityProviders(ctx, &cip.ListIdentityProvidersInput{UserPoolId: &poolID, MaxResults: aws.Int32(60)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.idp.DescribeUserPoolDomain(ctx, &cip.DescribeUserPoolDomainInput{Domain: &domain})
	if err != nil {
		t.Fatal(err)
	}
	if len(clients.UserPoolClients) != 0 || len(providers.Providers) != 0 || d.DomainDescription.UserPoolId != nil {
		t.Errorf("retained pool %s still has clients %d, providers %d, domain %s of pool %q", poolID,
			len(clients.UserPoolClients), len(providers.Providers), domain, aws.ToString(d.DomainDescription.UserPoolId))
	}
}

func checkPoolGone(ctx context.Context, t *testing.T, c cognitoClients, poolID string) {
	t.Helper()
	var nf *ciptypes.ResourceNotFoundException
	if _, err := c.idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: &poolID}); !errors.As(err, &nf) {
		t.Errorf("pool %s: %v, want ResourceNotFoundException", poolID, err)
	}
}

func checkIdentityPoolGone(ctx context.Context, t *testing.T, c cognitoClients, id string) {
	t.Helper()
	var nf *citypes.ResourceNotFoundException
	if _, err := c.ci.DescribeIdentityPool(ctx, &ci.DescribeIdentityPoolInput{IdentityPoolId: &id}); !errors.As(err, &nf) {
		t.Errorf("identity pool %s: %v, want ResourceNotFoundException", id, err)
	}
}

// cognitoJSON renders a small template of the given resources.
func cognitoJSON(t *testing.T, resources map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"Resources": resources})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCognitoStackRefused: what Cognito or CloudFormation refuses fails
// the stack call in moto too (moto has no CREATE_FAILED or rollback), with
// a message that names the resource type.
func TestCognitoStackRefused(t *testing.T) {
	ref := map[string]any{"Ref": "Pool"}
	pool := func(props map[string]any) map[string]any {
		p := map[string]any{"UserPoolName": "refused", "UsernameAttributes": []string{"email"}}
		maps.Copy(p, props)
		return map[string]any{"Type": "AWS::Cognito::UserPool", "Properties": p}
	}
	domain := func(prefix string) map[string]any {
		return map[string]any{"Type": "AWS::Cognito::UserPoolDomain", "Properties": map[string]any{"UserPoolId": ref, "Domain": prefix}}
	}
	email := map[string]any{"Name": "email", "AttributeDataType": "String", "Required": true, "Mutable": true}
	cases := []struct {
		name     string
		create   map[string]any
		update   map[string]any // nil: the create is refused
		wantType string
		want     string
	}{
		{name: "client names a missing provider", create: map[string]any{"Pool": pool(nil), "Client": map[string]any{
			"Type": "AWS::Cognito::UserPoolClient", "Properties": map[string]any{"UserPoolId": ref, "SupportedIdentityProviders": []string{"COGNITO", "Facebook"}}}},
			wantType: "AWS::Cognito::UserPoolClient", want: "The provider Facebook does not exist"},
		{name: "MFA on without a method", create: map[string]any{"Pool": pool(map[string]any{"MfaConfiguration": "ON"})},
			wantType: "AWS::Cognito::UserPool", want: "needs EnabledMfas"},
		{name: "SMS MFA without SMS configuration", create: map[string]any{"Pool": pool(map[string]any{"MfaConfiguration": "OPTIONAL", "EnabledMfas": []string{"SMS_MFA"}})},
			wantType: "AWS::Cognito::UserPool", want: "SMS configuration is required"},
		{name: "reserved domain prefix", create: map[string]any{"Pool": pool(nil), "Domain": domain("acme-cognito-login")},
			wantType: "AWS::Cognito::UserPoolDomain", want: "without aws, amazon or cognito"},
		{name: "pool replaced, domain prefix kept",
			create: map[string]any{"Pool": pool(nil), "Domain": domain("acme-kept")},
			update: map[string]any{"Pool": pool(map[string]any{"UsernameAttributes": []string{"phone_number"}}), "Domain": domain("acme-kept")},
			want:   "custom-named resource requires replacing"},
		{name: "schema attribute changed",
			create:   map[string]any{"Pool": pool(map[string]any{"Schema": []any{email}})},
			update:   map[string]any{"Pool": pool(map[string]any{"Schema": []any{map[string]any{"Name": "email", "AttributeDataType": "String", "Required": true, "Mutable": false}}})},
			wantType: "AWS::Cognito::UserPool", want: "Existing schema attributes cannot be modified or deleted"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			cfn := cloudformation.NewFromConfig(shared.NewAccount().AWSConfig(region))
			stack := "refused-" + strconv.Itoa(i)
			var err error
			if tc.update == nil {
				_, err = cfn.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: &stack, TemplateBody: aws.String(cognitoJSON(t, tc.create))})
			} else {
				DeployStack(ctx, t, cfn, stack, cognitoJSON(t, tc.create), nil, false)
				_, err = cfn.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: &stack, TemplateBody: aws.String(cognitoJSON(t, tc.update))})
			}
			var ae smithy.APIError
			if !errors.As(err, &ae) || ae.ErrorCode() != "ValidationError" || !strings.Contains(ae.ErrorMessage(), tc.want) ||
				!strings.HasPrefix(ae.ErrorMessage(), tc.wantType) {
				t.Errorf("got %v, want a ValidationError %q… containing %q", err, tc.wantType, tc.want)
			}
		})
	}
}
