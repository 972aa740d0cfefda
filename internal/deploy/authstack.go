package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

// authDeployment is one push's work on the environment's managed-auth
// stack (issue 14), planned before anything is changed. The stack is
// deployed first; its outputs are then checked with every import rule and
// recorded like an import, and the environment's own stack is built on them.
type authDeployment struct {
	*deployment
	name string // the auth resource
	// pending: no ids are recorded for the environment yet, so its own
	// stack can only be planned once this one is deployed.
	pending bool
	// removed: the environment's auth is no longer managed (remove auth),
	// so the stack is deleted; a retained user pool stays.
	removed bool
	// pool is the user pool the stack holds as recorded, for messages.
	pool string
	// forget is removed managed auth whose resources this stack held and
	// the new auth replaces in it (remove auth, then add auth again).
	forget string
}

// prepareAuth plans the managed-auth stack of the current environment: nil
// when its auth is not managed and it deployed no managed auth. It only
// reads from AWS.
func prepareAuth(ctx context.Context, p *project.Project, cloud *Cloud, log io.Writer) (*authDeployment, error) {
	env, err := p.Env()
	if err != nil || cloud == nil {
		return nil, nil // prepare reports it
	}
	proj := p.Config().ProjectName
	stack := project.AuthStackName(proj, env)
	e := category.Env{Project: proj, Env: env, Region: cloud.Region}
	name, settings, hasSettings := p.ManagedAuth()
	m, managed := p.EnvManagedAuth(env)
	if !managed || !hasSettings {
		return prepareAuthRemoval(ctx, p, cloud, log, e, stack)
	}
	if e, err = stackEnv(ctx, p, cloud, env); err != nil {
		return nil, err
	}
	ma := category.ManagedAuth{Name: name, ManagedAuthSettings: settings, RetainUserPool: !m.AllowUserPoolDeletion}
	t := cfn.New(fmt.Sprintf("ampgo: managed auth %s of project %s, environment %s", name, proj, env))
	if err := ma.AddTo(t, e); err != nil {
		return nil, err
	}
	params, err := socialValues(ctx, ma, cloud.Parameter)
	if err != nil {
		return nil, err
	}
	d := &deployment{cloud: cloud, log: log, target: &target{Stack: stack, Env: e, Template: t, Params: params}}
	if err := d.readStack(ctx); err != nil {
		return nil, err
	}
	if err := d.makePlan(); err != nil {
		return nil, err
	}
	if err := refuseSignInChange(d, ma); err != nil {
		return nil, err
	}
	ad := &authDeployment{deployment: d, name: name}
	if old, _, ok := p.RemovedManagedAuth(env); ok {
		ad.forget = old
	}
	if a, ok := p.ImportedAuth(); !ok || a.Env.UserPoolID == "" {
		ad.pending = true
	} else {
		ad.pool = a.Env.UserPoolID
	}
	return ad, nil
}

// prepareAuthRemoval plans deleting the managed-auth stack of auth that
// this environment created and the project no longer has (`ampgo remove
// auth`): team-provider-info.json keeps the env's entry until then, so a
// push in any clone finds it. An env without such an entry makes no call.
func prepareAuthRemoval(ctx context.Context, p *project.Project, cloud *Cloud, log io.Writer, e category.Env, stack string) (*authDeployment, error) {
	name, ids, ok := p.RemovedManagedAuth(e.Env)
	if !ok {
		return nil, nil
	}
	d := &deployment{cloud: cloud, log: log, target: &target{Stack: stack, Env: e, Template: cfn.New("")}}
	if err := d.readStack(ctx); err != nil {
		return nil, err
	}
	if err := d.makePlan(); err != nil {
		return nil, err
	}
	d.plan.Action = ActionDelete
	if d.stack == nil {
		d.plan.Action = ActionNone // deleted already: only the record goes
	}
	return &authDeployment{deployment: d, name: name, removed: true, pool: ids.UserPoolID}, nil
}

// writeKept says whether the deleted stack's user pool was kept, and how
// to delete a kept one.
func (ad *authDeployment) writeKept() {
	if !ad.poolKept() {
		fmt.Fprintf(ad.log, "note: user pool %s was deleted with the stack (the environment allowed it)\n", ad.pool)
		return
	}
	cmds := DeleteUserPoolCommands(ad.pool)
	fmt.Fprintf(ad.log, "note: user pool %s was retained with its users (DeletionPolicy Retain, deletion protection); to delete it: `%s` (the call resets every setting it is not given), then `%s`\n",
		ad.pool, cmds[0], cmds[1])
}

// DeleteUserPoolCommands are the two AWS CLI commands that delete a
// retained managed user pool: deletion protection off, then the delete.
func DeleteUserPoolCommands(pool string) [2]string {
	return [2]string{"aws cognito-idp update-user-pool --user-pool-id " + pool + " --deletion-protection INACTIVE",
		"aws cognito-idp delete-user-pool --user-pool-id " + pool}
}

// poolKept reports whether every user pool of the deployed stack has
// DeletionPolicy Retain.
func (ad *authDeployment) poolKept() bool {
	for _, kept := range ad.old.poolRetained {
		if !kept {
			return false
		}
	}
	return true
}

// refuseSignInChange refuses a template whose user pool keeps its logical
// id but changes how users sign in: AWS refuses that update and rolls the
// stack back (reference/managed-auth-and-sources.md §2). `update auth`
// refuses it first; this catches a hand-edited managed-auth.json.
func refuseSignInChange(d *deployment, ma category.ManagedAuth) error {
	if d.old == nil {
		return nil
	}
	for id, r := range d.target.Template.Resources {
		if r.Type != cfn.TypeUserPool {
			continue
		}
		old, ok := d.old.userPoolSignIn[id]
		if !ok {
			continue
		}
		now := category.UsernameAttributesKey(ma.SignIn)
		if old != now {
			return &exit.Error{Code: exit.Usage,
				Err: fmt.Errorf("push auth %s: the user pool %s signs in with [%s] and the settings say [%s]; Cognito never changes that on an existing pool", ma.Name, id, old, now),
				Fix: "change sign-in with `ampgo update auth --sign-in … --replace-user-pool` (a new, empty user pool), or restore " + project.ManagedAuthPath(ma.Name)}
		}
	}
	return nil
}

// socialValues reads each social provider credential from its environment
// variable, or else from SSM under the recorded prefix (never from a
// file). Every missing value is named at once.
func socialValues(ctx context.Context, ma category.ManagedAuth, ssm func(context.Context, string) (string, error)) (map[string]string, error) {
	params := ma.SocialParameters()
	if len(params) == 0 {
		return nil, nil
	}
	values := map[string]string{}
	var missing []string
	for _, sp := range params {
		if v := os.Getenv(sp.Variable); v != "" {
			values[sp.Name] = v
			continue
		}
		if ma.SocialSSMPrefix == "" || ssm == nil {
			missing = append(missing, sp.Variable)
			continue
		}
		v, err := ssm(ctx, ma.SocialSSMPrefix+sp.SSMSuffix)
		if err != nil {
			return nil, fmt.Errorf("push auth %s: %s: %w", ma.Name, sp.Variable, err)
		}
		values[sp.Name] = v
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, exit.UsageErrorf("set "+strings.Join(missing, ", ")+" in the environment of `ampgo push` (from your CI's secret store), or record where they are in SSM with `ampgo update auth --social-ssm-prefix /app/auth/`; they are passed to CloudFormation as NoEcho parameters and never written to a file",
			"push auth %s: the social sign-in credentials are not set", ma.Name)
	}
	return values, nil
}

// apply deploys (or deletes) the managed-auth stack, then records the
// resources it holds, checked with every import rule, as the
// environment's auth. Nothing is saved here: Push saves once at the end.
func (ad *authDeployment) apply(ctx context.Context, p *project.Project, r SnapshotReader) error {
	if ad.removed {
		if ad.stack != nil {
			if err := ad.deleteStack(ctx, "auth "+ad.name+" removed"); err != nil {
				return err
			}
			ad.writeKept()
		}
		return p.ForgetRemovedManagedAuth(ad.target.Env.Env, ad.name)
	}
	if ad.plan.Action == ActionNone {
		fmt.Fprintf(ad.log, "Stack %s: no changes\n", ad.target.Stack)
	}
	st, err := ad.deployment.apply(ctx)
	if err != nil {
		return err
	}
	if st == nil {
		return errors.New("deploy managed auth: the stack is gone (internal error)")
	}
	return ad.record(ctx, p, r, st)
}

// record checks the created resources with every import rule and records
// them as the environment's auth, exactly as an import would.
func (ad *authDeployment) record(ctx context.Context, p *project.Project, r SnapshotReader, st *awsx.Stack) error {
	// The stack may have just changed what a reader remembers
	// (cognito.Reader describes each resource once).
	if f, ok := r.(interface{ Forget() }); ok {
		f.Forget()
	}
	out := func(key string) string { return st.Outputs[key] }
	sel := cognito.Selection{UserPoolID: out(category.ManagedUserPoolIDOutput(ad.name)),
		WebClientID: out(category.ManagedWebClientIDOutput(ad.name)), NativeClientID: out(category.ManagedNativeClientIDOutput(ad.name)),
		IdentityPoolID: out(category.ManagedIdentityPoolIDOutput(ad.name))}
	if sel.UserPoolID == "" || sel.WebClientID == "" || sel.NativeClientID == "" || sel.IdentityPoolID == "" {
		return fmt.Errorf("read outputs of stack %s: the user pool, client and identity pool ids are not all there", st.Name)
	}
	snap, err := importauth.Validate(ctx, r, sel, ad.log)
	if err != nil {
		return fmt.Errorf("check the resources of stack %s with the import rules: %w", st.Name, err)
	}
	a, err := importauth.Record(snap, ad.name, p.Config().Frontend)
	if err != nil {
		return err
	}
	if err := p.SetImportedAuth(a); err != nil {
		return err
	}
	if ad.pool != "" && ad.pool != sel.UserPoolID {
		fmt.Fprintf(ad.log, "note: environment %s now uses the new user pool %s; the old one, %s, keeps its users unless its deletion was allowed\n",
			ad.target.Env.Env, sel.UserPoolID, ad.pool)
	}
	ad.pool = sel.UserPoolID
	if ad.forget != "" {
		return p.ForgetRemovedManagedAuth(ad.target.Env.Env, ad.forget)
	}
	return nil
}
