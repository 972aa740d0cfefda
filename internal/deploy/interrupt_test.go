package deploy

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

const testStack = "amplify-acmeapp-dev"

// pushCtx is push with a context the test cancels.
func pushCtx(t *testing.T, ctx context.Context, dir string, cloud *Cloud, opts ...Option) (string, error) {
	t.Helper()
	var log bytes.Buffer
	err := Push(ctx, load(t, dir), fakeReader{}, noConfig, &log, pushTime, append(opts, WithCloud(cloud))...)
	return log.String(), err
}

// inflight reads the project's record (nil when there is none).
func inflight(t *testing.T, dir string) *project.InflightDeploy {
	t.Helper()
	rec, err := load(t, dir).Inflight()
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// cancelAfter cancels the push's context as soon as op was applied.
func cancelAfter(cf *fakeCFN, op string) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	cf.afterWrite = func(got string) {
		if got == op {
			cancel()
		}
	}
	return ctx, cancel
}

// TestInterruptAfterWrite: a push interrupted once a stack write was sent
// says so (never "nothing was changed") and leaves the record of the deploy
// in flight; interrupted before any write, it leaves nothing.
func TestInterruptAfterWrite(t *testing.T) {
	cases := []struct {
		name     string
		function bool
		op       string // cancel once this write was applied
		slow     int
	}{
		{"after CreateStack", false, "CreateStack", 0},
		{"after UpdateStack", true, "UpdateStack", 0},
		{"after CreateStack while it runs", false, "CreateStack", 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := testProject(t, c.function)
			cf := newFakeCFN()
			cf.slow = c.slow
			ctx, cancel := cancelAfter(cf, c.op)
			defer cancel()
			log, err := pushCtx(t, ctx, dir, fakeCloud(cf, &fakeObjects{}))
			var ie *InterruptedError
			if !errors.As(err, &ie) {
				t.Fatalf("err %v, want an InterruptedError\n%s", err, log)
			}
			if ie.Stack != testStack || ie.Region != "us-east-1" || ie.Operation != c.op || !errors.Is(err, context.Canceled) {
				t.Errorf("error %+v", ie)
			}
			if exit.Code(err) != exit.Interrupted || !strings.Contains(err.Error(), c.op+" of stack "+testStack+" was sent") ||
				!strings.Contains(exit.Hint(err), "describe-stacks --stack-name "+testStack+" --region us-east-1") ||
				!strings.Contains(exit.Hint(err), "CloudFormation > Stacks > "+testStack) {
				t.Errorf("exit %d, error %q, hint %q", exit.Code(err), err, exit.Hint(err))
			}
			rec := inflight(t, dir)
			want := project.InflightDeploy{Env: "dev", Stack: testStack, Region: "us-east-1", Operation: c.op,
				StartedAt: pushTime, ClientToken: cf.tokens[len(cf.tokens)-1]}
			if rec == nil || *rec != want || rec.ClientToken == "" {
				t.Errorf("record %+v, want %+v", rec, want)
			}
		})
	}
}

func TestInterruptBeforeAnyWrite(t *testing.T) {
	dir := testProject(t, true)
	before := treeHash(t, dir)
	cf := newFakeCFN()
	cloud := fakeCloud(cf, &fakeObjects{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cloud.Account = func(context.Context) (string, error) { cancel(); return "123456789012", nil }
	_, err := pushCtx(t, ctx, dir, cloud)
	var ie *InterruptedError
	if !errors.Is(err, context.Canceled) || errors.As(err, &ie) {
		t.Fatalf("err %v, want a plain cancel", err)
	}
	if got := mutations(cf.ops()); got != "" {
		t.Errorf("stack writes %s", got)
	}
	if treeHash(t, dir) != before {
		t.Error("project files changed (a record of a deploy in flight?)")
	}
}

// interruptedUpdate leaves a function project whose push was interrupted
// right after UpdateStack was sent; fail makes that update roll back.
func interruptedUpdate(t *testing.T, cf *fakeCFN, fail *fakeFailure) (dir string, cloud *Cloud) {
	t.Helper()
	dir = testProject(t, true)
	cloud = fakeCloud(cf, &fakeObjects{})
	if fail != nil {
		cf.fail, cf.okLeft = fail, 1 // the deployment bucket is created; the update fails
	}
	ctx, cancel := cancelAfter(cf, "UpdateStack")
	defer cancel()
	var ie *InterruptedError
	if _, err := pushCtx(t, ctx, dir, cloud); !errors.As(err, &ie) {
		t.Fatalf("interrupted push: %v", err)
	}
	cf.afterWrite = nil
	cf.ops()
	return dir, cloud
}

func TestPushReconcilesInterruptedDeploy(t *testing.T) {
	t.Run("still running: waits, then records the outputs", func(t *testing.T) {
		cf := newFakeCFN()
		cf.slow = 3
		dir, cloud := interruptedUpdate(t, cf, nil)
		if st := cf.find(testStack); st.status != "UPDATE_IN_PROGRESS" {
			t.Fatalf("stack %s", st.status)
		}
		log, err := push(t, dir, cloud)
		if err != nil {
			t.Fatalf("push: %v\n%s", err, log)
		}
		for _, want := range []string{"Stack " + testStack + " is UPDATE_IN_PROGRESS", "Waiting for it to end", "UPDATE_COMPLETE (the interrupted UpdateStack ended)", "no changes"} {
			if !strings.Contains(log, want) {
				t.Errorf("log lacks %q:\n%s", want, log)
			}
		}
		if got := mutations(cf.ops()); got != "" {
			t.Errorf("stack writes %s: the interrupted update had deployed everything", got)
		}
		checkReconciled(t, dir)
	})
	t.Run("rolled back: deploys again", func(t *testing.T) {
		cf := newFakeCFN()
		dir, cloud := interruptedUpdate(t, cf, &fakeFailure{"FunctionHello", "AWS::Lambda::Function", "Role is invalid"})
		if st := cf.find(testStack); st.status != "UPDATE_ROLLBACK_COMPLETE" {
			t.Fatalf("stack %s", st.status)
		}
		log, err := push(t, dir, cloud)
		if err != nil {
			t.Fatalf("push: %v\n%s", err, log)
		}
		if !strings.Contains(log, "the stack is now UPDATE_ROLLBACK_COMPLETE") {
			t.Errorf("log:\n%s", log)
		}
		if got := mutations(cf.ops()); got != "UpdateStack" {
			t.Errorf("stack writes %q, want UpdateStack", got)
		}
		checkReconciled(t, dir)
	})
	t.Run("still running when the wait ends", func(t *testing.T) {
		cf := newFakeCFN()
		cf.slow = 3
		dir, cloud := interruptedUpdate(t, cf, nil)
		cf.find(testStack).left = 1000 // CloudFormation never ends the update
		before := treeHash(t, dir)
		stacks := cloud.Stacks.(*awsx.Stacks)
		clock := pushTime
		stacks.Now = func() time.Time { clock = clock.Add(25 * time.Minute); return clock }
		log, err := push(t, dir, cloud)
		var we *awsx.StackWaitError
		if !errors.As(err, &we) || we.Stack != testStack || !strings.Contains(exit.Hint(err), "describe-stacks --stack-name "+testStack) {
			t.Fatalf("err %v (hint %q), want a StackWaitError\n%s", err, exit.Hint(err), log)
		}
		if got := mutations(cf.ops()); got != "" {
			t.Errorf("stack writes %s", got)
		}
		if treeHash(t, dir) != before {
			t.Error("project files changed: the record must stay")
		}
	})
	t.Run("record of a removed environment", func(t *testing.T) {
		cf := newFakeCFN()
		dir, cloud := interruptedUpdate(t, cf, nil)
		p := load(t, dir)
		rec, err := p.Inflight()
		if err != nil {
			t.Fatal(err)
		}
		rec.Env = "gone"
		if err := p.RecordInflight(*rec); err != nil {
			t.Fatal(err)
		}
		log, err := push(t, dir, cloud)
		if err != nil || !strings.Contains(log, "environment gone, removed since") {
			t.Fatalf("push: %v\n%s", err, log)
		}
		checkReconciled(t, dir)
	})
	t.Run("interrupted again while waiting", func(t *testing.T) {
		cf := newFakeCFN()
		cf.slow = 5
		dir, cloud := interruptedUpdate(t, cf, nil)
		before := treeHash(t, dir)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// Ctrl-C during the first pause between polls.
		cloud.Stacks.(*awsx.Stacks).Sleep = func(context.Context, time.Duration) error { cancel(); return context.Canceled }
		log, err := pushCtx(t, ctx, dir, cloud)
		var ie *InterruptedError
		if !errors.As(err, &ie) || ie.Operation != "UpdateStack" || ie.Stack != testStack {
			t.Fatalf("err %v, want an InterruptedError for the UpdateStack\n%s", err, log)
		}
		if got := mutations(cf.ops()); got != "" {
			t.Errorf("stack writes %s", got)
		}
		if treeHash(t, dir) != before {
			t.Error("project files changed: the record must stay, the outputs are not known yet")
		}
	})
}

// checkReconciled: the outputs are recorded and the record is gone.
func checkReconciled(t *testing.T, dir string) {
	t.Helper()
	meta, err := os.ReadFile(filepath.Join(dir, "amplify/backend/amplify-meta.json"))
	if err != nil || !strings.Contains(string(meta), `"BucketName"`) || !strings.Contains(string(meta), `"Arn": "arn:aws:lambda`) {
		t.Errorf("outputs not recorded (%v):\n%s", err, meta)
	}
	if rec := inflight(t, dir); rec != nil {
		t.Errorf("record left: %+v", rec)
	}
}

// TestCheckInflight is what status shows: the record with the stack's real
// state, read only for the current environment and only when asked.
func TestCheckInflight(t *testing.T) {
	cf := newFakeCFN()
	cf.slow = 10
	dir, cloud := interruptedUpdate(t, cf, nil)
	read := func() (StackService, error) { return cloud.Stacks, nil }
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	cases := []struct {
		name       string
		env        string // the record's environment
		stacks     func() (StackService, error)
		wantStatus string
		wantCalls  string
	}{
		{"running", "dev", read, "UPDATE_IN_PROGRESS", "DescribeStacks"},
		{"offline", "dev", nil, "<nil>", ""},
		{"another environment", "prod", read, "<nil>", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := load(t, dir)
			rec, err := p.Inflight()
			if err != nil {
				t.Fatal(err)
			}
			rec.Env = c.env
			if err := p.RecordInflight(*rec); err != nil {
				t.Fatal(err)
			}
			s, err := CheckInflight(context.Background(), p, c.stacks)
			if err != nil || s == nil {
				t.Fatalf("%+v, %v", s, err)
			}
			if str(s.StackStatus) != c.wantStatus || (s.InProgress != nil) != (c.wantStatus != "<nil>") || s.Stack != testStack {
				t.Errorf("state %+v status %s", s, str(s.StackStatus))
			}
			if got := cf.ops(); got != c.wantCalls {
				t.Errorf("calls %q, want %q", got, c.wantCalls)
			}
		})
	}
	t.Run("no record", func(t *testing.T) {
		p := load(t, testProject(t, false))
		s, err := CheckInflight(context.Background(), p, func() (StackService, error) { t.Error("AWS read without a record"); return nil, nil })
		if s != nil || err != nil {
			t.Errorf("%+v, %v", s, err)
		}
	})
}

// TestDryRunKeepsRecord: a dry run reports, changes nothing, and leaves
// the record for the push that will record the outcome.
func TestDryRunKeepsRecord(t *testing.T) {
	cf := newFakeCFN()
	dir, cloud := interruptedUpdate(t, cf, nil)
	before := treeHash(t, dir)
	var plan bytes.Buffer
	log, err := push(t, dir, cloud, DryRun(&plan, false))
	if err != nil {
		t.Fatalf("dry run: %v\n%s", err, log)
	}
	if !strings.Contains(log, "the stack is now UPDATE_COMPLETE") || mutations(cf.ops()) != "" || treeHash(t, dir) != before {
		t.Errorf("dry run changed something or said nothing:\n%s", log)
	}
}

// TestInterruptWhileRecording: the stack is deployed but the project could
// not record it (here the config writer fails as Ctrl-C comes): that is an
// interrupt after a write, and the record stays for the next push.
func TestInterruptWhileRecording(t *testing.T) {
	dir := testProject(t, false)
	cf := newFakeCFN()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	failing := func(*project.Project) ([]string, error) { cancel(); return nil, context.Canceled }
	var log bytes.Buffer
	err := Push(ctx, load(t, dir), fakeReader{}, failing, &log, pushTime, WithCloud(fakeCloud(cf, &fakeObjects{})))
	var ie *InterruptedError
	if !errors.As(err, &ie) || ie.Operation != "CreateStack" {
		t.Fatalf("err %v, want an InterruptedError after CreateStack\n%s", err, log.String())
	}
	if rec := inflight(t, dir); rec == nil {
		t.Error("no record of the deploy")
	}
}
