package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/ampgo/ampgo/bench/baseline"
	"github.com/ampgo/ampgo/bench/bound"
	"github.com/ampgo/ampgo/bench/report"
	"github.com/ampgo/ampgo/bench/run"
	"github.com/ampgo/ampgo/internal/testenv"
)

// size runs the scenarios for the current account.
func (b *bench) size() error {
	t := b.acct.Target
	steps := []struct {
		name string
		run  func() error
	}{
		{"a", func() error { return b.headless(t) }},
		{"b", b.listReady},
		{"c", func() error { return b.userPoolOnlyID(t) }},
		{"d", b.doctorAuth},
	}
	for _, s := range steps {
		if b.o.wants(s.name) {
			if err := s.run(); err != nil {
				return err
			}
		}
	}
	return nil
}

// hasDoctor reports whether this build has `ampgo doctor auth`.
func (b *bench) hasDoctor() bool {
	r, err := run.Command(b.ctx, b.o.ampgo, b.tmp, b.env(b.moto.URL()), "", "doctor", "auth", "--help")
	return err == nil && r.OK() && strings.Contains(r.Stdout+r.Stderr, "doctor")
}

// headless is scenario (a): `import auth --headless` with every id.
func (b *bench) headless(t *testenv.Setup) error {
	bnd := bound.Headless(b.model)
	b.note(scenA, bnd)
	dir, err := b.project()
	if err != nil {
		return err
	}
	in := fmt.Sprintf(`{"version":1,"userPoolId":%q,"webClientId":%q,"nativeClientId":%q,"identityPoolId":%q}`,
		t.UserPoolID, t.WebClientID, t.NativeClientID, t.IdentityPoolID)
	if err := b.ampgoRun(scenA, bnd, func(env []string) (run.Result, error) {
		return run.Command(b.ctx, b.o.ampgo, dir, env, in, "import", "auth", "--headless")
	}); err != nil {
		return err
	}
	b.baselineRun(scenA, bnd, func(a *baseline.Amplify) error {
		return a.ImportHeadless(b.ctx, baseline.Selection{UserPoolID: t.UserPoolID, WebClientID: t.WebClientID,
			NativeClientID: t.NativeClientID, IdentityPoolID: t.IdentityPoolID})
	})
	return nil
}

// listReady is scenario (b): the interactive start, in a pseudo-terminal,
// until the pool list shows.
func (b *bench) listReady() error {
	bnd := bound.ListReady(b.model)
	b.note(scenB, bnd)
	dir, err := b.project()
	if err != nil {
		return err
	}
	if err := b.ampgoRun(scenB, bnd, b.untilList(b.o.ampgo, dir)); err != nil {
		return err
	}
	if b.o.floor != "" {
		if err := b.programRun(floorLabel, scenB, bnd, b.untilList(b.o.floor, dir)); err != nil {
			return err
		}
	}
	b.baselineRun(scenB, bnd, func(a *baseline.Amplify) error {
		_, err := a.ListPools(b.ctx)
		return err
	})
	return nil
}

// untilList runs `bin import auth` in dir through scenario (b)'s prompts.
// A few round trips are at the mercy of the machine's other work: the
// result is the median of several runs (each against refilled buckets;
// the counts are the last run's, the same calls each time).
func (b *bench) untilList(bin, dir string) func(env []string) (run.Result, error) {
	return func(env []string) (run.Result, error) {
		rs := make([]run.Result, max(1, b.o.listRuns))
		for i := range rs {
			b.fresh()
			r, err := run.UntilShown(b.ctx, bin, dir, env, run.Prompts{
				First: "What type of auth resource", Answer: "\r", Then: "Select the User Pool", Timeout: 3 * time.Minute,
			}, "import", "auth")
			if err != nil {
				return r, err
			}
			rs[i] = r
		}
		return run.Median(rs), nil
	}
}

// userPoolOnlyID is scenario (c): `import auth --user-pool-id` without a
// terminal, so ampgo finds the web client and the linked identity pool.
func (b *bench) userPoolOnlyID(t *testenv.Setup) error {
	bnd := bound.LinkedScan(b.model)
	b.note(scenC, bnd)
	dir, err := b.project()
	if err != nil {
		return err
	}
	if err := b.ampgoRun(scenC, bnd, func(env []string) (run.Result, error) {
		return run.Command(b.ctx, b.o.ampgo, dir, env, "", "import", "auth", "--user-pool-id", t.UserPoolID)
	}); err != nil {
		return err
	}
	b.baselineRun(scenC, bnd, func(a *baseline.Amplify) error {
		return a.ImportKnownPool(b.ctx, t.UserPoolID, t.IdentityPoolID)
	})
	return nil
}

// doctorAuth is scenario (d): `doctor auth` over the region, when this
// build has it.
func (b *bench) doctorAuth() error {
	if !b.doctor {
		b.rows = append(b.rows, report.Row{Scenario: scenD, N: b.acct.N, Strategy: ampgoLabel,
			Skip: "`ampgo doctor auth` does not exist in this build"})
		return nil
	}
	dir, err := b.project()
	if err != nil {
		return err
	}
	// No bound given: ampgoRun takes doctor's own calls as the unavoidable
	// ones (bound.Floor).
	return b.ampgoRun(scenD, bound.Bound{}, func(env []string) (run.Result, error) {
		return run.Command(b.ctx, b.o.ampgo, dir, env, "", "doctor", "auth")
	})
}
