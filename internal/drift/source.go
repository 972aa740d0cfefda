package drift

import (
	"context"
	"errors"
	"sync"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/source"
)

// PartSource is the Change.Part of an id the recorded source now names
// differently (issue 15).
const PartSource = "source"

// SourceCheck is what `ampgo status` found reading the environment's
// recorded source again: whether it still names the recorded ids.
type SourceCheck struct {
	Kind    string `json:"kind"`
	Stack   string `json:"stack,omitempty"`
	File    string `json:"file,omitempty"`
	Checked bool   `json:"checked"`
	// Reason says why the source was not read, or what failed.
	Reason string `json:"reason,omitempty"`
	// Changes are the ids the source names now that differ from the
	// recorded ones (Part "source", Change "replaced"); they are in the
	// report's Changes too, so the drift table shows them.
	Changes []Change `json:"changes"`
}

// Option configures Check.
type Option func(*checkOptions)

type checkOptions struct {
	stacks func() (source.StackAPI, error)
}

// WithStacks lets Check read a CloudFormation source (DescribeStackResources
// per stack of the tree, DescribeStacks when it has no Cognito resource).
// Without it, status reads file sources only and says so for a stack.
func WithStacks(newAPI func() (source.StackAPI, error)) Option {
	return func(o *checkOptions) { o.stacks = newAPI }
}

// checkSource reads the current environment's recorded source, when there
// is one, and reports the ids it names now that differ from the recorded
// ones. Reading a file costs nothing in AWS (DescribeUserPoolClient only
// when the file does not say which client has a secret); a stack costs
// its reads. A source that cannot be read is a reason, not a failure:
// status still shows everything else.
func checkSource(ctx context.Context, p *project.Project, a *project.ImportedAuth, env string, newReader func() (SnapshotReader, error), o checkOptions) *SourceCheck {
	rec, ok := p.EnvAuthSource(env)
	if !ok {
		return nil
	}
	sc := &SourceCheck{Kind: rec.Kind, Stack: rec.Stack, File: rec.File, Changes: []Change{}}
	spec := source.FromRecord(rec).Resolved(p.Root())
	if spec.Kind == source.KindCloudFormation && o.stacks == nil {
		sc.Reason = "status reads file sources only; `ampgo auth refresh` reads the stack and follows it"
		return sc
	}
	stacks := o.stacks
	if stacks == nil {
		stacks = func() (source.StackAPI, error) { return nil, nil }
	}
	f, err := source.Load(ctx, spec, nil, stacks)
	if err != nil {
		sc.Reason = reason(err)
		return sc
	}
	recorded := importauth.SelectionOf(a.Env)
	sel, err := source.Resolve(ctx, f, source.Request{Prefer: recorded, WithIdentityPool: a.Env.IdentityPoolID != ""}, &lazyClients{newReader: newReader})
	if err != nil {
		sc.Reason = reason(err)
		return sc
	}
	sc.Checked = true
	for _, id := range []struct{ part, old, new string }{
		{PartUserPool, recorded.UserPoolID, sel.UserPoolID}, {PartWebClient, recorded.WebClientID, sel.WebClientID},
		{PartNativeClient, recorded.NativeClientID, sel.NativeClientID}, {PartIdentityPool, recorded.IdentityPoolID, sel.IdentityPoolID},
	} {
		if id.old != id.new {
			sc.Changes = append(sc.Changes, Change{Part: PartSource, Resource: id.part + " (named by the " + rec.Kind + " source)",
				Field: "id", Recorded: jsonString(id.old), Live: jsonString(id.new), Change: Replaced})
		}
	}
	return sc
}

func reason(err error) string {
	if h := exit.Hint(err); h != "" {
		return err.Error() + " (" + h + ")"
	}
	return err.Error()
}

// lazyClients describes app clients with the reader status builds anyway,
// only when the source does not say which client has a secret.
type lazyClients struct {
	newReader func() (SnapshotReader, error)
	once      sync.Once
	r         source.ClientDescriber
	err       error
}

func (l *lazyClients) Client(ctx context.Context, poolID, clientID string) (cognito.AppClient, error) {
	l.once.Do(func() {
		var r SnapshotReader
		if r, l.err = l.newReader(); l.err == nil {
			if d, ok := r.(source.ClientDescriber); ok {
				l.r = d
			}
		}
	})
	if l.err != nil {
		return cognito.AppClient{}, l.err
	}
	if l.r == nil {
		return cognito.AppClient{}, errors.New("describe app client " + clientID + ": this reader cannot")
	}
	return l.r.Client(ctx, poolID, clientID)
}
