package awsx

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/exit"
)

func TestClassify(t *testing.T) {
	cases := []struct {
		name     string
		err      error
		wantCode int
		hintHas  string
	}{
		{"expired token", &smithy.GenericAPIError{Code: "ExpiredTokenException"}, exit.Credentials, "aws sts get-caller-identity"},
		{"access denied names the action", &smithy.GenericAPIError{Code: "AccessDeniedException"}, exit.Credentials, "cognito-idp:DescribeUserPool"},
		{"no credential chain", errors.New("operation error: failed to retrieve credentials"), exit.Credentials, "AWS_PROFILE"},
		{"throttling is not a credentials problem", &smithy.GenericAPIError{Code: "TooManyRequestsException"}, exit.Failure, ""},
		{"not found is not a credentials problem", &smithy.GenericAPIError{Code: "ResourceNotFoundException"}, exit.Failure, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Classify(fmt.Errorf("describe user pool x: %w", c.err), "cognito-idp:DescribeUserPool")
			if got := exit.Code(err); got != c.wantCode {
				t.Errorf("exit code %d, want %d", got, c.wantCode)
			}
			if !strings.Contains(exit.Hint(err), c.hintHas) {
				t.Errorf("hint %q lacks %q", exit.Hint(err), c.hintHas)
			}
			if !errors.Is(err, c.err) {
				t.Errorf("classified error lost its cause")
			}
		})
	}
}
