package awsx

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/exit"
)

// credentialCodes are the service error codes that mean the caller's
// credentials are missing, expired or not allowed to do the call.
var credentialCodes = map[string]bool{
	"ExpiredToken": true, "ExpiredTokenException": true, "InvalidClientTokenId": true,
	"UnrecognizedClientException": true, "InvalidSignatureException": true,
	"SignatureDoesNotMatch": true, "AccessDenied": true, "AccessDeniedException": true,
	"NotAuthorizedException": true, "UnauthorizedOperation": true,
}

// ErrorCode returns the AWS error code of err, or "".
func ErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// IsCredentialError reports whether err means missing, expired or
// insufficient credentials.
func IsCredentialError(err error) bool {
	if credentialCodes[ErrorCode(err)] {
		return true
	}
	// The SDK reports a missing credential chain without an API error code.
	return strings.Contains(err.Error(), "failed to retrieve credentials") ||
		strings.Contains(err.Error(), "no EC2 IMDS role found")
}

// Classify wraps err in an exit error when it is a credentials or
// permissions problem (exit 4), with a hint naming the IAM action.
func Classify(err error, action string) error {
	if err == nil || !IsCredentialError(err) {
		return err
	}
	hint := "refresh your credentials (`aws sso login`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID), then check them with `aws sts get-caller-identity`"
	code := ErrorCode(err)
	if code == "AccessDenied" || code == "AccessDeniedException" || code == "NotAuthorizedException" || code == "UnauthorizedOperation" {
		hint = fmt.Sprintf("the caller is not allowed to call %s: add it to the caller's IAM policy (ampgo only needs read access to Cognito and IAM)", action)
	}
	return exit.CredentialsError(err, hint)
}
