package clientconfig

import (
	"fmt"
	"path"

	"github.com/ampgo/ampgo/internal/project"
)

// Warnings explains what the rendered files (of a project whose frontend is
// frontend) leave out of the recorded setup and how to fix the Cognito
// resources so that nothing is left out. Each warning is one paragraph: the
// problem, the affected file, then the fix.
func Warnings(c Config, frontend string, files []File) []string {
	has := map[string]bool{}
	native := false
	single := "" // a file with room for one GraphQL API
	for _, f := range files {
		base := path.Base(f.Path)
		has[base] = true
		native = native || (frontend != project.FrontendJavaScript && base != project.GenerationOutputsFile)
		if single == "" && (base == project.GenerationOutputsFile || frontend == project.FrontendJavaScript) {
			single = base
		}
	}
	var out []string
	if len(c.GraphQLAPIs) > 1 && single != "" {
		out = append(out, fmt.Sprintf("%s describes only GraphQL API %s of %d: aws-exports.js and amplify_outputs.json "+
			"have room for one (the Amplify CLI also writes only the first). Configure the others in code "+
			"(Amplify.configure, or generateClient({endpoint, authMode}) of aws-amplify/data).",
			single, c.GraphQLAPIs[0].Name, len(c.GraphQLAPIs)))
	}
	a := c.Auth
	if a == nil {
		return out
	}
	if has["amplify_outputs.json"] && a.WebOAuth != nil && len(a.WebOAuth.RedirectSignOut) == 0 {
		out = append(out, fmt.Sprintf("amplify_outputs.json has no oauth block: web client %s has no sign-out URL, "+
			"and the format needs at least one redirect_sign_out_uri.\n%s", a.WebClientID, signOutFix(a, a.WebClientID)))
	}
	if native && a.NativeOAuth != nil && len(a.NativeOAuth.RedirectSignOut) == 0 {
		out = append(out, fmt.Sprintf("the native config has no Auth.Default.OAuth block: native client %s has no "+
			"sign-out URL, and the Amplify Android, Swift and Flutter libraries need SignOutRedirectURI for the hosted UI.\n%s",
			a.NativeAppClientID(), signOutFix(a, a.NativeAppClientID())))
	}
	if native && a.NativeOAuth != nil && a.NativeOAuth.ResponseType == "token" {
		out = append(out, fmt.Sprintf("native client %s allows only the implicit grant, but the Amplify Android, Swift "+
			"and Flutter libraries sign in through the hosted UI with the authorization code grant (PKCE).\n"+
			"Fix: Amazon Cognito console > User pools > %s > App integration > App clients > %s > Hosted UI > "+
			"OAuth 2.0 grant types > Authorization code grant", a.NativeAppClientID(), a.UserPoolID, a.NativeAppClientID()))
	}
	if has["amplify_outputs.json"] && a.IdentityPoolRegion != "" && a.IdentityPoolRegion != a.UserPoolRegion {
		out = append(out, fmt.Sprintf("amplify_outputs.json has one aws_region (%s, the user pool's) but identity pool %s "+
			"is in %s: Amplify JS takes the region from the id and works; the Gen 2 native libraries use aws_region "+
			"for both pools and would call the wrong region. Use amplifyconfiguration.json on native platforms.",
			a.UserPoolRegion, a.IdentityPoolID, a.IdentityPoolRegion))
	}
	return out
}

// signOutFix is the console path and CLI commands that add a sign-out URL.
func signOutFix(a *AuthConfig, clientID string) string {
	return fmt.Sprintf("Fix: Amazon Cognito console > User pools > %s > App integration > App clients > %s > "+
		"Hosted UI > Allowed sign-out URLs > Add URL (then run `ampgo import auth` again to record it)\n"+
		"or: aws cognito-idp describe-user-pool-client --user-pool-id %s --client-id %s\n"+
		"    aws cognito-idp update-user-pool-client --user-pool-id %s --client-id %s --logout-urls <url> "+
		"<every other current setting> (update resets what you leave out)",
		a.UserPoolID, clientID, a.UserPoolID, clientID, a.UserPoolID, clientID)
}
