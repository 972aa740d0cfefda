package project

import (
	"fmt"
	"sort"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/jsonobj"
)

// ProviderInfo is the "awscloudformation" block of an environment in
// team-provider-info.json, and of "providers" in amplify-meta.json for the
// current environment. Fields are in the order the Amplify CLI writes them;
// empty ones are left out, so a new environment has only Region and StackName.
type ProviderInfo struct {
	AuthRoleName         string `json:"AuthRoleName,omitempty"`
	UnauthRoleARN        string `json:"UnauthRoleArn,omitempty"`
	AuthRoleARN          string `json:"AuthRoleArn,omitempty"`
	Region               string `json:"Region"`
	DeploymentBucketName string `json:"DeploymentBucketName,omitempty"`
	UnauthRoleName       string `json:"UnauthRoleName,omitempty"`
	StackName            string `json:"StackName"`
	StackID              string `json:"StackId,omitempty"`
	AmplifyAppID         string `json:"AmplifyAppId,omitempty"`
}

// LocalEnvInfo is amplify/.config/local-env-info.json (not committed).
type LocalEnvInfo struct {
	ProjectPath   string `json:"projectPath"`
	DefaultEditor string `json:"defaultEditor"`
	EnvName       string `json:"envName"`
}

// AWSProfile is one environment of amplify/.config/local-aws-info.json.
type AWSProfile struct {
	ConfigLevel string `json:"configLevel"`
	UseProfile  bool   `json:"useProfile"`
	ProfileName string `json:"profileName"`
}

// EnvOptions describes a new environment.
type EnvOptions struct {
	Region  string
	Profile string // AWS profile to record in local-aws-info.json; "" for none
}

// Envs returns the environments of team-provider-info.json, sorted.
func (p *Project) Envs() []string {
	envs := append([]string(nil), p.read(TeamProviderInfoFile).Keys()...)
	sort.Strings(envs)
	return envs
}

// CurrentEnv returns the current environment, or "" when none is set (fresh
// clone) or it is not in team-provider-info.json. Use Env for the reason.
func (p *Project) CurrentEnv() string {
	env, _ := p.Env()
	return env
}

// Env returns the current environment (local-env-info.json envName). In a
// fresh clone there is none: the error is an *EnvError with ErrNoEnv, whose
// hint names the environments to check out; ampgo does not guess one. An env
// that is not in team-provider-info.json gives ErrUnknownEnv.
func (p *Project) Env() (string, error) {
	var info LocalEnvInfo
	if _, err := p.read(LocalEnvInfoFile).Decode("envName", &info.EnvName); err != nil || info.EnvName == "" {
		return "", &EnvError{Known: p.Envs(), Err: ErrNoEnv}
	}
	if err := p.checkEnv(info.EnvName); err != nil {
		return "", err
	}
	return info.EnvName, nil
}

// checkEnv returns an *EnvError with ErrUnknownEnv when env is not in
// team-provider-info.json.
func (p *Project) checkEnv(env string) error {
	if p.read(TeamProviderInfoFile).Has(env) {
		return nil
	}
	return &EnvError{Env: env, Known: p.Envs(), Err: ErrUnknownEnv}
}

// EnvProvider returns the awscloudformation block of env.
func (p *Project) EnvProvider(env string) (ProviderInfo, error) {
	var info ProviderInfo
	if err := p.checkEnv(env); err != nil {
		return info, err
	}
	tpi := p.read(TeamProviderInfoFile).LookupObject(env)
	if _, err := tpi.Decode(ProviderPlugin, &info); err != nil {
		return info, fmt.Errorf("read %s %s: %w", TeamProviderInfoFile, env, err)
	}
	return info, nil
}

// EnvRegion returns the region of env, or "" when env is unknown (see
// EnvProvider for the error).
func (p *Project) EnvRegion(env string) string {
	info, _ := p.EnvProvider(env)
	return info.Region
}

// EnvProfile returns the AWS profile recorded for env in local-aws-info.json,
// or "" when there is none (the SDK's default chain applies).
func (p *Project) EnvProfile(env string) string {
	var prof AWSProfile
	if _, err := p.read(LocalAWSInfoFile).Decode(env, &prof); err != nil || !prof.UseProfile {
		return ""
	}
	return prof.ProfileName
}

// SetEnvProvider merges info into the awscloudformation block of env: its
// non-empty fields replace the stored ones in place, and keys ampgo does not
// know are kept. For the current environment amplify-meta.json "providers" is
// updated too.
func (p *Project) SetEnvProvider(env string, info ProviderInfo) error {
	if err := p.checkEnv(env); err != nil {
		return err
	}
	if err := mergeInto(p.edit(TeamProviderInfoFile), []string{env, ProviderPlugin}, info); err != nil {
		return fmt.Errorf("set %s %s: %w", TeamProviderInfoFile, env, err)
	}
	if p.CurrentEnv() == env {
		return p.syncMetaProvider(env)
	}
	return nil
}

// syncMetaProvider copies the awscloudformation block of env to
// amplify-meta.json "providers".
func (p *Project) syncMetaProvider(env string) error {
	raw, ok := p.read(TeamProviderInfoFile).Lookup(env, ProviderPlugin)
	if !ok {
		// Never leave the previous env's stack in meta.
		return deleteFrom(p, MetaPath(BackendDir), providersKey, ProviderPlugin)
	}
	if err := p.edit(MetaPath(BackendDir)).SetIn([]string{providersKey, ProviderPlugin}, raw); err != nil {
		return fmt.Errorf("set %s providers: %w", MetaPath(BackendDir), err)
	}
	return nil
}

// mergeInto sets each key of v (encoded as an object) at path in o, keeping
// the position of existing keys and every other key.
func mergeInto(o *jsonobj.Object, at []string, v any) error {
	src, err := jsonobj.FromValue(v)
	if err != nil {
		return err
	}
	dst := o.LookupObject(at...)
	for _, k := range src.Keys() {
		val, _ := src.Get(k)
		dst.Set(k, val)
	}
	return o.PutIn(at, dst)
}

// AddEnv adds an environment to team-provider-info.json (and its profile to
// local-aws-info.json). It does not switch to it: call Checkout.
func (p *Project) AddEnv(name string, o EnvOptions) error {
	if err := ValidateEnvName(name); err != nil {
		return err
	}
	if err := ValidateRegion(o.Region); err != nil {
		return err
	}
	if p.read(TeamProviderInfoFile).Has(name) {
		return &EnvError{Env: name, Known: p.Envs(), Err: ErrEnvExists}
	}
	info := ProviderInfo{Region: o.Region, StackName: StackName(p.Config().ProjectName, name)}
	if err := p.edit(TeamProviderInfoFile).PutIn([]string{name, ProviderPlugin}, info); err != nil {
		return fmt.Errorf("add environment %s: %w", name, err)
	}
	if o.Profile != "" {
		prof := AWSProfile{ConfigLevel: "project", UseProfile: true, ProfileName: o.Profile}
		if err := p.edit(LocalAWSInfoFile).Put(name, prof); err != nil {
			return fmt.Errorf("add environment %s: %w", name, err)
		}
	}
	return nil
}

// Checkout makes env the current environment: local-env-info.json envName
// (and projectPath) and amplify-meta.json "providers". Switching to another
// environment drops the deployed outputs of the previous one's stack from
// amplify-meta.json (see clearDeployedOutputs). The outputs of imported auth in
// amplify-meta.json still describe the previous environment: the caller must
// re-validate the env's imported resources and record them with
// SetImportedAuth, as the Amplify CLI does on checkout (reference §4.3).
func (p *Project) Checkout(env string) error {
	if err := p.checkEnv(env); err != nil {
		return err
	}
	if cur := p.CurrentEnv(); cur != "" && cur != env {
		if err := p.clearDeployedOutputs(); err != nil {
			return err
		}
	}
	local := p.edit(LocalEnvInfoFile)
	// projectPath follows the folder, as the Amplify CLI updates it on init.
	if err := local.Put("projectPath", p.root); err != nil {
		return err
	}
	if !local.Has("defaultEditor") {
		if err := local.Put("defaultEditor", DefaultEditor); err != nil {
			return err
		}
	}
	if err := local.Put("envName", env); err != nil {
		return err
	}
	return p.syncMetaProvider(env)
}

// RemoveEnv removes env from team-provider-info.json and local-aws-info.json.
// The current environment cannot be removed (as in the Amplify CLI). Nothing
// in AWS is touched: deleting the env's stack is the deploy package's job.
func (p *Project) RemoveEnv(env string) error {
	if err := p.checkEnv(env); err != nil {
		return err
	}
	if p.CurrentEnv() == env {
		return exit.UsageErrorf("check out another environment first with `ampgo env checkout NAME`",
			"remove environment %s: it is the current environment", env)
	}
	p.edit(TeamProviderInfoFile).Delete(env)
	if p.exists(LocalAWSInfoFile) {
		p.edit(LocalAWSInfoFile).Delete(env)
	}
	return nil
}
