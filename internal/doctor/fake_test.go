package doctor

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// fakeAWS answers the read calls doctor makes (Cognito user pools and
// identity pools as JSON 1.1, IAM and STS as query/XML) for a region of
// generated pools, and throttles the calls its throttle func picks. Every
// linkEvery-th pool is listed by an identity pool with two sound roles.
type fakeAWS struct {
	pools     int
	linkEvery int
	throttle  func(n int64, op string) bool

	mu        sync.Mutex
	calls     int64
	throttled map[string]int
	ops       map[string]int
	deny      map[string]bool   // operations answered with AccessDeniedException
	fail      map[string]string // operations answered with this (not retried) error code
}

func newFakeAWS(t *testing.T, pools, linkEvery int, throttle func(n int64, op string) bool) (*fakeAWS, string) {
	f := &fakeAWS{pools: pools, linkEvery: linkEvery, throttle: throttle, throttled: map[string]int{}, ops: map[string]int{}, deny: map[string]bool{}, fail: map[string]string{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv.URL
}

func (f *fakeAWS) poolID(i int) string { return fmt.Sprintf("us-east-1_pool%04d", i) }
func (f *fakeAWS) ipID(i int) string {
	return fmt.Sprintf("us-east-1:00000000-0000-0000-0000-%012d", i)
}

func (f *fakeAWS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	call, body := awsop.Peek(r)
	op, query := call.Op, call.Protocol == awsop.Query
	f.mu.Lock()
	f.calls++
	n := f.calls
	f.ops[op]++
	throttle := f.throttle != nil && f.throttle(n, op)
	if throttle {
		f.throttled[op]++
	}
	denied, failed := f.deny[op], f.fail[op]
	f.mu.Unlock()
	switch {
	case failed != "":
		writeJSONError(w, failed, "the fake fails "+op)
	case throttle && query:
		writeXMLError(w, "Throttling", "Rate exceeded")
	case throttle:
		writeJSONError(w, "TooManyRequestsException", "Rate exceeded")
	case denied && query:
		writeXMLError(w, "AccessDenied", "not authorized to perform "+op)
	case denied:
		writeJSONError(w, "AccessDeniedException", "not authorized to perform "+op)
	case query:
		f.serveQuery(w, op, body)
	default:
		var in map[string]any
		_ = json.Unmarshal(body, &in)
		out, err := f.serveJSON(op, in)
		if err != "" {
			writeJSONError(w, err, "not found")
			return
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_ = json.NewEncoder(w).Encode(out)
	}
}

func writeJSONError(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, msg)
}

func writeXMLError(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>r</RequestId></ErrorResponse>`, code, msg)
}

// page returns items [from, from+size) of n and the next token.
func page(in map[string]any, n int) (from, to int, next any) {
	from, _ = strconv.Atoi(fmt.Sprint(in["NextToken"]))
	to = min(n, from+60)
	if to < n {
		next = strconv.Itoa(to)
	}
	return from, to, next
}

func (f *fakeAWS) serveJSON(op string, in map[string]any) (any, string) {
	idx := func(key, prefix string) int {
		i, _ := strconv.Atoi(strings.TrimLeft(strings.TrimPrefix(fmt.Sprint(in[key]), prefix), "0-:"))
		return i
	}
	switch op {
	case "ListUserPools":
		from, to, next := page(in, f.pools)
		var ps []any
		for i := from; i < to; i++ {
			ps = append(ps, map[string]any{"Id": f.poolID(i), "Name": fmt.Sprintf("pool-%04d", i)})
		}
		return map[string]any{"UserPools": ps, "NextToken": next}, ""
	case "DescribeUserPool":
		i := idx("UserPoolId", "us-east-1_pool")
		return map[string]any{"UserPool": map[string]any{"Id": f.poolID(i), "Name": fmt.Sprintf("pool-%04d", i), "MfaConfiguration": "OFF"}}, ""
	case "GetUserPoolMfaConfig":
		return map[string]any{"MfaConfiguration": "OFF"}, ""
	case "ListUserPoolClients":
		return map[string]any{"UserPoolClients": []any{map[string]any{"ClientId": "web" + fmt.Sprint(in["UserPoolId"])}}}, ""
	case "DescribeUserPoolClient":
		return map[string]any{"UserPoolClient": map[string]any{"ClientId": in["ClientId"], "ClientName": "web", "UserPoolId": in["UserPoolId"]}}, ""
	case "ListIdentityProviders":
		return map[string]any{"Providers": []any{}}, ""
	case "ListIdentityPools":
		from, to, next := page(in, f.pools/f.linkEvery)
		var ps []any
		for i := from; i < to; i++ {
			ps = append(ps, map[string]any{"IdentityPoolId": f.ipID(i * f.linkEvery), "IdentityPoolName": "ip"})
		}
		return map[string]any{"IdentityPools": ps, "NextToken": next}, ""
	case "DescribeIdentityPool":
		i := idx("IdentityPoolId", "us-east-1:")
		pool := f.poolID(i)
		return map[string]any{"IdentityPoolId": f.ipID(i), "IdentityPoolName": fmt.Sprintf("ip-%04d", i),
			"AllowUnauthenticatedIdentities": true, "CognitoIdentityProviders": []any{map[string]any{
				"ProviderName": "cognito-idp.us-east-1.amazonaws.com/" + pool, "ClientId": "web" + pool}}}, ""
	case "GetIdentityPoolRoles":
		i := idx("IdentityPoolId", "us-east-1:")
		return map[string]any{"IdentityPoolId": f.ipID(i), "Roles": map[string]any{
			"authenticated":   fmt.Sprintf("arn:aws:iam::123456789012:role/auth-%04d", i),
			"unauthenticated": fmt.Sprintf("arn:aws:iam::123456789012:role/unauth-%04d", i)}}, ""
	}
	return nil, "UnknownOperationException"
}

func (f *fakeAWS) serveQuery(w http.ResponseWriter, op string, body []byte) {
	w.Header().Set("Content-Type", "text/xml")
	v, _ := url.ParseQuery(string(body))
	switch op {
	case "GetCallerIdentity":
		fmt.Fprint(w, `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn>`+
			`<UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>`)
	case "GetRole":
		name := v.Get("RoleName")
		kind, num, _ := strings.Cut(name, "-")
		i, _ := strconv.Atoi(num)
		amr := map[string]string{"auth": "authenticated", "unauth": "unauthenticated"}[kind]
		policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},` +
			`"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"` + f.ipID(i) +
			`"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"` + amr + `"}}}]}`
		fmt.Fprintf(w, `<GetRoleResponse><GetRoleResult><Role><Path>/</Path><RoleName>%s</RoleName><RoleId>AROA</RoleId>`+
			`<Arn>arn:aws:iam::123456789012:role/%s</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate>`+
			`<AssumeRolePolicyDocument>%s</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>`,
			name, name, url.QueryEscape(policy))
	default:
		writeXMLError(w, "InvalidAction", op)
	}
}

func (f *fakeAWS) counts() (ops, throttled map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	ops, throttled = map[string]int{}, map[string]int{}
	for k, v := range f.ops {
		ops[k] = v
	}
	for k, v := range f.throttled {
		throttled[k] = v
	}
	return ops, throttled
}
