package cognito

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
)

// ClientSecret reads an app client's secret, only on the user's explicit
// request (`generate config --include-client-secret`); it is "" when the
// client has none. Nothing else in ampgo reads a secret, and ampgo never
// stores one. A missing client is a *NotFoundError.
func (r *Reader) ClientSecret(ctx context.Context, poolID, clientID string) (string, error) {
	in, err := userPoolIn(poolID)
	if err != nil {
		return "", fmt.Errorf("read secret of app client %s: %w", clientID, err)
	}
	out, err := r.idp.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: &poolID, ClientId: &clientID}, in)
	if err != nil {
		return "", notFound(err, "app client", clientID, "cognito-idp:DescribeUserPoolClient", "read secret of app client %s of user pool %s", clientID, poolID)
	}
	if out.UserPoolClient == nil {
		return "", nil
	}
	return aws.ToString(out.UserPoolClient.ClientSecret), nil
}
