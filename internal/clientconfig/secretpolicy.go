package clientconfig

import (
	"context"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// SecretReader reads an app client's secret ("" when it has none); a
// missing client is an error with exit code 3 (cognito.Reader is one).
type SecretReader interface {
	ClientSecret(ctx context.Context, poolID, clientID string) (string, error)
}

// AddNativeSecret is `generate config --include-client-secret`: it decides
// whether a secret may go into the files format selects for frontend, and
// then reads the native app client's secret through the reader that
// newReader builds and puts it into c (AuthConfig.NativeClientSecret).
//
// Only the native configs (android, ios, flutter; --format
// amplifyconfiguration or all) may carry a secret: browsers and
// amplify_outputs.json use the web client, which has none. Those refusals,
// and a project without pushed auth, are usage errors (exit 2) returned
// before newReader is called, so before any AWS config or call. found is
// false when the client has no secret (the recommended setup); c is then
// left as it was.
func AddNativeSecret(ctx context.Context, frontend string, format Format, c *Config, newReader func() (SecretReader, error)) (found bool, err error) {
	if frontend == project.FrontendJavaScript || format == FormatAWSExports || format == FormatOutputs {
		return false, exit.UsageErrorf("drop --include-client-secret: browsers and amplify_outputs.json use the web client, which has no secret",
			"--include-client-secret applies to the native configs only (android, ios, flutter with --format amplifyconfiguration or all)")
	}
	if c.Auth == nil {
		return false, exit.UsageErrorf("import auth and push first", "--include-client-secret: the project has no pushed auth")
	}
	r, err := newReader()
	if err != nil {
		return false, err
	}
	secret, err := r.ClientSecret(ctx, c.Auth.UserPoolID, c.Auth.NativeAppClientID())
	if exit.Code(err) == exit.Requirements {
		return false, &exit.Error{Code: exit.Requirements, Err: err,
			Fix: "the recorded native client no longer exists: `ampgo status` shows what changed; re-import with `ampgo remove auth` and `ampgo import auth`"}
	}
	if err != nil || secret == "" {
		return false, err
	}
	c.Auth.NativeClientSecret = secret
	return true, nil
}
