package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/project"
)

// EnvStack is another environment's stack, read to be deleted with the
// environment (`env remove NAME --delete-stack`).
type EnvStack struct {
	d *deployment
}

// DeleteStackCommand is the AWS CLI command that deletes an environment's
// stack, printed when ampgo does not delete it itself.
func DeleteStackCommand(p *project.Project, env string) string {
	return fmt.Sprintf("aws cloudformation delete-stack --stack-name %s --region %s",
		project.StackName(p.Config().ProjectName, env), p.EnvRegion(env))
}

// ReadEnvStack reads env's stack and plans its deletion (read calls only);
// nil when env has no stack. cloud must be in env's region.
func ReadEnvStack(ctx context.Context, p *project.Project, env string, cloud *Cloud, log io.Writer) (*EnvStack, error) {
	e := category.Env{Project: p.Config().ProjectName, Env: env, Region: cloud.Region}
	d := &deployment{cloud: cloud, log: log,
		target: &target{Stack: project.StackName(e.Project, env), Env: e, Template: cfn.New("")}}
	if err := d.readStack(ctx); err != nil {
		return nil, err
	}
	if d.stack == nil {
		return nil, nil
	}
	account, err := cloud.Account(ctx)
	if err != nil {
		return nil, err
	}
	d.target.Env.Account = account
	if err := d.makePlan(); err != nil {
		return nil, err
	}
	d.plan.Action = ActionDelete
	return &EnvStack{d: d}, nil
}

// Plan is what deleting the stack removes: every resource, and every
// statement on the imported roles.
func (s *EnvStack) Plan() Plan { return s.d.plan }

// Delete empties the deployment bucket, deletes the stack and waits until
// it is gone; storage buckets stay with their data (DeletionPolicy Retain),
// and the command that deletes each is printed.
func (s *EnvStack) Delete(ctx context.Context) error {
	if err := s.d.deleteStack(ctx, "environment "+s.d.target.Env.Env+" removed"); err != nil {
		if errors.Is(err, awsx.ErrStackNotFound) {
			return nil
		}
		return err
	}
	for _, b := range s.d.retainedBuckets() {
		fmt.Fprintf(s.d.log, "note: bucket %s keeps its data (DeletionPolicy Retain); delete it with `aws s3 rb s3://%s --force` when you no longer need it\n", b, b)
	}
	return nil
}
