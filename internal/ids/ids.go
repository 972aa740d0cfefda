// Package ids parses the identifiers ampgo takes from users and files:
// region codes, Cognito user pool, app client and identity pool ids, and
// IAM role ARNs. Parsing is strict so that a malformed value fails as a
// usage error (exit 2) before any AWS call, instead of reaching an SDK
// endpoint resolver or a request path. It has no AWS SDK dependency.
//
// The shapes follow the Cognito API references (request parameters):
//
//   - UserPoolId: length 1-55, pattern [\w-]+_[0-9a-zA-Z]+
//     https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html
//   - ClientId: length 1-128, pattern [\w+]+
//     https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html
//   - IdentityPoolId: length 1-55, pattern [\w-]+:[0-9a-f-]+
//     https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DescribeIdentityPool.html
//
// ampgo is stricter than those patterns in one way: the part before "_" or
// ":" must be a region code, because ampgo sends the calls about a resource
// to the region its id names (so "local_abc" from cognito-local, or
// "US-EAST-1_abc", is refused). Ids that AWS and moto generate
// (us-east-1_AbC123xYz, a 26-character lower-case client id,
// us-east-1:<uuid>) all pass.
package ids

import (
	"fmt"
	"regexp"
	"strings"
)

// Example values, for messages.
const (
	ExampleRegion       = "us-east-1"
	ExampleUserPoolID   = "us-east-1_AbC123xYz"
	ExampleClientID     = "1example23456789abcdefghij"
	ExampleIdentityPool = "us-east-1:11111111-2222-3333-4444-555555555555"
	ExampleRoleARN      = "arn:aws:iam::123456789012:role/service-role/my-auth-role"
)

// Length limits of the API references.
const (
	maxPoolIDLen   = 55
	maxClientIDLen = 128
	maxRoleNameLen = 64
	maxRoleARNLen  = 2048
)

var (
	// regionRE is the union of the partitions' region patterns in the
	// SDK's endpoint rules (aws: ^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$,
	// aws-cn: ^cn-\w+-\d+$, aws-us-gov: ^us-gov-\w+-\d+$, aws-iso*:
	// ^us-iso-\w+-\d+$ …, aws-eusc: ^eusc-(de)-\w+-\d+$), narrowed to
	// lower-case letters as every real region is.
	regionRE       = regexp.MustCompile(`^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$`)
	poolSuffixRE   = regexp.MustCompile(`^[0-9A-Za-z]+$`)
	identitySufRE  = regexp.MustCompile(`^[0-9a-f-]+$`)
	clientIDRE     = regexp.MustCompile(`^[\w+]+$`)
	roleARNRE      = regexp.MustCompile(`^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/(.*)$`)
	roleNameRE     = regexp.MustCompile(`^[\w+=,.@-]+$`)
	rolePathPartRE = regexp.MustCompile(`^[\x21-\x2e\x30-\x7e]+$`) // printable ASCII but "/"
)

// Error says why a value is not an id of its kind.
type Error struct {
	Kind  string // "region", "user pool id", "app client id", "identity pool id", "role ARN"
	Value string
	Why   string // what is wrong, or ""
	Want  string // the expected shape with an example
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("%q is not a valid %s", e.Value, e.Kind)
	if e.Why != "" {
		msg += " (" + e.Why + ")"
	}
	return msg + ": want " + e.Want
}

const (
	wantRegion   = "a region code like " + ExampleRegion
	wantUserPool = "<region>_<letters and digits>, like " + ExampleUserPoolID
	wantClient   = "1 to 128 letters, digits, '_' or '+', like " + ExampleClientID
	wantIdentity = "<region>:<uuid>, like " + ExampleIdentityPool
	wantRoleARN  = "arn:aws:iam::<12-digit account>:role/[<path>/]<name>, like " + ExampleRoleARN
)

// Region checks a region code such as us-east-1.
func Region(s string) error {
	if regionRE.MatchString(s) {
		return nil
	}
	e := &Error{Kind: "region", Value: s, Want: wantRegion}
	if s == "" {
		e.Why = "empty"
	}
	return e
}

// UserPoolID checks a user pool id: <region>_<suffix>.
func UserPoolID(s string) error {
	region, suffix, ok := strings.Cut(s, "_")
	e := &Error{Kind: "user pool id", Value: s, Want: wantUserPool}
	switch {
	case s == "":
		e.Why = "empty"
	case len(s) > maxPoolIDLen:
		e.Why = fmt.Sprintf("longer than %d characters", maxPoolIDLen)
	case isIdentityPoolID(s):
		e.Why = "this is an identity pool id"
	case !ok:
		e.Why = `no "_"`
	case Region(region) != nil:
		e.Why = fmt.Sprintf("%q is not a region code", region)
	case !poolSuffixRE.MatchString(suffix):
		e.Why = fmt.Sprintf(`the part after "_" must be letters and digits, got %q`, suffix)
	default:
		return nil
	}
	return e
}

// IdentityPoolID checks an identity pool id: <region>:<uuid>.
func IdentityPoolID(s string) error {
	region, suffix, ok := strings.Cut(s, ":")
	e := &Error{Kind: "identity pool id", Value: s, Want: wantIdentity}
	switch {
	case s == "":
		e.Why = "empty"
	case len(s) > maxPoolIDLen:
		e.Why = fmt.Sprintf("longer than %d characters", maxPoolIDLen)
	case isUserPoolID(s):
		e.Why = "this is a user pool id"
	case !ok:
		e.Why = `no ":"`
	case Region(region) != nil:
		e.Why = fmt.Sprintf("%q is not a region code", region)
	case !identitySufRE.MatchString(suffix):
		e.Why = fmt.Sprintf(`the part after ":" must be lower-case hex digits and "-", got %q`, suffix)
	default:
		return nil
	}
	return e
}

// ClientID checks an app client id. A user pool or identity pool id
// pasted in its place is named as such (user-pain §3 item 10).
func ClientID(s string) error {
	e := &Error{Kind: "app client id", Value: s, Want: wantClient}
	switch {
	case s == "":
		e.Why = "empty"
	case len(s) > maxClientIDLen:
		e.Why = fmt.Sprintf("longer than %d characters", maxClientIDLen)
	case isUserPoolID(s):
		e.Why = "this is a user pool id"
	case isIdentityPoolID(s):
		e.Why = "this is an identity pool id"
	case !clientIDRE.MatchString(s):
		e.Why = "only letters, digits, '_' and '+' are allowed"
	default:
		return nil
	}
	return e
}

// isUserPoolID and isIdentityPoolID are the bare shape tests, without the
// "pasted the other kind of id" hints (which would recurse).
func isUserPoolID(s string) bool {
	region, suffix, ok := strings.Cut(s, "_")
	return ok && len(s) <= maxPoolIDLen && regionRE.MatchString(region) && poolSuffixRE.MatchString(suffix)
}

func isIdentityPoolID(s string) bool {
	region, suffix, ok := strings.Cut(s, ":")
	return ok && len(s) <= maxPoolIDLen && regionRE.MatchString(region) && identitySufRE.MatchString(suffix)
}

// UserPoolRegion returns the region of a user pool id
// (us-east-1_AbC123xYz -> us-east-1), and the UserPoolID error for
// anything that is not one ("local_abc", an identity pool id).
func UserPoolRegion(id string) (string, error) {
	if err := UserPoolID(id); err != nil {
		return "", err
	}
	region, _, _ := strings.Cut(id, "_")
	return region, nil
}

// IdentityPoolRegion returns the region of an identity pool id
// (us-east-1:<uuid> -> us-east-1), and the IdentityPoolID error for
// anything that is not one ("us-east-1:x_y", a user pool id).
func IdentityPoolRegion(id string) (string, error) {
	if err := IdentityPoolID(id); err != nil {
		return "", err
	}
	region, _, _ := strings.Cut(id, ":")
	return region, nil
}

// RegionOf returns the region of a user pool id (us-east-1_abc) or an
// identity pool id (us-east-1:uuid), and an error for anything else.
// Where the kind of id is known, UserPoolRegion or IdentityPoolRegion
// say more about a bad one.
func RegionOf(id string) (string, error) {
	if region, err := UserPoolRegion(id); err == nil {
		return region, nil
	}
	if region, err := IdentityPoolRegion(id); err == nil {
		return region, nil
	}
	return "", &Error{Kind: "user pool id or identity pool id", Value: id, Want: wantUserPool + ", or " + wantIdentity}
}

// RoleNameFromARN returns the name of an IAM role from its ARN: the last
// segment after the optional path
// (arn:aws:iam::123456789012:role/service-role/x -> x, cli#12817). See
// ParseRoleARN for what is accepted.
func RoleNameFromARN(arn string) (string, error) {
	_, name, err := ParseRoleARN(arn)
	return name, err
}

// ParseRoleARN returns the path ("/" or "/service-role/", as IAM's
// create-role --path takes it) and the name of an IAM role ARN. The ARN
// must be arn:<partition>:iam::<12 digits>:role/[<path>/]<name>, with a
// name of at most 64 of [\w+=,.@-] (IAM's RoleName pattern) and path
// segments of printable ASCII; a user, policy or any other ARN is an
// error, so no role is ever looked up under a name that is not a role's.
func ParseRoleARN(arn string) (path, name string, err error) {
	e := &Error{Kind: "role ARN", Value: arn, Want: wantRoleARN}
	m := roleARNRE.FindStringSubmatch(arn)
	switch {
	case arn == "":
		e.Why = "empty"
		return "", "", e
	case len(arn) > maxRoleARNLen:
		e.Why = fmt.Sprintf("longer than %d characters", maxRoleARNLen)
		return "", "", e
	case m == nil:
		return "", "", e
	}
	parts := strings.Split(m[2], "/")
	name = parts[len(parts)-1]
	for _, p := range parts[:len(parts)-1] {
		if !rolePathPartRE.MatchString(p) {
			e.Why = fmt.Sprintf("bad path segment %q", p)
			return "", "", e
		}
	}
	if len(name) > maxRoleNameLen || !roleNameRE.MatchString(name) {
		e.Why = fmt.Sprintf("bad role name %q", name)
		return "", "", e
	}
	return "/" + strings.Join(append(parts[:len(parts)-1], ""), "/"), name, nil
}
