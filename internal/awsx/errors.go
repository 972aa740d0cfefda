package awsx

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/exit"
)

// deniedCodes are the error codes of a call IAM did not allow.
// NotAuthorizedException is Cognito's.
var deniedCodes = map[string]bool{
	"AccessDenied": true, "AccessDeniedException": true, "UnauthorizedOperation": true,
	"NotAuthorizedException": true,
}

// badCredentialCodes are the error codes of a call whose credentials are
// expired or invalid: IAM never judged it.
var badCredentialCodes = map[string]bool{
	"ExpiredToken": true, "ExpiredTokenException": true, "InvalidClientTokenId": true,
	"UnrecognizedClientException": true, "InvalidSignatureException": true,
	"SignatureDoesNotMatch": true,
}

// ErrorCode returns the AWS error code of err, or "".
func ErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// IsAccessDenied reports whether err is a call IAM did not allow.
func IsAccessDenied(err error) bool {
	return deniedCodes[ErrorCode(err)]
}

// IsCredentialError reports whether err means missing, expired or
// insufficient credentials.
func IsCredentialError(err error) bool {
	if code := ErrorCode(err); deniedCodes[code] || badCredentialCodes[code] {
		return true
	}
	// The SDK reports a missing credential chain without an API error code.
	return strings.Contains(err.Error(), "failed to retrieve credentials") ||
		strings.Contains(err.Error(), "no EC2 IMDS role found")
}

// Classify wraps err in an exit error when it is a credentials or
// permissions problem (exit 4), with a hint naming the IAM action.
func Classify(err error, action string) error {
	return classifyWith(err, action, "add it to the caller's IAM policy (ampgo only needs read access to Cognito and IAM)")
}

// classifyWith is Classify with the fix of a denied call, after "the caller
// is not allowed to call <action>: ".
func classifyWith(err error, action, deniedFix string) error {
	if err == nil || !IsCredentialError(err) {
		return err
	}
	hint := "refresh your credentials (`aws sso login`, or set AWS_PROFILE / AWS_ACCESS_KEY_ID), then check them with `aws sts get-caller-identity`"
	if IsAccessDenied(err) {
		hint = fmt.Sprintf("the caller is not allowed to call %s: %s", action, deniedFix)
	}
	return exit.CredentialsError(err, hint)
}
