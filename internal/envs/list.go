package envs

import (
	"fmt"

	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// Summary is one environment, as `ampgo env list` shows it (and its JSON
// form with --output json).
type Summary struct {
	Name    string   `json:"name"`
	Region  string   `json:"region"`
	Current bool     `json:"current"`
	Auth    *AuthIDs `json:"auth"` // null when the environment has no imported auth recorded
	// AuthMode is "imported", "managed" (ampgo creates the resources:
	// Auth is null until the first push) or "" (no auth).
	AuthMode string `json:"authMode"`
}

// AuthIDs are the ids an environment's imported auth resource points at.
type AuthIDs struct {
	ResourceName   string `json:"resourceName"`
	UserPoolID     string `json:"userPoolId"`
	WebClientID    string `json:"webClientId"`
	NativeClientID string `json:"nativeClientId"`
	IdentityPoolID string `json:"identityPoolId,omitempty"`
}

// authIDs returns env's recorded ids, or nil.
func authIDs(p *project.Project, env string) *AuthIDs {
	name, ids, ok := p.EnvImportedAuth(env)
	if !ok {
		return nil
	}
	return &AuthIDs{ResourceName: name, UserPoolID: ids.UserPoolID, WebClientID: ids.WebClientID,
		NativeClientID: ids.NativeClientID, IdentityPoolID: ids.IdentityPoolID}
}

// List returns every environment, sorted by name. On a fresh clone none is
// current.
func List(p *project.Project) []Summary {
	current := p.CurrentEnv()
	envs := p.Envs()
	out := make([]Summary, 0, len(envs))
	for _, env := range envs {
		out = append(out, Summary{Name: env, Region: p.EnvRegion(env), Current: env == current, Auth: authIDs(p, env), AuthMode: p.EnvAuthMode(env)})
	}
	return out
}

// Removal is what `ampgo env remove` removes, and what it leaves alone.
type Removal struct {
	Env       string
	Region    string
	StackName string
	Deployed  bool   // the environment records a deployed stack
	Profile   string // AWS profile recorded for it; "" none
	Auth      *AuthIDs
}

// PlanRemove checks that env can be removed and says what that means. The
// current environment and the only one cannot be removed.
func PlanRemove(p *project.Project, env string) (*Removal, error) {
	info, err := p.EnvProvider(env)
	if err != nil {
		return nil, usage(err)
	}
	if env == p.CurrentEnv() {
		return nil, exit.UsageErrorf("check out another environment first with `ampgo env checkout NAME`",
			"remove environment %s: it is the current environment", env)
	}
	if len(p.Envs()) == 1 {
		return nil, exit.UsageErrorf("add another environment first with `ampgo env add NAME`",
			"remove environment %s: it is the only environment of the project", env)
	}
	return &Removal{Env: env, Region: info.Region, StackName: info.StackName, Deployed: info.StackID != "",
		Profile: p.EnvProfile(env), Auth: authIDs(p, env)}, nil
}

// Describe says, one line each, what will be removed and what will not.
func (r *Removal) Describe() []string {
	lines := []string{fmt.Sprintf("Environment %s (region %s) will be removed from %s.", r.Env, r.Region, project.TeamProviderInfoFile)}
	if r.Profile != "" {
		lines = append(lines, fmt.Sprintf("Its AWS profile setting (%s) will be removed from %s.", r.Profile, project.LocalAWSInfoFile))
	}
	if a := r.Auth; a != nil {
		what := fmt.Sprintf("user pool %s, app client %s", a.UserPoolID, a.WebClientID)
		if a.NativeClientID != a.WebClientID {
			what = fmt.Sprintf("user pool %s, app clients %s and %s", a.UserPoolID, a.WebClientID, a.NativeClientID)
		}
		if a.IdentityPoolID != "" {
			what += ", identity pool " + a.IdentityPoolID + " and its roles"
		}
		lines = append(lines, fmt.Sprintf("Not deleted: the imported Cognito resources it uses (%s); ampgo never deletes or changes them.", what))
	}
	if r.Deployed {
		lines = append(lines, fmt.Sprintf("Not deleted: its CloudFormation stack %s. Delete it yourself once nothing uses it: `aws cloudformation delete-stack --stack-name %s --region %s`.",
			r.StackName, r.StackName, r.Region))
	}
	return append(lines, "Nothing in AWS is changed.")
}

// Remove removes the environment of plan from the project files and saves.
func Remove(p *project.Project, plan *Removal) error {
	if err := p.RemoveEnv(plan.Env); err != nil {
		return err
	}
	return p.Save()
}
