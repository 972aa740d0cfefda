package main

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	fp "github.com/ampgo/ampgo/internal/testenv/faultproxy"
)

// params is everything random about one run; it derives from the global
// seed and the run number alone, so `-replay RUN` draws the same run again.
type params struct {
	Run      int
	Seed     int64 // the proxy's seed
	Command  int   // index into faultcheck.Commands
	Rules    []fp.Rule
	Kill     bool
	KillAt   int           // kill when the proxy receives this request (0: by delay)
	KillWait time.Duration // after request KillAt arrived, or after the start
}

// ops are the operations a persistent fault may pick; "" is any.
var ops = []string{"", "DescribeUserPool", "DescribeUserPoolClient", "GetUserPoolMfaConfig", "DescribeIdentityPool",
	"GetIdentityPoolRoles", "GetRole", "ListUserPools", "GetCallerIdentity", "DescribeStacks", "CreateStack", "UpdateStack", "GetTemplate"}

// draw makes the parameters of run number run.
func draw(seed int64, run, commands int, killFrac float64) params {
	rng := rand.New(rand.NewSource(seed*1_000_003 + int64(run)))
	p := params{Run: run, Seed: rng.Int63(), Command: rng.Intn(commands)}
	for range 1 + rng.Intn(2) {
		r := fp.Rule{Kind: fp.Kinds[rng.Intn(len(fp.Kinds))]}
		switch x := rng.Float64(); {
		case x < 0.75: // the common case: a low to moderate rate
			r.Rate = 0.05 + 0.35*rng.Float64()
		case x < 0.9: // one operation fails every time
			r.Op, r.Every = ops[rng.Intn(len(ops))], true
		default: // one call, the Nth of an operation (or of all)
			r.Op, r.Nth = ops[rng.Intn(len(ops))], 1+rng.Intn(6)
		}
		if r.Kind == fp.Stall {
			r.Delay = time.Duration(50+rng.Intn(350)) * time.Millisecond
		}
		if r.Kind == fp.Hang && r.Rate > 0.2 { // keep most runs short: hangs cost the call timeout
			r.Rate = 0.2
		}
		p.Rules = append(p.Rules, r)
	}
	if rng.Float64() < killFrac {
		p.Kill = true
		if rng.Float64() < 0.7 {
			p.KillAt = 1 + rng.Intn(16)
			p.KillWait = time.Duration(rng.Intn(40)) * time.Millisecond
		} else {
			p.KillWait = time.Duration(rng.Intn(1500)) * time.Millisecond
		}
	}
	return p
}

func (p params) rules() string {
	parts := make([]string, len(p.Rules))
	for i, r := range p.Rules {
		parts[i] = r.String()
	}
	return strings.Join(parts, ",")
}

func (p params) kill() string {
	switch {
	case !p.Kill:
		return "no kill"
	case p.KillAt > 0:
		return fmt.Sprintf("kill -9 %s after request %d", p.KillWait, p.KillAt)
	default:
		return fmt.Sprintf("kill -9 %s after start", p.KillWait)
	}
}
