// Package faultproxy is a reverse proxy in front of moto that injects the
// faults a real network and a real AWS produce: 5xx answers, throttles,
// connection resets before and after the call reached AWS, stalls and
// answers that never come. Which call fails is decided by rules that are
// deterministic for a seed, so a failing run can be replayed.
//
// Why a package of its own and not an option of bench/proxy: bench/proxy is
// the benchmark's model of the distance to AWS (latency on an injectable
// clock, Cognito's quotas, paging) and its numbers are published in
// docs/benchmarks.md; faults need connection hijacking, per-request rules
// and a request hook for kill -9, none of which the benchmark wants in its
// hot path. Both name calls with awsop.Identify, the one answer to "which
// operation is this request".
package faultproxy

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/ampgo/ampgo/bench/proxy"
	"github.com/ampgo/ampgo/internal/testenv/awsop"
)

// Kind is one sort of fault.
type Kind string

// The fault kinds. Each names what the client sees.
const (
	// HTTP500 answers 500 with the service's error shape (InternalError).
	HTTP500 Kind = "http500"
	// HTTP503 answers 503 with the service's error shape (ServiceUnavailable).
	HTTP503 Kind = "http503"
	// Throttle answers as the service does over its request-rate quota:
	// TooManyRequestsException for Cognito, Throttling for the query
	// protocols, SlowDown for S3.
	Throttle Kind = "throttle"
	// Reset closes the connection without an answer, before anything is
	// forwarded: the call never reached AWS.
	Reset Kind = "reset"
	// Lost forwards the call to moto, then closes the client's connection:
	// the write happened but its answer is lost.
	Lost Kind = "lost"
	// Stall forwards the call and answers after Rule.Delay (meant to be
	// shorter than the client's call timeout).
	Stall Kind = "stall"
	// Hang never answers, until the client gives up or the proxy closes.
	Hang Kind = "hang"
)

// Kinds lists every fault kind, in a fixed order.
var Kinds = []Kind{HTTP500, HTTP503, Throttle, Reset, Lost, Stall, Hang}

// Rule picks calls and the fault they get. A call matches when Service and
// Op are empty or equal to the call's (see awsop.Identify). Of the
// matching calls, counted per rule from 1, the rule fires on:
// call Nth when Nth > 0; else the first First calls when First > 0; else
// every call when Every; else each call with probability Rate, decided by a
// hash of (seed, rule, operation, count), so the same calls fail in every
// run whatever the order of concurrent requests.
type Rule struct {
	Kind    Kind
	Service string
	Op      string
	Nth     int
	First   int
	Every   bool
	Rate    float64
	// Delay is how long a Stall holds the answer (default 200ms).
	Delay time.Duration
}

// String renders the rule the way Parse reads it.
func (r Rule) String() string {
	s := string(r.Kind)
	if r.Service != "" {
		s += ":service=" + r.Service
	}
	if r.Op != "" {
		s += ":op=" + r.Op
	}
	switch {
	case r.Nth > 0:
		s += fmt.Sprintf(":nth=%d", r.Nth)
	case r.First > 0:
		s += fmt.Sprintf(":first=%d", r.First)
	case r.Every:
		s += ":every"
	default:
		s += fmt.Sprintf(":rate=%g", r.Rate)
	}
	if r.Kind == Stall && r.Delay > 0 {
		s += ":delay=" + r.Delay.String()
	}
	return s
}

// Event is one request the proxy saw.
type Event struct {
	Seq     int // 1-based arrival order
	Service string
	Op      string
	Fault   Kind // "" when the call was forwarded untouched
	Status  int  // the answer's status; 0 when the client got none
}

// Options configure a Proxy.
type Options struct {
	// Target is moto's base URL.
	Target string
	// Seed makes Rate rules deterministic.
	Seed int64
	// Rules are tried in order; the first that fires decides the fault.
	Rules []Rule
	// OnRequest, when set, runs for every request before its fault, with
	// the request's arrival number. The chaos harness kills ampgo from it.
	OnRequest func(seq int, c awsop.Call)
}

// Proxy is an http.Handler; see the package comment.
type Proxy struct {
	target   *url.URL
	upstream *http.Client
	closed   chan struct{}
	once     sync.Once

	mu     sync.Mutex
	o      Options
	counts []int // matching calls per rule
	seq    int
	events []Event
}

// New returns a proxy to o.Target.
func New(o Options) (*Proxy, error) {
	u, err := url.Parse(o.Target)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("fault proxy target %q: not a base URL", o.Target)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 32
	p := &Proxy{target: u, upstream: &http.Client{Transport: tr}, closed: make(chan struct{})}
	p.Reconfigure(o.Seed, o.Rules, o.OnRequest)
	return p, nil
}

// Reconfigure replaces the seed, rules and hook, and starts the counts and
// the event log again from zero (one proxy serves many chaos runs).
func (p *Proxy) Reconfigure(seed int64, rules []Rule, onRequest func(int, awsop.Call)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.o.Seed, p.o.Rules, p.o.OnRequest = seed, append([]Rule(nil), rules...), onRequest
	p.counts = make([]int, len(rules))
	p.seq = 0
	p.events = nil
}

// Events returns the requests seen since the last Reconfigure.
func (p *Proxy) Events() []Event {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Event(nil), p.events...)
}

// Close releases every hanging request; later requests are refused.
func (p *Proxy) Close() { p.once.Do(func() { close(p.closed) }) }

// decide numbers the request and returns the fault of the first rule that
// fires (nil when none does).
func (p *Proxy) decide(c awsop.Call) (int, *Rule, func(int, awsop.Call)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seq++
	var fired *Rule
	for i := range p.o.Rules {
		r := &p.o.Rules[i]
		if (r.Service != "" && r.Service != c.Service) || (r.Op != "" && r.Op != c.Op) {
			continue
		}
		p.counts[i]++
		if fired == nil && fires(r, p.o.Seed, i, c, p.counts[i]) {
			fired = r
		}
	}
	e := Event{Seq: p.seq, Service: c.Service, Op: c.Op}
	if fired != nil {
		e.Fault = fired.Kind
	}
	p.events = append(p.events, e)
	return p.seq, fired, p.o.OnRequest
}

func fires(r *Rule, seed int64, rule int, c awsop.Call, n int) bool {
	switch {
	case r.Nth > 0:
		return n == r.Nth
	case r.First > 0:
		return n <= r.First
	case r.Every:
		return true
	default:
		return unit(seed, rule, c.Service+"/"+c.Op, n) < r.Rate
	}
}

// unit maps its inputs to [0,1) with FNV-1a and a splitmix64 finish.
func unit(seed int64, rule int, key string, n int) float64 {
	h := uint64(14695981039346656037)
	mix := func(b byte) { h ^= uint64(b); h *= 1099511628211 }
	for _, v := range []uint64{uint64(seed), uint64(rule), uint64(n)} {
		for i := 0; i < 8; i++ {
			mix(byte(v >> (8 * i)))
		}
	}
	for i := 0; i < len(key); i++ {
		mix(key[i])
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return float64(h>>11) / float64(1<<53)
}

func (p *Proxy) setStatus(seq, status int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := len(p.events) - 1; i >= 0; i-- {
		if p.events[i].Seq == seq {
			p.events[i].Status = status
			return
		}
	}
}

// ServeHTTP implements http.Handler.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return // the client went away while sending
	}
	call := awsop.Identify(r, body)
	seq, rule, hook := p.decide(call)
	if hook != nil {
		hook(seq, call)
	}
	proto := protocolOf(call)
	kind := Kind("")
	if rule != nil {
		kind = rule.Kind
	}
	switch kind {
	case HTTP500, HTTP503, Throttle:
		status, h, b := errorAnswer(proto, kind, call.Op)
		p.setStatus(seq, status)
		writeAnswer(w, status, h, b)
	case Reset:
		abort(w)
	case Hang:
		select {
		case <-r.Context().Done():
		case <-p.closed:
			abort(w)
		}
	case Stall, Lost, "":
		if kind == Stall && !p.wait(r.Context(), rule.Delay) {
			return
		}
		status, h, b := p.forward(r, body)
		if kind == Lost {
			abort(w)
			return
		}
		p.setStatus(seq, status)
		writeAnswer(w, status, h, b)
	}
}

// wait holds a stalled call; false when the client left or the proxy closed.
func (p *Proxy) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		d = 200 * time.Millisecond
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-p.closed:
		return false
	}
}

// abort closes the client's connection with a TCP reset and no answer.
func abort(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // RST instead of FIN: "connection reset by peer"
	}
	_ = conn.Close()
}

// forward sends the call to moto and returns its answer; the call goes on
// even when the client already gave up (a lost answer is still a write).
func (p *Proxy) forward(r *http.Request, body []byte) (int, http.Header, []byte) {
	u := *p.target
	u.Path, u.RawQuery = r.URL.Path, r.URL.RawQuery
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return http.StatusBadGateway, nil, []byte(err.Error())
	}
	proxy.CopyHeader(req.Header, r.Header)
	req.Host = r.Host // S3 signs the host; moto does not check, keep it anyway
	resp, err := p.upstream.Do(req)
	if err != nil {
		return http.StatusBadGateway, nil, []byte("moto unreachable: " + err.Error())
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		return http.StatusBadGateway, nil, []byte("read moto answer: " + err.Error())
	}
	return resp.StatusCode, resp.Header, out
}

func writeAnswer(w http.ResponseWriter, status int, h http.Header, b []byte) {
	proxy.CopyHeader(w.Header(), h)
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// Start serves p on a free loopback port. stop closes p, then the server.
func Start(p *Proxy) (baseURL string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen for fault proxy: %w", err)
	}
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	return "http://" + l.Addr().String(), func() {
		p.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		_ = srv.Close()
	}, nil
}
