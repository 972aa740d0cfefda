package deploy

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// InterruptedError says a push was interrupted (Ctrl-C, SIGTERM) after an
// AWS write had been sent: unlike an interrupt before any write, AWS may
// have changed, and a stack operation goes on without ampgo. The project
// recorded the deploy in flight (project.InflightFile), so the next status
// and push read the stack's real state first.
type InterruptedError struct {
	Stack     string
	Region    string
	Operation string // the last write sent: CreateStack, UpdateStack, DeleteStack, PutObject, DeleteObjects
	Err       error
}

// Error names the operation and the stack.
func (e *InterruptedError) Error() string {
	switch e.Operation {
	case "PutObject", "DeleteObjects":
		// Emptying the bucket lists first, so the write may not have left.
		return fmt.Sprintf("interrupted while writing to the deployment bucket of stack %s (%s): the deploy is not finished and AWS may have changed", e.Stack, e.Operation)
	}
	return fmt.Sprintf("interrupted after %s of stack %s was sent: the deploy may still be in progress", e.Operation, e.Stack)
}

// Unwrap returns the error that ended the push (a cancelled context).
func (e *InterruptedError) Unwrap() error { return e.Err }

// ExitCode is 130, as for any interrupt.
func (e *InterruptedError) ExitCode() int { return exit.Interrupted }

// Hint tells how to look at the stack and that ampgo picks it up again.
func (e *InterruptedError) Hint() string {
	return fmt.Sprintf("check the stack with `aws cloudformation describe-stacks --stack-name %s --region %s` "+
		"(console: CloudFormation > Stacks > %s); the project recorded the deploy in flight (%s): "+
		"`ampgo status` shows the stack's state and `ampgo push` waits for it to end, then records the outcome",
		e.Stack, e.Region, e.Stack, project.InflightFile)
}

// journal records each AWS write of a push in the project's in-flight
// record just before the write is sent, and remembers that one was sent.
type journal struct {
	p    *project.Project
	rec  project.InflightDeploy
	sent bool
}

func newJournal(p *project.Project, t *target, now time.Time) *journal {
	return &journal{p: p, rec: project.InflightDeploy{Env: t.Env.Env, Stack: t.Stack, Region: t.Env.Region, StartedAt: now.UTC()}}
}

// before is called right before a write request is sent. A context already
// cancelled stops the push here, with nothing sent; otherwise the record
// is on disk before the request leaves.
func (j *journal) before(ctx context.Context, op, token string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s of stack %s not sent: %w", op, j.rec.Stack, err)
	}
	j.rec.Operation, j.rec.ClientToken = op, token
	if err := j.p.RecordInflight(j.rec); err != nil {
		return err
	}
	j.sent = true
	return nil
}

// outcome turns the error of a deploy into what the user must be told: an
// interrupt after a write is an *InterruptedError; a stack operation that
// ended in failure is a known outcome, so the record goes (the failure says
// nothing was recorded, and the next push plans from the deployed
// template); any other error after a write keeps the record, so the next
// status and push look at the stack first.
func (d *deployment) outcome(ctx context.Context, err error) error {
	if err == nil || d == nil || d.journal == nil || !d.journal.sent {
		return err
	}
	j := d.journal
	if ctx.Err() != nil {
		return &InterruptedError{Stack: j.rec.Stack, Region: j.rec.Region, Operation: j.rec.Operation, Err: err}
	}
	var failed *awsx.StackFailedError
	if errors.As(err, &failed) {
		if cerr := j.p.ClearInflight(); cerr != nil {
			return errors.Join(err, cerr)
		}
		return err
	}
	fmt.Fprintf(d.log, "note: the project recorded this deploy of stack %s in flight: `ampgo status` shows the stack's state, `ampgo push` picks it up\n", j.rec.Stack)
	return err
}
