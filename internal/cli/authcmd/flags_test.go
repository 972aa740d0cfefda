package authcmd

// Flags → options, gh style (clitest.CheckFlags): no project, no AWS.

import (
	"testing"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/doctor"
	"github.com/ampgo/ampgo/internal/drift"
	"github.com/ampgo/ampgo/internal/source"
)

const (
	pool     = "eu-west-1_AbC123xYz"
	web      = "4abcdefghij1234567890klmno"
	native   = "7native0123456789abcdefghi"
	identity = "eu-west-1:11111111-2222-3333-4444-555555555555"
)

func TestImportFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[importOptions]{
		{Name: "walkthrough", Want: importOptions{}},
		{Name: "every id", Args: []string{"--user-pool-id", pool, "--web-client-id", web, "--native-client-id", native, "--identity-pool-id", identity},
			Want: importOptions{sel: cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: native, IdentityPoolID: identity}}},
		{Name: "user pool only", Args: []string{"--user-pool-only", "--user-pool-id", pool},
			Want: importOptions{userPoolOnly: true, sel: cognito.Selection{UserPoolID: pool}}},
		{Name: "malformed ids, all named", Args: []string{"--user-pool-id", "local_abc", "--identity-pool-id", "us-east-1:x_y"},
			WantErr: `invalid --user-pool-id: "local_abc"`, WantHint: "list-user-pools"},
		{Name: "malformed identity pool named too", Args: []string{"--user-pool-id", "local_abc", "--identity-pool-id", "us-east-1:x_y"},
			WantErr: `invalid --identity-pool-id`},
		{Name: "refresh", Args: []string{"--refresh"}, Want: importOptions{refresh: true}},
		{Name: "refresh with an id", Args: []string{"--refresh", "--web-client-id", web}, WantErr: "--refresh takes no other import flag", WantHint: "ampgo auth update"},
		{Name: "refresh with headless", Args: []string{"--refresh", "--headless"}, WantErr: "--refresh takes no other import flag"},
		{Name: "refresh with user pool only", Args: []string{"--refresh", "--user-pool-only"}, WantErr: "--refresh takes no other import flag"},
		{Name: "headless with an identity pool", Args: []string{"--headless"},
			Stdin: `{"version":1,"userPoolId":"` + pool + `","webClientId":"` + web + `","identityPoolId":"` + identity + `"}`,
			Want:  importOptions{headless: true, sel: cognito.Selection{UserPoolID: pool, WebClientID: web, IdentityPoolID: identity}}},
		{Name: "headless without an identity pool is user pool only", Args: []string{"--headless"},
			Stdin: `{"version":1,"userPoolId":"` + pool + `","webClientId":"` + web + `","nativeClientId":"` + native + `"}`,
			Want:  importOptions{headless: true, userPoolOnly: true, sel: cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: native}}},
		{Name: "headless and an id flag", Args: []string{"--headless", "--web-client-id", web},
			Stdin:   `{"version":1,"userPoolId":"` + pool + `","webClientId":"` + web + `"}`,
			WantErr: "do not also pass --web-client-id", WantHint: "put the value in the JSON on stdin"},
		{Name: "headless and user pool only", Args: []string{"--headless", "--user-pool-only"},
			Stdin: `{"version":1,"userPoolId":"` + pool + `","webClientId":"` + web + `"}`, WantErr: "do not also pass --user-pool-only"},
		{Name: "headless with empty stdin", Args: []string{"--headless"}, WantErr: "stdin is empty"},
		{Name: "argument", Args: []string{pool}, WantErr: `unexpected argument "` + pool + `"`},
		{Name: "from a state on stdin", Args: []string{"--from-terraform-state", "-", "--web-client-id", web},
			Want: importOptions{sel: cognito.Selection{WebClientID: web}, from: source.Flags{TerraformState: "-"},
				spec: &source.Spec{Kind: source.KindTerraform, File: "-"}}},
		{Name: "two sources", Args: []string{"--from-stack", "a", "--from-terraform-state", "b"}, WantErr: "exclude each other"},
		{Name: "bad stack name", Args: []string{"--from-stack", "a_b"}, WantErr: "not a stack name"},
		{Name: "source and refresh", Args: []string{"--from-stack", "a", "--refresh"}, WantErr: "do not go with --refresh", WantHint: "ampgo auth refresh --from"},
		{Name: "source and headless", Args: []string{"--from-outputs", "o.json", "--headless"}, WantErr: "do not go with --refresh or --headless"},
	}, NewCmdImport, "auth")
}

func TestAuthUpdateFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[repointOptions]{
		{Name: "web client", Args: []string{"--web-client-id", web},
			Want: repointOptions{req: drift.Request{WebClientID: web}, done: "re-pointed"}},
		{Name: "native client and identity pool", Args: []string{"--native-client-id", native, "--identity-pool-id", identity},
			Want: repointOptions{req: drift.Request{NativeClientID: native, IdentityPoolID: identity}, done: "re-pointed"}},
		{Name: "no id", WantErr: "nothing to update: no id given", WantHint: "ampgo auth refresh"},
		{Name: "malformed identity pool", Args: []string{"--web-client-id", web, "--identity-pool-id", "us-east-1:x_y"},
			WantErr: "invalid --identity-pool-id"},
		{Name: "malformed client", Args: []string{"--native-client-id", "a b"}, WantErr: "invalid --native-client-id"},
		{Name: "no user pool flag", Args: []string{"--user-pool-id", pool}, WantErr: "unknown flag: --user-pool-id"},
	}, newCmdUpdate)
	clitest.CheckFlags(t, []clitest.FlagCase[repointOptions]{
		{Name: "refresh", Want: repointOptions{done: "refreshed from the live resources", follow: true}},
		{Name: "refresh takes no id", Args: []string{"--web-client-id", web}, WantErr: "unknown flag: --web-client-id"},
		{Name: "refresh from a stack", Args: []string{"--from-stack", "auth-prod"},
			Want: repointOptions{done: "refreshed from the live resources", follow: true, from: source.Flags{Stack: "auth-prod"},
				spec: &source.Spec{Kind: source.KindCloudFormation, Stack: "auth-prod"}}},
		{Name: "refresh from two sources", Args: []string{"--from-stack", "a", "--from-outputs", "-"}, WantErr: "exclude each other"},
	}, newCmdRefresh)
}

func TestDoctorFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[doctorOptions]{
		{Name: "whole region", Want: doctorOptions{concurrency: doctor.DefaultConcurrency}},
		{Name: "one pool, two calls at a time", Args: []string{"--user-pool-id", pool, "--concurrency", "2"},
			Want: doctorOptions{userPoolID: pool, concurrency: 2}},
		{Name: "concurrency 1", Args: []string{"--concurrency", "1"}, Want: doctorOptions{concurrency: 1}},
		{Name: "concurrency 0", Args: []string{"--concurrency", "0"}, WantErr: "invalid --concurrency 0", WantHint: "--concurrency 1 or more"},
		{Name: "concurrency negative", Args: []string{"--concurrency", "-3"}, WantErr: "invalid --concurrency -3"},
		{Name: "concurrency not a number", Args: []string{"--concurrency", "many"}, WantErr: `invalid argument "many"`},
		{Name: "malformed pool id", Args: []string{"--user-pool-id", "US-EAST-1_abc"}, WantErr: `invalid --user-pool-id`},
	}, NewCmdDoctor, "auth")
}

func TestRemoveAuthFlags(t *testing.T) {
	clitest.CheckFlags(t, []clitest.FlagCase[removeOptions]{
		{Name: "remove auth", Want: removeOptions{}},
		{Name: "argument", Args: []string{"acmeapp"}, WantErr: `unexpected argument "acmeapp"`},
	}, NewCmdRemove)
}
