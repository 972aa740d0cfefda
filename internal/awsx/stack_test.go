package awsx

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/exit"
)

// scriptedCFN answers DescribeStacks with a list of statuses, one per call
// (the last repeats), and DescribeStackEvents with the events of the same
// round (Wait reads the status, then the events).
type scriptedCFN struct {
	CloudFormationAPI // calls not scripted panic
	statuses          []string
	events            [][]cfntypes.StackEvent // per DescribeStacks round, newest first
	describes         int
	err               error
}

func (s *scriptedCFN) DescribeStacks(context.Context, *cloudformation.DescribeStacksInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStacksOutput, error) {
	if s.err != nil {
		return nil, s.err
	}
	i := min(s.describes, len(s.statuses)-1)
	s.describes++
	return &cloudformation.DescribeStacksOutput{Stacks: []cfntypes.Stack{{StackName: aws.String("st"), StackId: aws.String("id"),
		StackStatus: cfntypes.StackStatus(s.statuses[i]), StackStatusReason: aws.String("reason of " + s.statuses[i])}}}, nil
}

func (s *scriptedCFN) DescribeStackEvents(context.Context, *cloudformation.DescribeStackEventsInput, ...func(*cloudformation.Options)) (*cloudformation.DescribeStackEventsOutput, error) {
	i := min(s.describes-1, len(s.events)-1)
	return &cloudformation.DescribeStackEventsOutput{StackEvents: s.events[i]}, nil
}

func ev(id, logical, typ, status, reason string) cfntypes.StackEvent {
	return cfntypes.StackEvent{EventId: aws.String(id), LogicalResourceId: aws.String(logical), ResourceType: aws.String(typ),
		ResourceStatus: cfntypes.ResourceStatus(status), ResourceStatusReason: aws.String(reason)}
}

func TestWait(t *testing.T) {
	old := ev("e0", "st", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", "")
	start := ev("e1", "st", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated")
	bucketFailed := ev("e2", "StorageFilesBucket", "AWS::S3::Bucket", "UPDATE_FAILED", "files already exists")
	cancelled := ev("e3", "FunctionHello", "AWS::Lambda::Function", "UPDATE_FAILED", "Resource update cancelled")
	done := ev("e4", "st", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", "")
	cases := []struct {
		name       string
		statuses   []string
		events     [][]cfntypes.StackEvent
		wantErr    string
		wantEvents string
		wantSleeps int
	}{
		{"success after polling", []string{"UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE"},
			[][]cfntypes.StackEvent{{start, old}, {start, old}, {start, old}}, "", "e1", 2},
		{"failure names the first failing resource and its reason", []string{"UPDATE_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"},
			[][]cfntypes.StackEvent{{start, old}, {done, cancelled, bucketFailed, start, old}},
			"stack st ended in UPDATE_ROLLBACK_COMPLETE: StorageFilesBucket (AWS::S3::Bucket) UPDATE_FAILED: files already exists (and 1 more failed resource events)",
			"e1,e2,e3,e4", 1},
		{"failure without resource events uses the stack's reason", []string{"ROLLBACK_COMPLETE"},
			[][]cfntypes.StackEvent{{old}}, "stack st ended in ROLLBACK_COMPLETE: reason of ROLLBACK_COMPLETE", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			api := &scriptedCFN{statuses: c.statuses, events: c.events}
			s := NewStacksWith(api)
			sleeps := 0
			s.Sleep = func(context.Context, time.Duration) error { sleeps++; return nil }
			var seen []string
			_, err := s.Wait(context.Background(), "st", "e0", func(e StackEvent) { seen = append(seen, e.ID) })
			if c.wantErr == "" && err != nil || c.wantErr != "" && (err == nil || err.Error() != c.wantErr) {
				t.Fatalf("error %v, want %q", err, c.wantErr)
			}
			if got := strings.Join(seen, ","); got != c.wantEvents {
				t.Errorf("events %s, want %s (each once, oldest first)", got, c.wantEvents)
			}
			if sleeps != c.wantSleeps {
				t.Errorf("%d sleeps, want %d", sleeps, c.wantSleeps)
			}
			var sf *StackFailedError
			if c.wantErr != "" && (!errors.As(err, &sf) || !strings.Contains(sf.Hint(), "describe-stack-events --stack-name st")) {
				t.Errorf("not a StackFailedError with a hint: %#v", err)
			}
		})
	}
}

func TestWaitInterruptedSaysTheOperationGoesOn(t *testing.T) {
	api := &scriptedCFN{statuses: []string{"CREATE_IN_PROGRESS"}, events: [][]cfntypes.StackEvent{{}}}
	s := NewStacksWith(api)
	s.Sleep = func(context.Context, time.Duration) error { return context.Canceled }
	_, err := s.Wait(context.Background(), "st", "", nil)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "goes on in AWS") {
		t.Errorf("error %v", err)
	}
}

func TestStackErrors(t *testing.T) {
	notFound := &smithy.GenericAPIError{Code: "ValidationError", Message: "Stack with id st does not exist"}
	other := &smithy.GenericAPIError{Code: "ValidationError", Message: "Template format error"}
	denied := &smithy.GenericAPIError{Code: "AccessDenied", Message: "not allowed"}
	cases := []struct {
		name     string
		err      error
		wantIs   error
		wantCode int
	}{
		{"does not exist", notFound, ErrStackNotFound, exit.Failure},
		{"other validation error", other, other, exit.Failure},
		{"access denied", denied, denied, exit.Credentials},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewStacksWith(&scriptedCFN{err: c.err}).Describe(context.Background(), "st")
			if !errors.Is(err, c.wantIs) || exit.Code(err) != c.wantCode {
				t.Errorf("error %v (exit %d), want %v (exit %d)", err, exit.Code(err), c.wantIs, c.wantCode)
			}
		})
	}
	if !isNoUpdates(fmt.Errorf("x: %w", &smithy.GenericAPIError{Code: "ValidationError", Message: "No updates are to be performed."})) {
		t.Error("no-updates error not recognised")
	}
}

// A stack that never leaves IN_PROGRESS ends the wait after MaxWait, naming
// the stack and how to follow it.
func TestWaitGivesUpAfterMaxWait(t *testing.T) {
	api := &scriptedCFN{statuses: []string{"UPDATE_IN_PROGRESS"}, events: [][]cfntypes.StackEvent{{}}}
	s := NewStacksWith(api)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	sleeps := 0
	s.Sleep = func(_ context.Context, d time.Duration) error { sleeps++; now = now.Add(d); return nil }
	_, err := s.Wait(context.Background(), "st", "", nil)
	var we *StackWaitError
	if !errors.As(err, &we) {
		t.Fatalf("error %v, want a *StackWaitError", err)
	}
	if !strings.Contains(err.Error(), "stack st is still UPDATE_IN_PROGRESS after 1h0m") ||
		!strings.Contains(exit.Hint(err), "aws cloudformation describe-stacks --stack-name st") {
		t.Errorf("error %q, hint %q", err, exit.Hint(err))
	}
	if sleeps < 700 || sleeps > 730 { // 60 min of 5 s polls after the first doublings
		t.Errorf("%d polls", sleeps)
	}
}

type existingCFN struct{ CloudFormationAPI }

func (existingCFN) CreateStack(context.Context, *cloudformation.CreateStackInput, ...func(*cloudformation.Options)) (*cloudformation.CreateStackOutput, error) {
	return nil, &smithy.GenericAPIError{Code: "AlreadyExistsException", Message: "Stack [st] already exists"}
}

// A create refused because the stack exists (made by someone else while
// the push ran) fails with exit 1 and says how to go on.
func TestCreateAlreadyExists(t *testing.T) {
	_, err := NewStacksWith(existingCFN{}).Create(context.Background(), StackInput{Name: "st", Body: "{}"})
	if err == nil || exit.Code(err) != exit.Failure {
		t.Fatalf("err = %v (code %d), want exit 1", err, exit.Code(err))
	}
	if h := exit.Hint(err); !strings.Contains(h, "describe-stacks --stack-name st") || !strings.Contains(h, "ampgo push") {
		t.Errorf("hint = %q", h)
	}
}
