package cmdutil

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ampgo/ampgo/internal/project"
)

// EnvProfile is the AWS profile a command uses for environment env of p:
// --profile when given, else the profile recorded for env
// (local-aws-info.json), else "" (the SDK's own chain).
func (f *Factory) EnvProfile(p *project.Project, env string) string {
	if f.Profile != "" {
		return f.Profile
	}
	return p.EnvProfile(env)
}

// EnvAWSConfig builds the AWS config of environment env of p: --profile and
// --region when given, else the profile and region recorded for env. It is
// the prologue of every command that reaches AWS for a project environment.
func (f *Factory) EnvAWSConfig(ctx context.Context, p *project.Project, env string) (aws.Config, error) {
	return f.AWSConfig(ctx, f.EnvProfile(p, env), p.EnvRegion(env))
}
