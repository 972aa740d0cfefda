package awsx

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
)

// Verdict is what the outcome of one AWS call shows about the caller's IAM
// permissions.
type Verdict int

// The verdicts of a call.
const (
	// Allowed: the call got past IAM. It succeeded, or the service answered
	// an error such as ResourceNotFoundException, which IAM only lets
	// through after it allowed the call.
	Allowed Verdict = iota
	// Denied: IAM did not allow the call (IsAccessDenied).
	Denied
	// Unknown: the call failed before or beside IAM's decision: expired or
	// missing credentials, throttling after every retry, a server fault, the
	// network, a cancellation.
	Unknown
)

// serverCodes are service errors that are the service's own failure even
// where the service models them as client faults.
var serverCodes = map[string]bool{"InternalErrorException": true, "ServiceUnavailable": true}

// IAMVerdict judges the error of one call (nil: the call succeeded).
func IAMVerdict(err error) Verdict {
	var ae smithy.APIError
	switch {
	case err == nil:
		return Allowed
	case IsAccessDenied(err):
		return Denied
	case IsCredentialError(err), classifyNetwork(err) != "", !errors.As(err, &ae):
		return Unknown
	case ae.ErrorFault() == smithy.FaultServer, serverCodes[ae.ErrorCode()]:
		return Unknown
	}
	return Allowed
}

// IsThrottled reports whether err is a call the service was still
// throttling when its attempts ran out. A spent retry budget alone is not:
// the failure it joins decides (see classifyNetwork).
func IsThrottled(err error) bool {
	var ne *NetworkError
	if errors.As(err, &ne) {
		return ne.Kind == KindThrottled
	}
	return classifyNetwork(err) == KindThrottled
}

// DescribeCall says in one line which AWS call err is the failure of and
// why ("cognito-idp:DescribeUserPool failed: AccessDeniedException: …"),
// for a report that goes on after a call failed; ok is false when err is
// not the error of an AWS operation.
func DescribeCall(err error) (line string, ok bool) {
	var (
		oe *smithy.OperationError
		ae smithy.APIError
	)
	switch {
	case errors.As(err, &oe) && errors.As(err, &ae):
		return fmt.Sprintf("%s failed: %s: %s", IAMAction(oe.ServiceID, oe.OperationName), ae.ErrorCode(), ae.ErrorMessage()), true
	case errors.As(err, &oe):
		return fmt.Sprintf("%s failed: %v", IAMAction(oe.ServiceID, oe.OperationName), oe.Err), true
	}
	return "", false
}
