package awsx

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
)

// LastEventID returns the id of the stack's newest event ("" when it has
// none or does not exist). Take it before an operation and pass it to Wait,
// so only that operation's events are shown.
func (s *Stacks) LastEventID(ctx context.Context, stack string) (string, error) {
	out, err := s.api.DescribeStackEvents(ctx, &cloudformation.DescribeStackEventsInput{StackName: aws.String(stack)})
	if isNotExist(err) {
		return "", nil
	}
	if err != nil {
		return "", classifyDeploy(fmt.Errorf("describe events of stack %s: %w", stack, err), "cloudformation:DescribeStackEvents")
	}
	if len(out.StackEvents) == 0 {
		return "", nil
	}
	return aws.ToString(out.StackEvents[0].EventId), nil
}

// Wait polls the stack (by id, so a deleted stack is still found) until its
// operation ends, passing each new event, oldest first, to onEvent. Events
// up to and including afterEventID are skipped. A failed operation gives a
// *StackFailedError naming the failing resources; a context cancelled while
// waiting leaves the operation running in AWS, and the error says so.
func (s *Stacks) Wait(ctx context.Context, stack, afterEventID string, onEvent func(StackEvent)) (*Stack, error) {
	seen := afterEventID
	var failures []StackEvent
	interval := s.MinPoll
	start := s.Now()
	for {
		// Status first, events second: once the status is final, the
		// events read after it are complete, so no extra round is needed.
		st, err := s.Describe(ctx, stack)
		if err != nil {
			return nil, err
		}
		events, err := s.eventsAfter(ctx, stack, seen)
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			if onEvent != nil {
				onEvent(e)
			}
			if e.Failed() && e.LogicalID != "" && e.Type != "AWS::CloudFormation::Stack" {
				failures = append(failures, e)
			}
			seen = e.ID
		}
		if !st.InProgress() {
			if st.succeeded() {
				return st, nil
			}
			return st, &StackFailedError{Stack: st.Name, Status: st.Status, Reason: st.Reason, Failures: failures}
		}
		if waited := s.Now().Sub(start); waited >= s.MaxWait {
			return st, &StackWaitError{Stack: st.Name, Status: st.Status, Waited: waited}
		}
		if err := s.Sleep(ctx, interval); err != nil {
			return nil, fmt.Errorf("wait for stack %s: %w (the operation goes on in AWS; check it with `aws cloudformation describe-stacks --stack-name %s`)", stack, err, stack)
		}
		interval = min(interval*2, s.MaxPoll)
	}
}

// eventsAfter returns the stack's events newer than afterID, oldest first.
// CloudFormation lists events newest first, so pages are read until afterID
// shows up.
func (s *Stacks) eventsAfter(ctx context.Context, stack, afterID string) ([]StackEvent, error) {
	var out []StackEvent
	pages := cloudformation.NewDescribeStackEventsPaginator(s.api, &cloudformation.DescribeStackEventsInput{StackName: aws.String(stack)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if isNotExist(err) {
			break
		}
		if err != nil {
			return nil, classifyDeploy(fmt.Errorf("describe events of stack %s: %w", stack, err), "cloudformation:DescribeStackEvents")
		}
		for _, e := range page.StackEvents {
			id := aws.ToString(e.EventId)
			if afterID != "" && id == afterID {
				slices.Reverse(out)
				return out, nil
			}
			out = append(out, StackEvent{ID: id, Time: aws.ToTime(e.Timestamp), LogicalID: aws.ToString(e.LogicalResourceId),
				Type: aws.ToString(e.ResourceType), Status: string(e.ResourceStatus), Reason: aws.ToString(e.ResourceStatusReason)})
		}
	}
	slices.Reverse(out)
	return out, nil
}

// StackWaitError is a stack operation still in progress when Wait gave up:
// it goes on in AWS, and its end is not known.
type StackWaitError struct {
	Stack  string
	Status string
	Waited time.Duration
}

func (e *StackWaitError) Error() string {
	return fmt.Sprintf("stack %s is still %s after %s of waiting", e.Stack, e.Status, e.Waited.Round(time.Second))
}

// Hint says where to follow the operation.
func (e *StackWaitError) Hint() string {
	return fmt.Sprintf("the operation goes on in AWS: follow it in the CloudFormation console or with `aws cloudformation describe-stacks --stack-name %s`, then run the command again when it has ended", e.Stack)
}
