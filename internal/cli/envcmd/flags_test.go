package envcmd

// Flags → options, gh style (clitest.CheckFlags): no project, no AWS.

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/cognito"
)

const (
	pool     = "eu-west-1_AbC123xYz"
	web      = "4abcdefghij1234567890klmno"
	identity = "eu-west-1:11111111-2222-3333-4444-555555555555"
)

// envInputCases are the cases env add and env checkout share.
func envInputCases() []clitest.FlagCase[envOptions] {
	return []clitest.FlagCase[envOptions]{
		{Name: "name only", Args: []string{"staging"}, Want: envOptions{name: "staging"}},
		{Name: "ids as flags", Args: []string{"prod", "--user-pool-id", pool, "--web-client-id", web, "--identity-pool-id", identity},
			Want: envOptions{name: "prod", inputFlags: inputFlags{sel: cognito.Selection{UserPoolID: pool, WebClientID: web, IdentityPoolID: identity}}}},
		{Name: "ids in Amplify's shape", Args: []string{"prod", "--categories", `{"auth":{"userPoolId":"` + pool + `","webClientId":"` + web + `"}}`},
			Want: envOptions{name: "prod", inputFlags: inputFlags{categories: `{"auth":{"userPoolId":"` + pool + `","webClientId":"` + web + `"}}`}}},
		{Name: "malformed pool id", Args: []string{"prod", "--user-pool-id", "us-east-1_"}, WantErr: `--user-pool-id="us-east-1_"`},
		{Name: "malformed id in --categories", Args: []string{"prod", "--categories", `{"auth":{"userPoolId":"_abc"}}`}, WantErr: `--categories auth.userPoolId="_abc"`},
		{Name: "--categories not JSON", Args: []string{"prod", "--categories", "auth"}, WantErr: "--categories"},
		{Name: "no name", WantErr: "takes one environment name, got none"},
		{Name: "two names", Args: []string{"prod", "staging"}, WantErr: `got 2 arguments (unexpected "staging")`},
	}
}

func TestEnvAddAndCheckoutFlags(t *testing.T) {
	// The AMPLIFY_* variables are read when the inputs are resolved, not
	// here: a CI system sets them for every branch.
	for _, v := range []string{"AMPLIFY_USERPOOL_ID", "AMPLIFY_WEBCLIENT_ID", "AMPLIFY_NATIVECLIENT_ID", "AMPLIFY_IDENTITYPOOL_ID"} {
		t.Setenv(v, "")
	}
	t.Run("add", func(t *testing.T) { clitest.CheckFlags(t, envInputCases(), newCmdAdd) })
	t.Run("checkout", func(t *testing.T) { clitest.CheckFlags(t, envInputCases(), newCmdCheckout) })
	t.Run("malformed variable is not a flag error", func(t *testing.T) {
		t.Setenv("AMPLIFY_USERPOOL_ID", "local_abc")
		clitest.CheckFlags(t, []clitest.FlagCase[envOptions]{
			{Name: "add", Args: []string{"prod"}, Want: envOptions{name: "prod"}},
		}, newCmdAdd)
	})
}

func TestEnvListAndRemoveFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[listOptions]{
		{Name: "list", Want: listOptions{}},
		{Name: "list --wide", Args: []string{"--wide"}, Want: listOptions{wide: true}},
		{Name: "list takes no name", Args: []string{"dev"}, WantErr: `unexpected argument "dev"`},
	}, newCmdList)
	clitest.CheckFlags(t, []clitest.FlagCase[removeOptions]{
		{Name: "remove", Args: []string{"staging"}, Want: removeOptions{name: "staging"}},
		{Name: "remove needs a name", WantErr: "takes one environment name, got none"},
		{Name: "remove takes one name", Args: []string{"a", "b"}, WantErr: `unexpected "b"`},
	}, newCmdRemove)
}
