// Package proxy is the benchmark's stand-in for the distance to AWS: a
// reverse proxy in front of moto that holds every answer for a round-trip
// latency, enforces Cognito's request-rate quotas (answering over-quota calls
// the way Cognito does), pages ListIdentityPools (which moto does not), and
// counts calls per operation.
package proxy

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/ampgo/ampgo/bench/quota"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// Options configure a Proxy.
type Options struct {
	// Target is moto's base URL.
	Target string
	// Latency is the round trip every call costs: the answer leaves the
	// proxy Latency after the request arrived (moto's own few milliseconds
	// hide inside it). Throttled calls cost a round trip too.
	Latency time.Duration
	// Limiter enforces the quotas; nil means none.
	Limiter *quota.Limiter
	// PaginateIdentityPools makes ListIdentityPools honour MaxResults and
	// NextToken, as AWS does; moto returns every pool in one page.
	PaginateIdentityPools bool

	// Trace, when set, keeps every call in Stats.Events.
	Trace bool

	// Clock returns seconds since an arbitrary epoch (default: a monotonic
	// clock started by New). Tests inject their own.
	Clock func() float64
	// WaitUntil blocks until Clock reaches t or ctx ends (default: a timer).
	WaitUntil func(ctx context.Context, t float64) error
}

// OpStats counts the calls of one operation.
type OpStats struct {
	Calls     int // requests received, throttled ones included
	Throttled int // answered TooManyRequestsException by the proxy
	Failed    int // any other error answer (moto's 4xx/5xx, unreachable moto); calls the client abandoned are not counted
}

// Stats is what the proxy saw since the last Take.
type Stats struct {
	Ops map[string]OpStats // by operation name
	// MaxInFlight is the largest number of requests held at once: the
	// client's effective concurrency.
	MaxInFlight int
	// Events lists every call, with Options.Trace.
	Events []Event
}

// Event is one call seen by the proxy.
type Event struct {
	At        float64 // arrival, seconds on the proxy's clock
	Op        string
	Throttled bool
	Status    int
}

// Total sums the counts of every operation.
func (s Stats) Total() OpStats {
	var t OpStats
	for _, o := range s.Ops {
		t.Calls += o.Calls
		t.Throttled += o.Throttled
		t.Failed += o.Failed
	}
	return t
}

// Proxy is an http.Handler; see the package comment.
type Proxy struct {
	o        Options
	target   *url.URL
	upstream *http.Client

	mu       sync.Mutex
	stats    Stats
	inFlight int
}

// New returns a proxy to o.Target.
func New(o Options) (*Proxy, error) {
	u, err := url.Parse(o.Target)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("proxy target %q: not a base URL", o.Target)
	}
	if o.Clock == nil {
		start := time.Now()
		o.Clock = func() float64 { return time.Since(start).Seconds() }
	}
	if o.WaitUntil == nil {
		clock := o.Clock
		o.WaitUntil = func(ctx context.Context, t float64) error {
			d := time.Duration((t - clock()) * float64(time.Second))
			if d <= 0 {
				return nil
			}
			timer := time.NewTimer(d)
			defer timer.Stop()
			select {
			case <-timer.C:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	return &Proxy{o: o, target: u, upstream: &http.Client{Transport: tr}, stats: Stats{Ops: map[string]OpStats{}}}, nil
}

// Take returns the counts since the last Take and starts again from zero.
func (p *Proxy) Take() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	p.stats = Stats{Ops: map[string]OpStats{}, MaxInFlight: p.inFlight}
	return s
}

func (p *Proxy) count(op string, f func(*OpStats)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats.Ops[op]
	f(&s)
	p.stats.Ops[op] = s
}

func (p *Proxy) trace(e Event) {
	if !p.o.Trace {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stats.Events = append(p.stats.Events, e)
}

func (p *Proxy) enter() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inFlight++
	if p.inFlight > p.stats.MaxInFlight {
		p.stats.MaxInFlight = p.inFlight
	}
}

func (p *Proxy) leave() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inFlight--
}

// ServeHTTP implements http.Handler.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	arrived := p.o.Clock()
	release := arrived + p.o.Latency.Seconds()
	p.enter()
	defer p.leave()

	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read request body: "+err.Error(), http.StatusBadRequest)
		return
	}
	call := awsop.Identify(r, body)
	p.count(call.Op, func(s *OpStats) { s.Calls++ })

	if p.o.Limiter != nil && !p.o.Limiter.Allow(arrived, call.Service, call.Op, call.UserPoolID) {
		p.count(call.Op, func(s *OpStats) { s.Throttled++ })
		p.trace(Event{At: arrived, Op: call.Op, Throttled: true, Status: http.StatusBadRequest})
		if p.o.WaitUntil(r.Context(), release) != nil {
			return
		}
		writeThrottle(w)
		return
	}

	status, header, out := p.forward(r, call, body)
	if r.Context().Err() != nil {
		// The client gave up on the call (a baseline that failed cancels
		// the rest): nobody gets an answer, so nothing failed.
		return
	}
	if status >= 400 {
		p.count(call.Op, func(s *OpStats) { s.Failed++ })
	}
	p.trace(Event{At: arrived, Op: call.Op, Status: status})
	if p.o.WaitUntil(r.Context(), release) != nil {
		return
	}
	CopyHeader(w.Header(), header)
	w.Header().Set("Content-Length", fmt.Sprint(len(out)))
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// forward sends the call to moto and returns its answer, paging
// ListIdentityPools when asked to.
func (p *Proxy) forward(r *http.Request, call awsop.Call, body []byte) (int, http.Header, []byte) {
	var page *pageRequest
	if p.o.PaginateIdentityPools && call.Service == quota.IdentityPools && call.Op == "ListIdentityPools" {
		pr, err := parsePageRequest(body)
		if err != nil {
			return awsError(http.StatusBadRequest, "InvalidParameterException", err.Error())
		}
		page = &pr
	}
	u := *p.target
	u.Path, u.RawQuery = r.URL.Path, r.URL.RawQuery
	req, err := http.NewRequestWithContext(r.Context(), r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return awsError(http.StatusBadGateway, "InternalErrorException", err.Error())
	}
	CopyHeader(req.Header, r.Header)
	// A plain body is easier to page; moto compresses nothing anyway.
	req.Header.Del("Accept-Encoding")
	resp, err := p.upstream.Do(req)
	if err != nil {
		return awsError(http.StatusBadGateway, "InternalErrorException", "moto unreachable: "+err.Error())
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return awsError(http.StatusBadGateway, "InternalErrorException", "read moto answer: "+err.Error())
	}
	if page != nil && resp.StatusCode == http.StatusOK {
		if out, err = page.apply(out); err != nil {
			return awsError(http.StatusBadGateway, "InternalErrorException", err.Error())
		}
	}
	return resp.StatusCode, resp.Header, out
}

// throttleBody is Cognito's answer to a call over its quota. The SDKs read
// the error code from the x-amzn-ErrorType header (falling back to __type)
// and treat TooManyRequestsException as a throttling error.
const throttleBody = `{"__type":"TooManyRequestsException","message":"Rate exceeded"}`

func writeThrottle(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/x-amz-json-1.1")
	h.Set("X-Amzn-ErrorType", "TooManyRequestsException")
	h.Set("X-Amzn-RequestId", requestID())
	h.Set("Content-Length", fmt.Sprint(len(throttleBody)))
	w.WriteHeader(http.StatusBadRequest)
	_, _ = io.WriteString(w, throttleBody)
}

// awsError builds an error answer in the awsJson1.1 shape.
func awsError(status int, code, msg string) (int, http.Header, []byte) {
	b, _ := json.Marshal(map[string]string{"__type": code, "message": msg})
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.1")
	h.Set("X-Amzn-ErrorType", code)
	return status, h, b
}

func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// hopByHop are the headers a proxy must not forward (RFC 9110 §7.6.1), plus
// Content-Length, which the proxy sets itself.
var hopByHop = map[string]bool{
	"Connection": true, "Keep-Alive": true, "Proxy-Authenticate": true, "Proxy-Authorization": true,
	"Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true, "Content-Length": true,
}

// CopyHeader copies src's end-to-end headers into dst (the fault proxy
// forwards the same way).
func CopyHeader(dst, src http.Header) {
	for k, vs := range src {
		if hopByHop[http.CanonicalHeaderKey(k)] {
			continue
		}
		dst[k] = append([]string(nil), vs...)
	}
}

// Serve listens on a free loopback port and serves p until stop is called.
func Serve(p *Proxy) (baseURL string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen for proxy: %w", err)
	}
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	return "http://" + l.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}
