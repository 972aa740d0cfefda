package awsx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/exit"
)

// CloudFormationAPI is the part of CloudFormation ampgo calls, with the
// SDK's own signatures, so a test can stand in for it.
type CloudFormationAPI interface {
	cloudformation.DescribeStacksAPIClient
	cloudformation.DescribeStackEventsAPIClient
	CreateStack(ctx context.Context, in *cloudformation.CreateStackInput, o ...func(*cloudformation.Options)) (*cloudformation.CreateStackOutput, error)
	UpdateStack(ctx context.Context, in *cloudformation.UpdateStackInput, o ...func(*cloudformation.Options)) (*cloudformation.UpdateStackOutput, error)
	DeleteStack(ctx context.Context, in *cloudformation.DeleteStackInput, o ...func(*cloudformation.Options)) (*cloudformation.DeleteStackOutput, error)
	GetTemplate(ctx context.Context, in *cloudformation.GetTemplateInput, o ...func(*cloudformation.Options)) (*cloudformation.GetTemplateOutput, error)
}

// Errors of stack operations, for errors.Is.
var (
	// ErrStackNotFound means the stack does not exist (or was deleted).
	ErrStackNotFound = errors.New("stack not found")
	// ErrNoChanges means an update would change nothing.
	ErrNoChanges = errors.New("no changes to deploy")
)

// Stack is a deployed stack as ampgo needs it.
type Stack struct {
	ID      string
	Name    string
	Status  string
	Reason  string
	Outputs map[string]string
}

// InProgress reports whether an operation is running on the stack.
func (s *Stack) InProgress() bool { return strings.HasSuffix(s.Status, "_IN_PROGRESS") }

// Dead reports whether the stack failed to be created and holds nothing: it
// cannot be updated, only deleted and created again.
func (s *Stack) Dead() bool {
	return s.Status == string(cfntypes.StackStatusRollbackComplete) ||
		s.Status == string(cfntypes.StackStatusRollbackFailed) ||
		s.Status == string(cfntypes.StackStatusCreateFailed)
}

// succeeded reports whether a finished operation succeeded.
func (s *Stack) succeeded() bool {
	switch cfntypes.StackStatus(s.Status) {
	case cfntypes.StackStatusCreateComplete, cfntypes.StackStatusUpdateComplete,
		cfntypes.StackStatusDeleteComplete, cfntypes.StackStatusImportComplete:
		return true
	}
	return false
}

// StackEvent is one event of a stack operation.
type StackEvent struct {
	ID        string
	Time      time.Time
	LogicalID string
	Type      string
	Status    string
	Reason    string
}

// Failed reports whether the event is a resource failure.
func (e StackEvent) Failed() bool { return strings.HasSuffix(e.Status, "_FAILED") }

// StackFailedError says a stack operation ended in failure. Failures are
// the resource events that failed, oldest first: the first is the cause,
// the rest are usually "Resource creation cancelled".
type StackFailedError struct {
	Stack    string
	Status   string
	Reason   string
	Failures []StackEvent
}

// Error names the failing resource and its reason.
func (e *StackFailedError) Error() string {
	if len(e.Failures) == 0 {
		if e.Reason == "" {
			return fmt.Sprintf("stack %s ended in %s", e.Stack, e.Status)
		}
		return fmt.Sprintf("stack %s ended in %s: %s", e.Stack, e.Status, e.Reason)
	}
	f := e.Failures[0]
	msg := fmt.Sprintf("stack %s ended in %s: %s (%s) %s: %s", e.Stack, e.Status, f.LogicalID, f.Type, f.Status, f.Reason)
	if n := len(e.Failures) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more failed resource events)", n)
	}
	return msg
}

// Hint tells the user where to look.
func (e *StackFailedError) Hint() string {
	return "fix the cause above, then run `ampgo push` again (nothing was recorded locally); all events: `aws cloudformation describe-stack-events --stack-name " + e.Stack + "`"
}

// StackInput is a stack to create or update.
type StackInput struct {
	Name        string
	Body        string // the template, or ""
	TemplateURL string // the template in S3, when Body is too large
	Tags        map[string]string
	// Parameters are the template's parameter values (NoEcho ones too);
	// nil for a template without parameters.
	Parameters map[string]string
	// Token is the ClientRequestToken; "" makes a fresh one. A caller that
	// records the operation before sending it passes its own.
	Token string
}

// Stacks runs CloudFormation stack operations and waits for them.
type Stacks struct {
	api CloudFormationAPI
	// Sleep waits between polls; tests replace it to run without delay.
	Sleep func(ctx context.Context, d time.Duration) error
	// MinPoll and MaxPoll bound the polling interval, which doubles.
	MinPoll, MaxPoll time.Duration
	// MaxWait bounds one Wait: CloudFormation operations can take long
	// (a stuck custom resource takes an hour to fail), but not forever.
	MaxWait time.Duration
	// Now is the clock Wait measures MaxWait with; tests replace it.
	Now func() time.Time
}

// DefaultMaxWait is how long Wait follows one stack operation.
const DefaultMaxWait = 60 * time.Minute

// NewStacks builds Stacks on a CloudFormation client from cfg.
func NewStacks(cfg aws.Config) *Stacks { return NewStacksWith(cloudformation.NewFromConfig(cfg)) }

// NewStacksWith builds Stacks on any implementation of the API.
func NewStacksWith(api CloudFormationAPI) *Stacks {
	return &Stacks{api: api, Sleep: sleepCtx, MinPoll: time.Second, MaxPoll: 5 * time.Second, MaxWait: DefaultMaxWait, Now: time.Now}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// isNotExist reports CloudFormation's "Stack with id X does not exist",
// which comes as a ValidationError: the code and the message together.
func isNotExist(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == "ValidationError" && strings.Contains(ae.ErrorMessage(), "does not exist")
}

// isNoUpdates reports "No updates are to be performed.".
func isNoUpdates(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == "ValidationError" && strings.Contains(ae.ErrorMessage(), "No updates are to be performed")
}

// Describe returns the stack (by name or id), or ErrStackNotFound.
func (s *Stacks) Describe(ctx context.Context, name string) (*Stack, error) {
	out, err := s.api.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(name)})
	if isNotExist(err) || (err == nil && len(out.Stacks) == 0) {
		return nil, fmt.Errorf("describe stack %s: %w", name, ErrStackNotFound)
	}
	if err != nil {
		return nil, classifyDeploy(fmt.Errorf("describe stack %s: %w", name, err), "cloudformation:DescribeStacks")
	}
	st := out.Stacks[0]
	stack := &Stack{ID: aws.ToString(st.StackId), Name: aws.ToString(st.StackName), Status: string(st.StackStatus),
		Reason: aws.ToString(st.StackStatusReason), Outputs: map[string]string{}}
	for _, o := range st.Outputs {
		stack.Outputs[aws.ToString(o.OutputKey)] = aws.ToString(o.OutputValue)
	}
	return stack, nil
}

// Template returns the template the stack was last deployed with.
func (s *Stacks) Template(ctx context.Context, name string) (string, error) {
	out, err := s.api.GetTemplate(ctx, &cloudformation.GetTemplateInput{StackName: aws.String(name)})
	if isNotExist(err) {
		return "", fmt.Errorf("get template of stack %s: %w", name, ErrStackNotFound)
	}
	if err != nil {
		return "", classifyDeploy(fmt.Errorf("get template of stack %s: %w", name, err), "cloudformation:GetTemplate")
	}
	return aws.ToString(out.TemplateBody), nil
}

// capabilities acknowledges that ampgo's templates create IAM roles.
var capabilities = []cfntypes.Capability{cfntypes.CapabilityCapabilityIam, cfntypes.CapabilityCapabilityNamedIam}

// token is a fresh ClientRequestToken: if the SDK retries a call whose
// first attempt reached CloudFormation, the retry is not a second operation.
func token() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "ampgo-" + hex.EncodeToString(b)
}

func tags(m map[string]string) []cfntypes.Tag {
	var out []cfntypes.Tag
	for k, v := range m {
		out = append(out, cfntypes.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	return out
}

// Create starts creating a stack and returns its id.
func (s *Stacks) Create(ctx context.Context, in StackInput) (string, error) {
	out, err := s.api.CreateStack(ctx, &cloudformation.CreateStackInput{
		StackName: aws.String(in.Name), TemplateBody: optional(in.Body), TemplateURL: optional(in.TemplateURL),
		Capabilities: capabilities, Tags: tags(in.Tags), ClientRequestToken: aws.String(in.token()), Parameters: parameters(in.Parameters),
	})
	if ErrorCode(err) == "AlreadyExistsException" {
		// The stack was not there when the push looked: something else
		// created it meanwhile (a retry with our token is answered with
		// the stack, not with this error).
		return "", &exit.Error{Code: exit.Failure, Err: fmt.Errorf("create stack %s: %w", in.Name, err),
			Fix: fmt.Sprintf("stack %s was created by someone else while this push ran; check it with `aws cloudformation describe-stacks --stack-name %s`, then run `ampgo push` again, which updates it", in.Name, in.Name)}
	}
	if err != nil {
		return "", classifyDeploy(fmt.Errorf("create stack %s: %w", in.Name, err), "cloudformation:CreateStack")
	}
	return aws.ToString(out.StackId), nil
}

// Update starts updating a stack; ErrNoChanges when nothing would change.
func (s *Stacks) Update(ctx context.Context, in StackInput) error {
	_, err := s.api.UpdateStack(ctx, &cloudformation.UpdateStackInput{
		StackName: aws.String(in.Name), TemplateBody: optional(in.Body), TemplateURL: optional(in.TemplateURL),
		Capabilities: capabilities, Tags: tags(in.Tags), ClientRequestToken: aws.String(in.token()), Parameters: parameters(in.Parameters),
	})
	if isNoUpdates(err) {
		return fmt.Errorf("update stack %s: %w", in.Name, ErrNoChanges)
	}
	if err != nil {
		return classifyDeploy(fmt.Errorf("update stack %s: %w", in.Name, err), "cloudformation:UpdateStack")
	}
	return nil
}

// Delete starts deleting a stack.
func (s *Stacks) Delete(ctx context.Context, name string) error {
	_, err := s.api.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String(name), ClientRequestToken: aws.String(token())})
	if err != nil {
		return classifyDeploy(fmt.Errorf("delete stack %s: %w", name, err), "cloudformation:DeleteStack")
	}
	return nil
}

// parameters turns values into CloudFormation parameters, sorted by key.
func parameters(values map[string]string) []cfntypes.Parameter {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]cfntypes.Parameter, len(keys))
	for i, k := range keys {
		out[i] = cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(values[k])}
	}
	return out
}

// token is the input's Token, or a fresh one.
func (in StackInput) token() string {
	if in.Token != "" {
		return in.Token
	}
	return token()
}

// NewToken returns a fresh ClientRequestToken.
func NewToken() string { return token() }

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// classifyDeploy is Classify for the calls of a deploy, whose permissions
// go beyond the read-only import: the hint names the action and the
// README section that lists them.
func classifyDeploy(err error, action string) error {
	return classifyWith(err, action, "deploying storage and functions needs CloudFormation, S3, IAM and Lambda permissions (README: Storage and functions)")
}
