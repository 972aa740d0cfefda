// Package awsop answers "which AWS operation is this request" for the test
// fakes and proxies that stand between ampgo and moto (the cmd/ampgo
// harness, the doctor fake, bench/proxy, faultproxy). It is the only place
// that reads X-Amz-Target or a query protocol's Action, so a fake and a
// proxy never disagree about a call.
package awsop

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// Protocol is the wire protocol of a call, which decides its error shape.
type Protocol int

// The protocols ampgo's AWS calls use.
const (
	// REST is every call that names its operation neither way (S3, Lambda):
	// its service comes from the signature, its operation is Unknown.
	REST Protocol = iota
	// JSON is awsJson1.0/1.1 (Cognito): X-Amz-Target "Service.Operation",
	// errors as {"__type":…}.
	JSON
	// Query is the query protocol (IAM, STS, CloudFormation): a form body
	// with Action=Operation, errors as <ErrorResponse>.
	Query
)

// Unknown is the operation of a call that does not name one, or names it
// in a malformed way.
const Unknown = "unknown"

// Call is what a request says about itself.
type Call struct {
	Service    string   // "cognito-idp", "cognito-identity", "iam", "s3", …; "" when unsigned
	Op         string   // "DescribeUserPool", or Unknown
	UserPoolID string   // a JSON call's UserPoolId, for per-pool quotas
	Protocol   Protocol // how the operation was named
}

// targetServices maps the X-Amz-Target prefixes of the JSON services to
// their signing names.
var targetServices = map[string]string{
	"AWSCognitoIdentityProviderService": "cognito-idp",
	"AWSCognitoIdentityService":         "cognito-identity",
}

// Identify names the call of request r, whose body the caller has read into
// body. It is strict: an X-Amz-Target must be exactly "Prefix.Operation"; a
// query call is a POST of a form (Content-Type
// application/x-www-form-urlencoded) with a Version, as every AWS SDK sends
// it, so a REST upload that happens to look like a form is not taken for
// one, and its Action must be a name. Anything else has the operation
// Unknown. The service is the SigV4 credential scope's; an unsigned JSON
// call's is that of its X-Amz-Target prefix (or the prefix itself).
func Identify(r *http.Request, body []byte) Call {
	h := r.Header
	c := Call{Op: Unknown, Service: scopeService(h.Get("Authorization"))}
	if target := h.Get("X-Amz-Target"); target != "" {
		c.Protocol = JSON
		prefix, op, ok := strings.Cut(target, ".")
		if !ok || prefix == "" || !isName(op) {
			return c
		}
		c.Op = op
		if c.Service == "" {
			c.Service = prefix
			if s, known := targetServices[prefix]; known {
				c.Service = s
			}
		}
		var in struct{ UserPoolId string }
		if json.Unmarshal(body, &in) == nil {
			c.UserPoolID = in.UserPoolId
		}
		return c
	}
	if mt, _, err := mime.ParseMediaType(h.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" || r.Method != http.MethodPost {
		return c
	}
	v, err := url.ParseQuery(string(body))
	if err != nil || v.Get("Version") == "" {
		return c
	}
	c.Protocol = Query
	if isName(v.Get("Action")) {
		c.Op = v.Get("Action")
	}
	return c
}

// isName reports whether s can be an operation name: letters and digits,
// starting with a letter (DescribeUserPool, GetRole, ListUsers2…).
func isName(s string) bool {
	if s == "" || !('A' <= s[0] && s[0] <= 'Z' || 'a' <= s[0] && s[0] <= 'z') {
		return false
	}
	for _, r := range s {
		if !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// scopeService is the service of a SigV4 Authorization header:
// "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iam/aws4_request, …".
func scopeService(auth string) string {
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return ""
	}
	cred, _, _ = strings.Cut(cred, ",")
	parts := strings.Split(strings.TrimSpace(cred), "/")
	if len(parts) != 5 || parts[4] != "aws4_request" {
		return ""
	}
	return parts[3]
}

// Peek reads r's body, puts an unread copy back for a proxy to forward, and
// names the call. A body that cannot be read is identified as empty.
func Peek(r *http.Request) (Call, []byte) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		_ = r.Body.Close()
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return Identify(r, body), body
}
