package category

import (
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/ids"
)

// The Cognito actions a function gets per operation, exactly as the Amplify
// CLI grants them (reference §7, auth-questions.ts getIAMPolicies), in its
// order. Like the Amplify CLI, the single resource is the user pool's ARN,
// so the non-cognito-idp read actions are listed but not effectively
// granted; keeping them keeps the policies comparable.
var cognitoActions = map[string][]string{
	OpCreate: idp("ConfirmSignUp", "AdminCreateUser", "CreateUserImportJob", "AdminSetUserSettings",
		"AdminLinkProviderForUser", "CreateIdentityProvider", "AdminConfirmSignUp", "AdminDisableUser",
		"AdminRemoveUserFromGroup", "SetUserMFAPreference", "SetUICustomization", "SignUp",
		"VerifyUserAttribute", "SetRiskConfiguration", "StartUserImportJob", "AdminSetUserPassword",
		"AssociateSoftwareToken", "CreateResourceServer", "RespondToAuthChallenge", "CreateUserPoolClient",
		"AdminUserGlobalSignOut", "GlobalSignOut", "AddCustomAttributes", "CreateGroup", "CreateUserPool",
		"AdminForgetDevice", "AdminAddUserToGroup", "AdminRespondToAuthChallenge", "ForgetDevice",
		"CreateUserPoolDomain", "AdminEnableUser", "AdminUpdateDeviceStatus", "StopUserImportJob",
		"InitiateAuth", "AdminInitiateAuth", "AdminSetUserMFAPreference", "ConfirmForgotPassword",
		"SetUserSettings", "VerifySoftwareToken", "AdminDisableProviderForUser", "SetUserPoolMfaConfig",
		"ChangePassword", "ConfirmDevice", "AdminResetUserPassword", "ResendConfirmationCode"),
	OpUpdate: idp("ForgotPassword", "UpdateAuthEventFeedback", "UpdateResourceServer", "UpdateUserPoolClient",
		"AdminUpdateUserAttributes", "UpdateUserAttributes", "UpdateUserPoolDomain", "UpdateIdentityProvider",
		"UpdateGroup", "AdminUpdateAuthEventFeedback", "UpdateDeviceStatus", "UpdateUserPool"),
	OpRead: {"cognito-identity:Describe*", "cognito-identity:Get*", "cognito-identity:List*",
		"cognito-idp:Describe*", "cognito-idp:AdminGetDevice", "cognito-idp:AdminGetUser",
		"cognito-idp:AdminList*", "cognito-idp:List*", "cognito-sync:Describe*", "cognito-sync:Get*",
		"cognito-sync:List*", "iam:ListOpenIdConnectProviders", "iam:ListRoles",
		"sns:ListPlatformApplications"},
	OpDelete: idp("DeleteUserPoolDomain", "DeleteResourceServer", "DeleteGroup", "AdminDeleteUserAttributes",
		"DeleteUserPoolClient", "DeleteUserAttributes", "DeleteUserPool", "AdminDeleteUser",
		"DeleteIdentityProvider", "DeleteUser"),
}

func idp(actions ...string) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = "cognito-idp:" + a
	}
	return out
}

// CognitoActions returns the actions of ops, concatenated in the order
// create, read, update, delete.
func CognitoActions(ops []string) []string {
	var out []string
	for _, op := range Normalize(ops, FunctionAuthOps) {
		out = append(out, cognitoActions[op]...)
	}
	return out
}

// UserPoolARN is the real ARN of a user pool. The region comes from the
// pool id ("us-east-1_AbC…"), because the pool may live in another region
// than the stack; an id that names no region is an error, not an ARN.
func UserPoolARN(account, userPoolID string) (string, error) {
	region, err := ids.UserPoolRegion(userPoolID)
	if err != nil {
		return "", fmt.Errorf("build user pool arn: %w", err)
	}
	return "arn:" + Partition(region) + ":cognito-idp:" + region + ":" + account + ":userpool/" + userPoolID, nil
}

// UserPoolEnvVar is the environment variable that holds the imported pool's
// id: AUTH_<RESOURCENAME>_USERPOOLID, as the Amplify CLI names it, with any
// character a variable name cannot hold replaced by "_".
func UserPoolEnvVar(authResource string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(authResource) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return "AUTH_" + b.String() + "_USERPOOLID"
}
