package awsx

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/ampgo/ampgo/internal/exit"
)

// NetworkKind says why an AWS call failed without a usable answer.
type NetworkKind string

// The kinds of network and retry failures, each with its own fix.
const (
	KindTimeout     NetworkKind = "timeout"     // no answer within the call timeout, every attempt
	KindRefused     NetworkKind = "refused"     // nothing listens at the endpoint
	KindDNS         NetworkKind = "dns"         // the host name does not resolve
	KindTLS         NetworkKind = "tls"         // the TLS handshake or certificate failed
	KindReset       NetworkKind = "reset"       // the connection was reset or closed mid-call
	KindThrottled   NetworkKind = "throttled"   // still throttled when the attempts ran out
	KindUnavailable NetworkKind = "unavailable" // 5xx when the attempts ran out
	KindNetwork     NetworkKind = "network"     // any other failure to send or receive
)

// NetworkError is an AWS call that failed for a network or service-side
// reason after the retryer gave up. It names where ampgo tried to go, how
// long it waited and what to do; the SDK's error stays in the chain, so
// errors.As on smithy types still works.
type NetworkError struct {
	Kind        NetworkKind
	Service     string // IAM prefix: cognito-idp, cloudformation, …
	Operation   string // DescribeUserPool, …
	Region      string
	Endpoint    string // scheme://host the last attempt went to
	EndpointEnv string // AWS_ENDPOINT_URL, when set
	Attempts    int
	Waited      time.Duration
	CallTimeout time.Duration
	Err         error
}

// Unwrap returns the SDK's error.
func (e *NetworkError) Unwrap() error { return e.Err }

// ExitCode is 1: nothing is wrong with the user's input or permissions.
func (e *NetworkError) ExitCode() int { return exit.Failure }

// Error says what happened, where, and how long ampgo waited. The SDK's
// operation error around it names the service and the operation.
func (e *NetworkError) Error() string {
	where := e.Endpoint
	if where == "" {
		where = "the " + e.Service + " endpoint"
	}
	tried := fmt.Sprintf("%s, %s waited", plural(e.Attempts, "attempt"), e.Waited.Round(10*time.Millisecond))
	switch e.Kind {
	case KindTimeout:
		return fmt.Sprintf("no answer from %s within the call timeout of %s (%s)", where, e.CallTimeout, tried)
	case KindRefused:
		return fmt.Sprintf("connection to %s refused (%s)", where, tried)
	case KindDNS:
		return fmt.Sprintf("cannot resolve the host of %s (%s): %v", where, tried, rootCause(e.Err))
	case KindTLS:
		return fmt.Sprintf("secure connection to %s failed (%s): %v", where, tried, rootCause(e.Err))
	case KindReset:
		return fmt.Sprintf("connection to %s was reset or closed before the answer (%s)", where, tried)
	case KindThrottled:
		return fmt.Sprintf("%s is still throttling the calls (%s, %s)", where, ErrorCode(e.Err), tried)
	case KindUnavailable:
		return fmt.Sprintf("%s answered HTTP %d, service unavailable (%s)", where, statusCode(e.Err), tried)
	}
	return fmt.Sprintf("cannot reach %s (%s): %v", where, tried, rootCause(e.Err))
}

// Hint tells the user what to check; main prints it as "Fix: …".
func (e *NetworkError) Hint() string {
	network := "check your network connection, proxy (HTTPS_PROXY) and VPN"
	if e.EndpointEnv != "" {
		network = fmt.Sprintf("AWS_ENDPOINT_URL is set to %s: is that endpoint running? (unset it to call AWS itself)", e.EndpointEnv)
	}
	switch e.Kind {
	case KindTimeout:
		return fmt.Sprintf("%s; on a slow connection raise the limit per attempt with --call-timeout (or AMPGO_CALL_TIMEOUT), now %s", network, e.CallTimeout)
	case KindRefused, KindReset, KindNetwork:
		return network + "; then run the command again"
	case KindDNS:
		if e.EndpointEnv != "" {
			return network
		}
		return fmt.Sprintf("%s; check that the region %q exists (--region, AWS_REGION)", network, e.Region)
	case KindTLS:
		if e.EndpointEnv != "" {
			return network + "; an http:// endpoint must not be given as https://"
		}
		return "a proxy or firewall may be intercepting HTTPS: set AWS_CA_BUNDLE to its certificate bundle, or check HTTPS_PROXY"
	case KindThrottled:
		return fmt.Sprintf("AWS limits the request rate of %s in this account: wait a minute and run the command again; where the command has --concurrency (doctor auth), pass a lower value", e.Service)
	case KindUnavailable:
		if e.EndpointEnv != "" {
			return network + "; check its logs"
		}
		return fmt.Sprintf("%s is failing on AWS's side: run the command again later, and check the AWS Health Dashboard (https://health.aws.amazon.com/health/status) for %s", e.Service, e.Region)
	}
	return network
}

// classifyNetwork returns the kind of a final operation error, or "" when
// it is not a network or retry failure (an API error, a cancellation, a
// credentials problem, …): those keep their own handling.
func classifyNetwork(err error) NetworkKind {
	var (
		canceled  interface{ CanceledError() bool }
		dnsErr    *net.DNSError
		respErr   *smithyhttp.ResponseError
		sendErr   *smithyhttp.RequestSendError
		quota     ratelimit.QuotaExceededError
		timeout   interface{ Timeout() bool }
		recordErr tls.RecordHeaderError
		alertErr  tls.AlertError
		certErr   *tls.CertificateVerificationError
		authErr   x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		invalid   x509.CertificateInvalidError
	)
	switch {
	case err == nil, errors.As(err, &canceled) && canceled.CanceledError(), IsCredentialError(err):
		return ""
	case retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err).Bool():
		return KindThrottled
	case errors.As(err, &respErr) && respErr.HTTPStatusCode() >= 500:
		return KindUnavailable
	case errors.As(err, &respErr) && respErr.HTTPStatusCode() >= 400:
		return "" // a 4xx answer is the service speaking (0: the SDK's wrap of a send error)
	case errors.Is(err, syscall.ECONNREFUSED):
		return KindRefused
	case errors.As(err, &dnsErr):
		return KindDNS
	case errors.As(err, &recordErr), errors.As(err, &alertErr), errors.As(err, &certErr),
		errors.As(err, &authErr), errors.As(err, &hostErr), errors.As(err, &invalid):
		return KindTLS
	case errors.As(err, &timeout) && timeout.Timeout():
		return KindTimeout // also a body that stopped coming within the call timeout
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed): // the transport's side of a reset it saw first
		return KindReset
	case errors.As(err, &sendErr), errors.As(err, &quota):
		// quota: the retryer's own budget ran out (many calls failing at
		// once); the failure it joins was not recognised above.
		return KindNetwork
	}
	return ""
}

// rootCause is the innermost error of err's chain (the first branch of a join).
func rootCause(err error) error {
	for {
		var next error
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			next = u.Unwrap()
		case interface{ Unwrap() []error }:
			if errs := u.Unwrap(); len(errs) > 0 {
				next = errs[0]
			}
		}
		if next == nil {
			return err
		}
		err = next
	}
}

// statusCode is the HTTP status of the answer in err's chain, or 0.
func statusCode(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
