package deploy

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/importauth"
)

// fakeCFN stands in for CloudFormation at the SDK's level, so the whole
// awsx wrapper (events, waits, errors) runs in these tests. It finishes
// every operation at once, and can end the next create or update in a
// failure with per-resource events, which moto cannot do.
type fakeCFN struct {
	mu     sync.Mutex
	stacks map[string]*fakeStack
	calls  []string
	// tokens are the ClientRequestTokens of creates and updates.
	tokens []string
	// fail, when set, makes a CreateStack/UpdateStack fail on this resource
	// with this reason, after okLeft more successful ones.
	fail   *fakeFailure
	okLeft int
	seq    int
	// objects serves templates passed by URL.
	objects *fakeObjects
	// onUpdate sees the template of every update.
	onUpdate func(body string)
	// afterWrite, when set, runs after each CreateStack, UpdateStack and
	// DeleteStack was applied (without the lock held), as the response is
	// on its way back.
	afterWrite func(op string)
	// slow, when above 0, leaves every operation *_IN_PROGRESS until the
	// stack was described that many times, as a real deploy would be.
	slow int
}

type fakeFailure struct {
	LogicalID, Type, Reason string
}

type fakeStack struct {
	id, name, status, body string
	events                 []cfntypes.StackEvent // newest first
	// pending ends a slow operation after left more DescribeStacks.
	pending func()
	left    int
}

func newFakeCFN() *fakeCFN { return &fakeCFN{stacks: map[string]*fakeStack{}} }

// wrote runs afterWrite.
func (f *fakeCFN) wrote(op string) {
	if f.afterWrite != nil {
		f.afterWrite(op)
	}
}

func (f *fakeCFN) record(op string) {
	f.calls = append(f.calls, op)
}

func (f *fakeCFN) find(name string) *fakeStack {
	for _, s := range f.stacks {
		if s.name == name || s.id == name {
			return s
		}
	}
	return nil
}

func notExist(name string) error {
	return &smithy.GenericAPIError{Code: "ValidationError", Message: "Stack with id " + name + " does not exist"}
}

// event adds an event (newest first).
func (f *fakeCFN) event(s *fakeStack, logical, typ, status, reason string) {
	f.seq++
	e := cfntypes.StackEvent{EventId: aws.String(fmt.Sprintf("ev-%03d", f.seq)), StackId: aws.String(s.id), StackName: aws.String(s.name),
		LogicalResourceId: aws.String(logical), ResourceType: aws.String(typ), ResourceStatus: cfntypes.ResourceStatus(status),
		Timestamp: aws.Time(time.Unix(int64(f.seq), 0))}
	if reason != "" {
		e.ResourceStatusReason = aws.String(reason)
	}
	s.events = append([]cfntypes.StackEvent{e}, s.events...)
}

// run applies an operation: success (status done) or the planned failure;
// when slow, only later (see fakeStack.pending).
func (f *fakeCFN) run(s *fakeStack, verb, body string) {
	const stackType = "AWS::CloudFormation::Stack"
	f.event(s, s.name, stackType, verb+"_IN_PROGRESS", "User Initiated")
	if f.slow > 0 {
		s.status, s.left = verb+"_IN_PROGRESS", f.slow
		s.pending = func() { f.finish(s, verb, body) }
		return
	}
	f.finish(s, verb, body)
}

// finish ends an operation that run started.
func (f *fakeCFN) finish(s *fakeStack, verb, body string) {
	const stackType = "AWS::CloudFormation::Stack"
	if fl := f.fail; fl != nil && f.okLeft == 0 {
		f.fail = nil
		f.event(s, fl.LogicalID, fl.Type, verb+"_IN_PROGRESS", "")
		f.event(s, fl.LogicalID, fl.Type, verb+"_FAILED", fl.Reason)
		rollback := "ROLLBACK"
		if verb == "UPDATE" {
			rollback = "UPDATE_ROLLBACK"
		}
		f.event(s, s.name, stackType, rollback+"_IN_PROGRESS", "The following resource(s) failed: ["+fl.LogicalID+"]")
		f.event(s, s.name, stackType, rollback+"_COMPLETE", "")
		s.status = rollback + "_COMPLETE"
		return
	}
	if f.fail != nil {
		f.okLeft--
	}
	s.body = body
	f.event(s, s.name, stackType, verb+"_COMPLETE", "")
	s.status = verb + "_COMPLETE"
}

func (f *fakeCFN) CreateStack(ctx context.Context, in *cloudformation.CreateStackInput, _ ...func(*cloudformation.Options)) (*cloudformation.CreateStackOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // the SDK sends nothing on a cancelled context
	}
	defer f.wrote("CreateStack") // after the unlock below
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("CreateStack")
	f.tokens = append(f.tokens, aws.ToString(in.ClientRequestToken))
	name := aws.ToString(in.StackName)
	if s := f.find(name); s != nil && s.status != "DELETE_COMPLETE" {
		return nil, &smithy.GenericAPIError{Code: "AlreadyExistsException", Message: "Stack [" + name + "] already exists"}
	}
	s := &fakeStack{id: "arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/" + fmt.Sprint(len(f.stacks)), name: name}
	f.stacks[s.id] = s
	f.run(s, "CREATE", f.body(in.TemplateBody, in.TemplateURL))
	return &cloudformation.CreateStackOutput{StackId: aws.String(s.id)}, nil
}

// body is the template of a call: inline, or a marker for a URL.
func (f *fakeCFN) body(body, url *string) string {
	if url != nil {
		u := aws.ToString(url)
		f.record("TemplateURL " + u)
		host, key, _ := strings.Cut(strings.TrimPrefix(u, "https://"), "/")
		bucket, _, _ := strings.Cut(host, ".s3.")
		f.objects.mu.Lock()
		defer f.objects.mu.Unlock()
		return string(f.objects.objs[bucket+"/"+key])
	}
	return aws.ToString(body)
}

func (f *fakeCFN) UpdateStack(ctx context.Context, in *cloudformation.UpdateStackInput, _ ...func(*cloudformation.Options)) (*cloudformation.UpdateStackOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // the SDK sends nothing on a cancelled context
	}
	defer f.wrote("UpdateStack") // after the unlock below
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("UpdateStack")
	f.tokens = append(f.tokens, aws.ToString(in.ClientRequestToken))
	s := f.find(aws.ToString(in.StackName))
	if s == nil || s.status == "DELETE_COMPLETE" {
		return nil, notExist(aws.ToString(in.StackName))
	}
	body := f.body(in.TemplateBody, in.TemplateURL)
	if f.onUpdate != nil {
		f.onUpdate(body)
	}
	if body == s.body && f.fail == nil {
		return nil, &smithy.GenericAPIError{Code: "ValidationError", Message: "No updates are to be performed."}
	}
	f.run(s, "UPDATE", body)
	return &cloudformation.UpdateStackOutput{StackId: aws.String(s.id)}, nil
}

func (f *fakeCFN) DeleteStack(ctx context.Context, in *cloudformation.DeleteStackInput, _ ...func(*cloudformation.Options)) (*cloudformation.DeleteStackOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // the SDK sends nothing on a cancelled context
	}
	defer f.wrote("DeleteStack") // after the unlock below
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("DeleteStack")
	if s := f.find(aws.ToString(in.StackName)); s != nil {
		f.event(s, s.name, "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated")
		f.event(s, s.name, "AWS::CloudFormation::Stack", "DELETE_COMPLETE", "")
		s.status = "DELETE_COMPLETE"
	}
	return &cloudformation.DeleteStackOutput{}, nil
}

func (f *fakeCFN) DescribeStacks(ctx context.Context, in *cloudformation.DescribeStacksInput, _ ...func(*cloudformation.Options)) (*cloudformation.DescribeStacksOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // the SDK sends nothing on a cancelled context
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("DescribeStacks")
	name := aws.ToString(in.StackName)
	s := f.find(name)
	if s != nil && s.pending != nil {
		if s.left--; s.left <= 0 {
			done := s.pending
			s.pending = nil
			done()
		}
	}
	// By name a deleted stack is gone; by id it shows DELETE_COMPLETE.
	if s == nil || (s.status == "DELETE_COMPLETE" && s.id != name) {
		return nil, notExist(name)
	}
	st := cfntypes.Stack{StackId: aws.String(s.id), StackName: aws.String(s.name), StackStatus: cfntypes.StackStatus(s.status)}
	st.Outputs = fakeOutputs(s.body)
	return &cloudformation.DescribeStacksOutput{Stacks: []cfntypes.Stack{st}}, nil
}

func (f *fakeCFN) DescribeStackEvents(ctx context.Context, in *cloudformation.DescribeStackEventsInput, _ ...func(*cloudformation.Options)) (*cloudformation.DescribeStackEventsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // the SDK sends nothing on a cancelled context
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("DescribeStackEvents")
	s := f.find(aws.ToString(in.StackName))
	if s == nil {
		return nil, notExist(aws.ToString(in.StackName))
	}
	return &cloudformation.DescribeStackEventsOutput{StackEvents: append([]cfntypes.StackEvent(nil), s.events...)}, nil
}

func (f *fakeCFN) GetTemplate(ctx context.Context, in *cloudformation.GetTemplateInput, _ ...func(*cloudformation.Options)) (*cloudformation.GetTemplateOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // the SDK sends nothing on a cancelled context
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("GetTemplate")
	s := f.find(aws.ToString(in.StackName))
	if s == nil {
		return nil, notExist(aws.ToString(in.StackName))
	}
	return &cloudformation.GetTemplateOutput{TemplateBody: aws.String(s.body)}, nil
}

// fakeOutputs resolves the outputs ampgo's templates use: Ref of a bucket
// or function gives its name, GetAtt Arn a made-up ARN.
func fakeOutputs(body string) []cfntypes.Output {
	var t struct {
		Resources map[string]struct {
			Properties map[string]any `json:"Properties"`
		} `json:"Resources"`
		Outputs map[string]struct {
			Value map[string]any `json:"Value"`
		} `json:"Outputs"`
	}
	if json.Unmarshal([]byte(body), &t) != nil {
		return nil
	}
	var out []cfntypes.Output
	for key, o := range t.Outputs {
		var v string
		if ref, ok := o.Value["Ref"].(string); ok {
			props := t.Resources[ref].Properties
			v, _ = props["BucketName"].(string)
			if fn, ok := props["FunctionName"].(string); ok {
				v = fn
			}
		} else if att, ok := o.Value["Fn::GetAtt"].([]any); ok {
			fn, _ := t.Resources[att[0].(string)].Properties["FunctionName"].(string)
			v = "arn:aws:lambda:us-east-1:123456789012:function:" + fn
		}
		out = append(out, cfntypes.Output{OutputKey: aws.String(key), OutputValue: aws.String(v)})
	}
	return out
}

// ops returns the calls so far, with counts, and forgets them.
func (f *fakeCFN) ops() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := strings.Join(f.calls, ",")
	f.calls = nil
	return out
}

// fakeObjects stands in for S3.
type fakeObjects struct {
	mu   sync.Mutex
	puts []string
	objs map[string][]byte
}

func (o *fakeObjects) Put(ctx context.Context, bucket, key string, body []byte, _ string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.objs == nil {
		o.objs = map[string][]byte{}
	}
	o.puts = append(o.puts, bucket+"/"+key)
	o.objs[bucket+"/"+key] = body
	return nil
}

func (o *fakeObjects) Empty(ctx context.Context, bucket string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for k := range o.objs {
		if strings.HasPrefix(k, bucket+"/") {
			delete(o.objs, k)
			n++
		}
	}
	return n, nil
}

// testSnapshot is the live state of the imported resources: a user pool
// with two clients and an identity pool (guests allowed) with both roles.
func testSnapshot() *cognito.Snapshot {
	return &cognito.Snapshot{
		Pool:           cognito.UserPool{ID: "us-east-1_AbC", Name: "acme-users", Region: "us-east-1", MFA: cognito.MFA{Configuration: "OFF"}},
		Clients:        []cognito.AppClient{{ID: "web", Name: "web", UserPoolID: "us-east-1_AbC"}, {ID: "native", Name: "native", UserPoolID: "us-east-1_AbC", HasSecret: true}},
		WebClientID:    "web",
		NativeClientID: "native",
		IdentityPool: &cognito.IdentityPool{ID: "us-east-1:1111", Name: "acme_identity", Region: "us-east-1", AllowUnauthenticated: true,
			AuthRoleARN: "arn:aws:iam::123456789012:role/acme-auth-role", UnauthRoleARN: "arn:aws:iam::123456789012:role/acme-unauth-role"},
		AuthRole:   &cognito.Role{ARN: "arn:aws:iam::123456789012:role/acme-auth-role", Name: "acme-auth-role", Found: true},
		UnauthRole: &cognito.Role{ARN: "arn:aws:iam::123456789012:role/acme-unauth-role", Name: "acme-unauth-role", Found: true},
	}
}

// fakeReader returns testSnapshot: every recorded resource still exists,
// unchanged.
type fakeReader struct{ importauth.Discovery }

func (fakeReader) ReadSnapshot(context.Context, cognito.Selection) (*cognito.Snapshot, error) {
	return testSnapshot(), nil
}

// fakeCloud wires the fakes into a Cloud that never sleeps.
func fakeCloud(cf *fakeCFN, objs *fakeObjects) *Cloud {
	cf.objects = objs
	stacks := awsx.NewStacksWith(cf)
	stacks.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return &Cloud{Region: "us-east-1", Stacks: stacks, Objects: objs,
		Account: func(context.Context) (string, error) { return "123456789012", nil }}
}
