package project

import (
	"errors"
	"testing"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/google/go-cmp/cmp"
)

// Adding prod, recording its deployed stack and checking it out writes
// team-provider-info.json, local-aws-info.json, local-env-info.json and the
// meta providers block.
func TestEnvLifecycleGolden(t *testing.T) {
	p := newTestProject(t)
	steps := []func() error{
		func() error { return p.AddEnv("prod", EnvOptions{Region: "eu-west-1", Profile: "acme-prod"}) },
		func() error { return p.Checkout("prod") },
		func() error {
			return p.SetEnvProvider("prod", ProviderInfo{Region: "eu-west-1", StackName: StackName("acmeapp", "prod"),
				StackID: "arn:aws:cloudformation:eu-west-1:123456789012:stack/amplify-acmeapp-prod/abc", DeploymentBucketName: "amplify-acmeapp-prod-deployment"})
		},
		p.Save,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	checkGolden(t, p.Root(), "env_prod")
	p = mustLoad(t, p.Root())
	if env, err := p.Env(); err != nil || env != "prod" {
		t.Errorf("CurrentEnv = %q, %v", env, err)
	}
	if diff := cmp.Diff([]string{"dev", "prod"}, p.Envs()); diff != "" {
		t.Errorf("Envs (-want +got):\n%s", diff)
	}
	info, err := p.EnvProvider("prod")
	if err != nil || info.DeploymentBucketName != "amplify-acmeapp-prod-deployment" || info.Region != "eu-west-1" {
		t.Errorf("EnvProvider(prod) = %+v, %v", info, err)
	}
	if err := p.RemoveEnv("dev"); err != nil {
		t.Fatalf("RemoveEnv(dev): %v", err)
	}
	if diff := cmp.Diff([]string{"prod"}, p.Envs()); diff != "" {
		t.Errorf("Envs after remove (-want +got):\n%s", diff)
	}
	if p.EnvProfile("dev") != "" {
		t.Error("dev profile kept after RemoveEnv")
	}
}

func TestEnvErrors(t *testing.T) {
	tests := []struct {
		name string
		do   func(p *Project) error
		want error // sentinel, or nil to only check for a usage error
	}{
		{name: "add existing", do: func(p *Project) error { return p.AddEnv("dev", EnvOptions{Region: "us-east-1"}) }, want: ErrEnvExists},
		{name: "add bad name", do: func(p *Project) error { return p.AddEnv("Prod", EnvOptions{Region: "us-east-1"}) }},
		{name: "add bad region", do: func(p *Project) error { return p.AddEnv("prod", EnvOptions{Region: "moon"}) }},
		{name: "checkout unknown", do: func(p *Project) error { return p.Checkout("qa") }, want: ErrUnknownEnv},
		{name: "remove unknown", do: func(p *Project) error { return p.RemoveEnv("qa") }, want: ErrUnknownEnv},
		{name: "remove current", do: func(p *Project) error { return p.RemoveEnv("dev") }},
		{name: "provider of unknown", do: func(p *Project) error { return p.SetEnvProvider("qa", ProviderInfo{}) }, want: ErrUnknownEnv},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do(newTestProject(t))
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
			if tt.want == nil && exit.Code(err) != exit.Usage {
				t.Errorf("error = %v, want a usage error", err)
			}
			if exit.Hint(err) == "" {
				t.Errorf("error %v has no hint", err)
			}
		})
	}
}
