package clientconfig

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/exit"
)

type fakeDescribe struct {
	secret *string
	err    error
	region string
}

func (f *fakeDescribe) DescribeUserPoolClient(_ context.Context, in *cip.DescribeUserPoolClientInput, opts ...func(*cip.Options)) (*cip.DescribeUserPoolClientOutput, error) {
	var o cip.Options
	for _, fn := range opts {
		fn(&o)
	}
	f.region = o.Region
	if f.err != nil {
		return nil, f.err
	}
	return &cip.DescribeUserPoolClientOutput{UserPoolClient: &types.UserPoolClientType{ClientId: in.ClientId, ClientSecret: f.secret}}, nil
}

func TestClientSecret(t *testing.T) {
	tests := []struct {
		name     string
		fake     *fakeDescribe
		want     string
		wantCode int
	}{
		{"secret", &fakeDescribe{secret: aws.String("s3cr3t")}, "s3cr3t", 0},
		{"no secret", &fakeDescribe{}, "", 0},
		{"client gone", &fakeDescribe{err: &types.ResourceNotFoundException{Message: aws.String("gone")}}, "", exit.Requirements},
		{"access denied", &fakeDescribe{err: &smithy.GenericAPIError{Code: "AccessDeniedException"}}, "", exit.Credentials},
		{"other", &fakeDescribe{err: errors.New("boom")}, "", exit.Failure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := (&SecretReader{api: tt.fake}).ClientSecret(context.Background(), "eu-west-1_abc", "native")
			if got != tt.want || (err == nil) != (tt.wantCode == 0) || (err != nil && exit.Code(err) != tt.wantCode) {
				t.Errorf("ClientSecret = %q, %v (code %d); want %q, code %d", got, err, exit.Code(err), tt.want, tt.wantCode)
			}
			if tt.fake.region != "eu-west-1" {
				t.Errorf("called region %q, want the pool's eu-west-1", tt.fake.region)
			}
		})
	}
}
