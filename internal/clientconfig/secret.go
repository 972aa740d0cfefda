package clientconfig

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
)

// SecretWarning is printed (to stderr) whenever a client secret is written
// into a client config file.
const SecretWarning = "WARNING: --include-client-secret writes the native app client's SECRET into the client " +
	"config. Anything shipped inside an app (APK, IPA, Flutter bundle) can be extracted, so the secret is " +
	"not secret any more: anyone can call Cognito as your app. Prefer a native app client WITHOUT a secret " +
	"(Cognito console > App integration > App clients > Create app client > Public client), import it with " +
	"`ampgo import auth --native-client-id <id>`, and drop this flag. Keep the file out of version control, " +
	"and note that `ampgo push` and `ampgo generate config` without the flag write the files without it again."

// describeClientAPI is the one Cognito call the secret needs.
type describeClientAPI interface {
	DescribeUserPoolClient(ctx context.Context, in *cip.DescribeUserPoolClientInput, o ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error)
}

// SecretReader reads an app client's secret on the user's explicit request
// (--include-client-secret). It is the only AWS call of client config
// generation; without that flag `ampgo generate config` works offline.
type SecretReader struct {
	api describeClientAPI
}

// NewSecretReader builds a SecretReader from an aws.Config.
func NewSecretReader(cfg aws.Config) *SecretReader {
	return &SecretReader{api: cip.NewFromConfig(cfg)}
}

// ClientSecret returns the secret of app client clientID of user pool poolID
// ("" when the client has none). The call goes to the pool's own region.
func (r *SecretReader) ClientSecret(ctx context.Context, poolID, clientID string) (string, error) {
	region := cognito.RegionOf(poolID)
	out, err := r.api.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{
		UserPoolId: aws.String(poolID), ClientId: aws.String(clientID),
	}, func(o *cip.Options) {
		if region != "" {
			o.Region = region
		}
	})
	var nf *types.ResourceNotFoundException
	switch {
	case errors.As(err, &nf):
		return "", &exit.Error{Code: exit.Requirements,
			Err: fmt.Errorf("read secret of app client %s of user pool %s: %w", clientID, poolID, err),
			Fix: "the recorded native client no longer exists: import the current one with `ampgo import auth`"}
	case err != nil:
		err = fmt.Errorf("read secret of app client %s of user pool %s: %w", clientID, poolID, err)
		return "", awsx.Classify(err, "cognito-idp:DescribeUserPoolClient")
	}
	if out.UserPoolClient == nil {
		return "", nil
	}
	return aws.ToString(out.UserPoolClient.ClientSecret), nil
}
