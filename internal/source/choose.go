package source

import (
	"context"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/project"
)

// NewStackAPI is the CloudFormation client of cfg (awsx.Config: every call
// bounded in time, errors classified).
func NewStackAPI(cfg aws.Config) StackAPI { return cloudformation.NewFromConfig(cfg) }

// Input is what Choose needs besides the source.
type Input struct {
	Root   string    // the project root: a file inside it is recorded relative to it
	Stdin  io.Reader // for "-"
	Config aws.Config
	Client ClientDescriber
	Log    io.Writer // stderr
	Request
}

// Choice is what a source gave: the ids to import and what to record.
type Choice struct {
	Selection cognito.Selection
	// Record is the source to record for the environment; nil for stdin,
	// which cannot be read again.
	Record *project.AuthSource
}

// Choose reads spec, resolves the ids (explicit flags win) and says on
// in.Log what it took from where.
func Choose(ctx context.Context, spec Spec, in Input) (*Choice, error) {
	f, err := Load(ctx, spec, in.Stdin, func() (StackAPI, error) { return NewStackAPI(in.Config), nil })
	if err != nil {
		return nil, err
	}
	sel, err := Resolve(ctx, f, in.Request, in.Client)
	if err != nil {
		return nil, err
	}
	c := &Choice{Selection: sel}
	if rec, ok := spec.Recordable(in.Root); ok {
		r := rec.Record()
		c.Record = &r
	}
	fmt.Fprintf(in.Log, "✔ From %s: %s.\n", spec, Describe(sel))
	if c.Record == nil {
		fmt.Fprintln(in.Log, "note: a source on stdin is not recorded; pass it again to `ampgo auth refresh` to follow it.")
	}
	return c, nil
}

// Describe lists a selection's ids for a message.
func Describe(sel cognito.Selection) string {
	s := "user pool " + sel.UserPoolID + ", web client " + sel.WebClientID
	if sel.NativeClientID != "" && sel.NativeClientID != sel.WebClientID {
		s += ", native client " + sel.NativeClientID
	}
	if sel.IdentityPoolID != "" {
		s += ", identity pool " + sel.IdentityPoolID
	}
	return s
}
