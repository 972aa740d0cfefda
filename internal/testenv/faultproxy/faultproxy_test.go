package faultproxy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// upstream is a fake moto that answers every call with 200 and counts them.
func upstream(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		call, _ := awsop.Peek(r)
		n.Add(1)
		if call.Protocol == awsop.JSON {
			_, _ = io.WriteString(w, `{"UserPool":{"Id":"us-east-1_a","Name":"a"}}`)
			return
		}
		_, _ = io.WriteString(w, `<GetRoleResponse><GetRoleResult><Role><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn><Path>/</Path><RoleId>x</RoleId><CreateDate>2026-01-01T00:00:00Z</CreateDate></Role></GetRoleResult></GetRoleResponse>`)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func start(t *testing.T, target string, rules ...Rule) (*Proxy, aws.Config) {
	t.Helper()
	p, err := New(Options{Target: target, Seed: 7, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	url, stop, err := Start(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	cfg := aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("k", "s", ""),
		BaseEndpoint:     aws.String(url),
		RetryMaxAttempts: 1,
	}
	return p, cfg
}

// TestKinds: what one call sees under each kind, and whether the call
// reached moto.
func TestKinds(t *testing.T) {
	tests := []struct {
		kind      Kind
		wantCode  string // smithy error code for Cognito; "" for none
		iamCode   string
		wantErr   string // substring for transport errors
		forwarded bool
	}{
		{kind: HTTP500, wantCode: "InternalErrorException", iamCode: "InternalFailure"},
		{kind: HTTP503, wantCode: "ServiceUnavailable", iamCode: "ServiceUnavailable"},
		{kind: Throttle, wantCode: "TooManyRequestsException", iamCode: "Throttling"},
		{kind: Reset, wantErr: "connection reset"},
		{kind: Lost, wantErr: "connection reset", forwarded: true},
		{kind: Stall, forwarded: true},
		{kind: Hang, wantErr: "deadline exceeded"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			up, n := upstream(t)
			p, cfg := start(t, up.URL, Rule{Kind: tt.kind, Every: true, Delay: 20 * time.Millisecond})
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			_, err := cip.NewFromConfig(cfg).DescribeUserPool(ctx, &cip.DescribeUserPoolInput{UserPoolId: aws.String("us-east-1_a")})
			ctx, cancel = context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			_, iamErr := iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("r")})
			for _, c := range []struct {
				err  error
				code string
			}{{err, tt.wantCode}, {iamErr, tt.iamCode}} {
				var api smithy.APIError
				switch {
				case c.code != "":
					if !errors.As(c.err, &api) || api.ErrorCode() != c.code {
						t.Errorf("error %v, want API error %s", c.err, c.code)
					}
				case tt.wantErr != "":
					if c.err == nil || !strings.Contains(c.err.Error(), tt.wantErr) {
						t.Errorf("error %v, want %q", c.err, tt.wantErr)
					}
				case c.err != nil:
					t.Errorf("error %v, want none", c.err)
				}
			}
			if got := n.Load() > 0; got != tt.forwarded {
				t.Errorf("forwarded to moto: %v, want %v", got, tt.forwarded)
			}
			ev := p.Events()
			if len(ev) != 2 || ev[0].Op != "DescribeUserPool" || ev[1].Op != "GetRole" || ev[1].Service != "iam" || ev[0].Fault != tt.kind {
				t.Errorf("events: %+v", ev)
			}
		})
	}
}

// TestRules: which calls each rule picks, and that a rate picks the same
// calls for the same seed.
func TestRules(t *testing.T) {
	pick := func(seed int64, r Rule, ops ...string) string {
		p, err := New(Options{Target: "http://x", Seed: seed, Rules: []Rule{r}})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, op := range ops {
			_, fired, _ := p.decide(callOf(op))
			if fired != nil {
				b.WriteString("X")
			} else {
				b.WriteString(".")
			}
		}
		return b.String()
	}
	ops := strings.Split("A B A A B A A A", " ")
	tests := []struct {
		name string
		rule Rule
		want string
	}{
		{"nth of op", Rule{Kind: Reset, Op: "A", Nth: 2}, "..X....."},
		{"first K", Rule{Kind: Reset, First: 3}, "XXX....."},
		{"every of op", Rule{Kind: Reset, Op: "B", Every: true}, ".X..X..."},
		{"rate 0", Rule{Kind: Reset, Rate: 0}, "........"},
		{"rate 1", Rule{Kind: Reset, Rate: 1}, "XXXXXXXX"},
	}
	for _, tt := range tests {
		if got := pick(1, tt.rule, ops...); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
	many := strings.Split(strings.Repeat("A ", 3000), " ")[:3000]
	a, b := pick(42, Rule{Kind: HTTP500, Rate: 1.0 / 3}, many...), pick(42, Rule{Kind: HTTP500, Rate: 1.0 / 3}, many...)
	if a != b {
		t.Error("the same seed picked other calls")
	}
	if a == pick(43, Rule{Kind: HTTP500, Rate: 1.0 / 3}, many...) {
		t.Error("another seed picked the same calls")
	}
	if n := strings.Count(a, "X"); n < 900 || n > 1100 {
		t.Errorf("rate 1/3 picked %d of 3000", n)
	}
}

func TestParse(t *testing.T) {
	rules := []Rule{
		{Kind: HTTP503, Op: "DescribeUserPool", Every: true},
		{Kind: Reset, Service: "iam", Rate: 0.25},
		{Kind: Stall, First: 2, Delay: 300 * time.Millisecond},
		{Kind: Lost, Op: "CreateStack", Nth: 1},
	}
	var parts []string
	for _, r := range rules {
		parts = append(parts, r.String())
	}
	got, err := Parse(strings.Join(parts, ","))
	if err != nil {
		t.Fatal(err)
	}
	for i := range rules {
		if got[i] != rules[i] {
			t.Errorf("rule %d: %+v, want %+v", i, got[i], rules[i])
		}
	}
	if _, err := Parse("melt:every"); err == nil {
		t.Error("unknown kind accepted")
	}
}

func callOf(op string) awsop.Call {
	return awsop.Call{Service: "cognito-idp", Op: op, Protocol: awsop.JSON}
}
