package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// readProxy is a reverse proxy in front of moto that counts operations,
// measures how many requests were in flight at once, and answers the
// requests deny picks with AccessDenied, as IAM would for a caller who
// lacks a permission.
type readProxy struct {
	mu       sync.Mutex
	ops      map[string]int
	inFlight int
	peak     int
	deny     func(op string, body []byte) bool
	srv      *httptest.Server
}

func newReadProxy(t *testing.T, deny func(op string, body []byte) bool) *readProxy {
	t.Helper()
	target, _ := url.Parse(moto.URL())
	proxy := httputil.NewSingleHostReverseProxy(target)
	// A request leaves the count once moto answered, before the answer is
	// copied to ampgo: ampgo cannot start its next call before that.
	proxy.ModifyResponse = func(resp *http.Response) error { leaveOnce(resp.Request.Context()); return nil }
	proxy.ErrorHandler = func(w http.ResponseWriter, r *http.Request, _ error) {
		leaveOnce(r.Context()) // ampgo cancels calls when it exits early
		w.WriteHeader(http.StatusBadGateway)
	}
	p := &readProxy{ops: map[string]int{}, deny: deny}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		call, body := awsop.Peek(r)
		op, query := call.Op, call.Protocol == awsop.Query
		p.enter(op)
		r = r.WithContext(context.WithValue(r.Context(), leaveKey{}, func() func() {
			var once sync.Once
			return func() { once.Do(p.leave) }
		}()))
		defer leaveOnce(r.Context())
		if p.deny != nil && p.deny(op, body) {
			leaveOnce(r.Context())
			denied(w, op, query)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// leaveKey holds a request's leave func in its context.
type leaveKey struct{}

func leaveOnce(ctx context.Context) {
	if f, ok := ctx.Value(leaveKey{}).(func()); ok {
		f()
	}
}

func denied(w http.ResponseWriter, op string, query bool) {
	w.WriteHeader(http.StatusBadRequest)
	if query {
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform %s</Message></Error><RequestId>r</RequestId></ErrorResponse>`, op)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	fmt.Fprintf(w, `{"__type":"AccessDeniedException","message":"not authorized to perform %s"}`, op)
}

func (p *readProxy) enter(op string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ops[op]++
	p.inFlight++
	p.peak = max(p.peak, p.inFlight)
}

func (p *readProxy) leave() {
	p.mu.Lock()
	p.inFlight--
	p.mu.Unlock()
}

// take returns the counts and the peak so far and starts again from zero.
func (p *readProxy) take() (ops map[string]int, peak int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ops, peak = p.ops, p.peak
	p.ops, p.peak = map[string]int{}, 0
	return ops, peak
}

// readOnly is the prefixes of the operations a read-only command may make.
var readOnly = []string{"Describe", "List", "Get"}

// assertReadOnly fails for every operation that is not a read.
func assertReadOnly(t *testing.T, what string, ops map[string]int) {
	t.Helper()
	names := make([]string, 0, len(ops))
	for op := range ops {
		names = append(names, op)
	}
	sort.Strings(names)
	for _, op := range names {
		ok := false
		for _, prefix := range readOnly {
			ok = ok || strings.HasPrefix(op, prefix)
		}
		if !ok {
			t.Errorf("%s made a call that is not a read: %s (%d×)", what, op, ops[op])
		}
	}
}
