package importauth

import (
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/project"
)

// SelectionOf returns the ids an environment records (the inverse of
// Record's team-provider-info part) as the selection to read and judge
// again. A record without a native client id means that the web client
// serves native apps too, as the walkthrough and the headless import
// decide and the client config renders it.
func SelectionOf(e project.EnvAuth) cognito.Selection {
	return withNativeDefault(cognito.Selection{UserPoolID: e.UserPoolID, WebClientID: e.WebClientID,
		NativeClientID: e.NativeClientID, IdentityPoolID: e.IdentityPoolID})
}

// withNativeDefault names the web client as the native client when s names
// none: one app client then serves web and native apps (the Amplify CLI's
// default too).
func withNativeDefault(s cognito.Selection) cognito.Selection {
	if s.NativeClientID == "" {
		s.NativeClientID = s.WebClientID
	}
	return s
}
