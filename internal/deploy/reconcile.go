package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/project"
)

// StackNotFound is InflightState.StackStatus of a stack that does not exist.
const StackNotFound = "NOT_FOUND"

// InflightState is a deploy the project records in flight, with the state
// its stack is in now.
type InflightState struct {
	project.InflightDeploy
	// StackStatus is the stack's status now (StackNotFound when it does not
	// exist); nil when it was not read: offline, or another environment's.
	StackStatus *string `json:"stackStatus"`
	// InProgress tells whether an operation still runs on the stack; nil
	// when the stack was not read.
	InProgress *bool `json:"inProgress"`
}

// CheckInflight returns the project's deploy in flight (nil when there is
// none) and, when it belongs to the current environment and stacks is not
// nil, reads its stack's state. stacks is called only when there is a
// stack to read, so a project without a record needs no AWS access.
func CheckInflight(ctx context.Context, p *project.Project, stacks func() (StackService, error)) (*InflightState, error) {
	rec, err := p.Inflight()
	if err != nil || rec == nil {
		return nil, err
	}
	s := &InflightState{InflightDeploy: *rec}
	if stacks == nil || rec.Env != p.CurrentEnv() {
		return s, nil
	}
	svc, err := stacks()
	if err != nil {
		return nil, err
	}
	st, err := describeInflight(ctx, svc, rec)
	if err != nil {
		return nil, err
	}
	s.set(st)
	return s, nil
}

// set records the stack's state (nil: no stack).
func (s *InflightState) set(st *awsx.Stack) {
	status, running := StackNotFound, false
	if st != nil {
		status, running = st.Status, st.InProgress()
	}
	s.StackStatus, s.InProgress = &status, &running
}

// describeInflight reads the recorded stack; nil when it does not exist.
func describeInflight(ctx context.Context, stacks StackService, rec *project.InflightDeploy) (*awsx.Stack, error) {
	st, err := stacks.Describe(ctx, rec.Stack)
	if errors.Is(err, awsx.ErrStackNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("check the interrupted deploy of stack %s: %w", rec.Stack, err)
	}
	return st, nil
}

// reconcile runs first in a push when the project records a deploy in
// flight for the current environment: it reads the stack's real state and,
// when an operation still runs on it, waits (bounded) for it to end, so the
// push then plans from what is really deployed. It returns the record it
// reconciled (nil when there is none for this environment), which the push
// removes once it saved the outcome. A dry run only reports.
func reconcile(ctx context.Context, p *project.Project, cloud *Cloud, log io.Writer, wait bool) (*project.InflightDeploy, error) {
	rec, err := p.Inflight()
	if err != nil || rec == nil {
		return nil, err
	}
	switch env := p.CurrentEnv(); {
	case rec.Env == env:
	case !slices.Contains(p.Envs(), rec.Env):
		// Nothing can record that outcome any more: tell, and let the
		// record go with this push.
		fmt.Fprintf(log, "note: the last push of environment %s, removed since, stopped after %s of stack %s was sent; "+
			"check the stack with `aws cloudformation describe-stacks --stack-name %s --region %s`\n", rec.Env, rec.Operation, rec.Stack, rec.Stack, rec.Region)
		return rec, nil
	default:
		fmt.Fprintf(log, "note: the last push of environment %s stopped after %s of stack %s was sent; "+
			"run `ampgo env checkout %s`, then `ampgo push`, to record its outcome\n", rec.Env, rec.Operation, rec.Stack, rec.Env)
		return nil, nil
	}
	if cloud == nil || cloud.Region != rec.Region {
		return nil, nil // prepare refuses a region other than the environment's
	}
	interrupted := func(err error) error {
		if ctx.Err() != nil {
			return &InterruptedError{Stack: rec.Stack, Region: rec.Region, Operation: rec.Operation, Err: err}
		}
		return err
	}
	st, err := describeInflight(ctx, cloud.Stacks, rec)
	if err != nil {
		return nil, interrupted(err)
	}
	since := rec.StartedAt.Format(time.RFC3339)
	switch {
	case st == nil:
		fmt.Fprintf(log, "note: the last push stopped after %s of stack %s was sent (%s); the stack does not exist now\n", rec.Operation, rec.Stack, since)
		return rec, nil
	case !st.InProgress():
		fmt.Fprintf(log, "note: the last push stopped after %s of stack %s was sent (%s); the stack is now %s: this push deploys from there and records the outcome\n",
			rec.Operation, rec.Stack, since, st.Status)
		return rec, nil
	case !wait:
		return rec, nil // prepare says another operation is running
	}
	fmt.Fprintf(log, "Stack %s is %s: the operation of the push interrupted at %s still runs. Waiting for it to end "+
		"(watch it with `aws cloudformation describe-stack-events --stack-name %s --region %s`, or CloudFormation > Stacks > %s in the console)\n",
		rec.Stack, st.Status, since, rec.Stack, rec.Region, rec.Stack)
	if err := waitInflight(ctx, cloud.Stacks, st, rec, log); err != nil {
		return nil, interrupted(err)
	}
	return rec, nil
}

// waitInflight waits for the operation running on st to end, as long as
// Wait allows (awsx.StackWaitError after that, and the record stays). An
// operation that ends in failure is no error here: the push then deploys
// again from the rolled-back state.
func waitInflight(ctx context.Context, stacks StackService, st *awsx.Stack, rec *project.InflightDeploy, log io.Writer) error {
	after, err := stacks.LastEventID(ctx, st.ID)
	if err != nil {
		return err
	}
	pr := &progress{w: log}
	end, err := stacks.Wait(ctx, st.ID, after, pr.event)
	var failed *awsx.StackFailedError
	switch {
	case errors.As(err, &failed):
		fmt.Fprintf(log, "note: the interrupted %s of stack %s ended in %s (%v); deploying again\n", rec.Operation, rec.Stack, failed.Status, err)
		return nil
	case err != nil:
		return err
	}
	fmt.Fprintf(log, "✔ Stack %s: %s (the interrupted %s ended)\n", end.Name, end.Status, rec.Operation)
	return nil
}
