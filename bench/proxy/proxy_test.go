package proxy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/ampgo/ampgo/bench/quota"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// fakeMoto answers like moto: every identity pool at once, a pool for
// DescribeUserPool, ResourceNotFoundException for DescribeUserPoolClient.
func fakeMoto(t *testing.T, identityPools int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		call, _ := awsop.Peek(r)
		w.Header().Set("Connection", "close") // as moto does; must not reach the client
		switch {
		case call.Op == "DescribeUserPool":
			_, _ = io.WriteString(w, `{"UserPool":{"Id":"us-east-1_a","Name":"a"}}`)
		case call.Op == "DescribeUserPoolClient":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"__type":"ResourceNotFoundException","message":"no such client"}`)
		case call.Op == "ListIdentityPools":
			var out struct{ IdentityPools []map[string]string }
			for i := range identityPools {
				out.IdentityPools = append(out.IdentityPools, map[string]string{
					"IdentityPoolId": fmt.Sprintf("us-east-1:%04d", i), "IdentityPoolName": fmt.Sprintf("p%d", i)})
			}
			_ = json.NewEncoder(w).Encode(out)
		case call.Protocol == awsop.Query: // IAM
			_, _ = io.WriteString(w, `<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn><Path>/</Path><RoleId>x</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role></GetRoleResult></GetRoleResponse>`)
		default:
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// fakeTime is a clock that only moves when told to; waits are recorded.
type fakeTime struct {
	mu    sync.Mutex
	now   float64
	waits []float64
}

func (f *fakeTime) clock() float64 { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *fakeTime) wait(_ context.Context, t float64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits = append(f.waits, t)
	return nil
}

func startProxy(t *testing.T, o Options) (*Proxy, aws.Config) {
	t.Helper()
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	url, stop, err := Serve(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return p, aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("testing", "testing", ""),
		BaseEndpoint:     aws.String(url),
		RetryMaxAttempts: 1,
	}
}

// TestThrottleShape proves that the SDK reads the proxy's over-quota answer
// as Cognito's TooManyRequestsException, a retryable throttling error.
func TestThrottleShape(t *testing.T) {
	ft := &fakeTime{}
	p, cfg := startProxy(t, Options{Target: fakeMoto(t, 0).URL, Latency: 60 * time.Millisecond,
		Limiter: quota.NewLimiter(quota.Default(), 1), Clock: ft.clock, WaitUntil: ft.wait})
	idp := cip.NewFromConfig(cfg)
	ctx := context.Background()
	// UserPoolRead: 15 RPS, bucket of 15; the clock stands still.
	for i := range 15 {
		if _, err := idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String("us-east-1_a")}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	_, err := idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String("us-east-1_a")})
	var tm *ciptypes.TooManyRequestsException
	if !errors.As(err, &tm) || tm.ErrorMessage() != "Rate exceeded" {
		t.Fatalf("over-quota call: err = %v, want TooManyRequestsException: Rate exceeded", err)
	}
	got := p.Take()
	want := OpStats{Calls: 16, Throttled: 1}
	if got.Ops["DescribeUserPool"] != want {
		t.Errorf("stats %+v, want %+v", got.Ops["DescribeUserPool"], want)
	}
	// Every answer, the throttled one included, waited for one round trip
	// from its arrival (the clock stood at 0).
	for _, w := range ft.waits {
		if w != 0.06 {
			t.Fatalf("waits %v, want each 0.06", ft.waits)
		}
	}
	if len(ft.waits) != 16 {
		t.Errorf("%d waits, want 16", len(ft.waits))
	}
	// A second later the bucket has refilled.
	ft.now = 1
	if _, err := idp.DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String("us-east-1_a")}); err != nil {
		t.Errorf("after refill: %v", err)
	}
}

func TestRawThrottleAnswer(t *testing.T) {
	ft := &fakeTime{}
	tab := quota.Default()
	if err := tab.Override("DescribeUserPool=1"); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Target: fakeMoto(t, 0).URL, Limiter: quota.NewLimiter(tab, 1), Clock: ft.clock, WaitUntil: ft.wait})
	if err != nil {
		t.Fatal(err)
	}
	var rec *httptest.ResponseRecorder
	for range 2 {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"UserPoolId":"us-east-1_a"}`))
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPool")
		rec = httptest.NewRecorder()
		p.ServeHTTP(rec, req)
	}
	if rec.Code != http.StatusBadRequest || rec.Header().Get("X-Amzn-ErrorType") != "TooManyRequestsException" ||
		rec.Body.String() != `{"__type":"TooManyRequestsException","message":"Rate exceeded"}` {
		t.Errorf("throttle answer: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
}

func TestCountsFailuresAndQueryCalls(t *testing.T) {
	ft := &fakeTime{}
	p, cfg := startProxy(t, Options{Target: fakeMoto(t, 0).URL, Clock: ft.clock, WaitUntil: ft.wait})
	ctx := context.Background()
	_, err := cip.NewFromConfig(cfg).DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{
		UserPoolId: aws.String("us-east-1_a"), ClientId: aws.String("c")})
	var nf *ciptypes.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("DescribeUserPoolClient: %v, want ResourceNotFoundException passed through", err)
	}
	if _, err := iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("r")}); err != nil {
		t.Fatalf("GetRole: %v", err)
	}
	got := p.Take()
	if got.Ops["DescribeUserPoolClient"] != (OpStats{Calls: 1, Failed: 1}) || got.Ops["GetRole"] != (OpStats{Calls: 1}) {
		t.Errorf("stats %+v", got.Ops)
	}
	if tot := got.Total(); tot != (OpStats{Calls: 2, Failed: 1}) {
		t.Errorf("total %+v", tot)
	}
	if after := p.Take(); len(after.Ops) != 0 {
		t.Errorf("Take did not reset: %+v", after.Ops)
	}
}

// TestPaginatesIdentityPools: the SDK paginator sees AWS's 60-per-page
// pages although the fake (like moto) returns everything at once.
func TestPaginatesIdentityPools(t *testing.T) {
	ft := &fakeTime{}
	p, cfg := startProxy(t, Options{Target: fakeMoto(t, 130).URL, PaginateIdentityPools: true, Clock: ft.clock, WaitUntil: ft.wait})
	pg := ci.NewListIdentityPoolsPaginator(ci.NewFromConfig(cfg), &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(60)})
	var ids []string
	pages := 0
	for pg.HasMorePages() {
		out, err := pg.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, ip := range out.IdentityPools {
			ids = append(ids, aws.ToString(ip.IdentityPoolId))
		}
	}
	if pages != 3 || len(ids) != 130 || ids[0] != "us-east-1:0000" || ids[129] != "us-east-1:0129" {
		t.Errorf("%d pages, %d ids (%v … %v), want 3 pages of 130 in order", pages, len(ids), ids[0], ids[len(ids)-1])
	}
	if got := p.Take().Ops["ListIdentityPools"]; got.Calls != 3 {
		t.Errorf("ListIdentityPools calls %d, want 3", got.Calls)
	}
	// AWS rejects a MaxResults outside 1-60.
	_, err := ci.NewFromConfig(cfg).ListIdentityPools(context.Background(), &ci.ListIdentityPoolsInput{MaxResults: aws.Int32(61)})
	if err == nil || !strings.Contains(err.Error(), "InvalidParameterException") {
		t.Errorf("MaxResults 61: err = %v, want InvalidParameterException", err)
	}
}

// TestAbandonedCallIsNotFailed: a call whose client went away (a baseline
// that gave up cancels the rest) gets no answer and is not a failure.
func TestAbandonedCallIsNotFailed(t *testing.T) {
	ft := &fakeTime{}
	p, err := New(Options{Target: fakeMoto(t, 0).URL, Clock: ft.clock, WaitUntil: ft.wait})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"UserPoolId":"us-east-1_a"}`)).WithContext(ctx)
	req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPool")
	p.ServeHTTP(httptest.NewRecorder(), req)
	if got := p.Take().Ops["DescribeUserPool"]; got != (OpStats{Calls: 1}) {
		t.Errorf("stats %+v, want one call and no failure", got)
	}
}
