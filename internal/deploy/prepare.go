package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ampgo/ampgo/internal/awsx"
	"github.com/ampgo/ampgo/internal/category"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
)

// deployment is one push's work on the environment's stack, planned by
// prepare before anything is changed.
type deployment struct {
	cloud   *Cloud
	target  *target
	stack   *awsx.Stack // the deployed stack; nil when there is none
	oldBody string      // its template
	old     *parsed     // the same, parsed
	plan    Plan
	log     io.Writer
	// journal records each AWS write before it is sent (nil: a dry run).
	journal *journal
}

// prepare plans the environment's stack: it returns nil when the project
// has no storage, function or API and the environment has no stack (an
// import-only project makes one DescribeStacks call and nothing else). It
// only reads from AWS.
func prepare(ctx context.Context, p *project.Project, cloud *Cloud, log io.Writer) (*deployment, error) {
	res, others, err := managed(p)
	if err != nil {
		return nil, err
	}
	for _, o := range others {
		fmt.Fprintf(log, "note: %s %s was not added by ampgo; push leaves it alone\n", o.Category, o.Name)
	}
	warnExpiringKeys(log, res.GraphQL, time.Now())
	if cloud == nil {
		if res.empty() && !p.HasDeployedResources() {
			return nil, nil
		}
		return nil, errors.New("push storage, functions and APIs: no AWS clients (internal error)")
	}
	env, err := p.Env()
	if err != nil {
		return nil, err
	}
	// A project without storage, functions or APIs still looks at this
	// environment's stack (one read): a category removed and pushed in
	// another environment leaves this one's stack behind, and only the
	// stack, not the local files, knows it (issue 11). No stack: nothing to
	// deploy, and no further call.
	if res.empty() {
		if _, err := cloud.Stacks.Describe(ctx, project.StackName(p.Config().ProjectName, env)); errors.Is(err, awsx.ErrStackNotFound) {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
	}
	e, err := stackEnv(ctx, p, cloud, env)
	if err != nil {
		return nil, err
	}
	var auth *project.ImportedAuth
	if a, ok := p.ImportedAuth(); ok {
		auth = a
	}
	tgt, err := synthesize(p, e, auth, res)
	if err != nil {
		return nil, err
	}
	d := &deployment{cloud: cloud, target: tgt, log: log}
	if err := d.readStack(ctx); err != nil {
		return nil, err
	}
	return d, d.makePlan()
}

// stackEnv is what env's stacks are built for. They live in the
// environment's region, whatever --region says, and need the account (for
// bucket names and ARNs).
func stackEnv(ctx context.Context, p *project.Project, cloud *Cloud, env string) (category.Env, error) {
	if want := p.EnvRegion(env); want != "" && want != cloud.Region {
		return category.Env{}, exit.UsageErrorf("leave out --region (or pass --region "+want+")",
			"environment %s deploys its stacks to %s, not %s", env, want, cloud.Region)
	}
	account, err := cloud.Account(ctx)
	if err != nil {
		return category.Env{}, err
	}
	return category.Env{Project: p.Config().ProjectName, Env: env, Region: cloud.Region, Account: account}, nil
}

// readStack reads the deployed stack and its template. A stack that failed
// to be created holds nothing and counts as absent.
func (d *deployment) readStack(ctx context.Context) error {
	st, err := d.cloud.Stacks.Describe(ctx, d.target.Stack)
	if errors.Is(err, awsx.ErrStackNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.InProgress() {
		return &exit.Error{Code: exit.Failure,
			Err: fmt.Errorf("deploy stack %s: another operation is running (%s)", st.Name, st.Status),
			Fix: "wait until it ends (`aws cloudformation describe-stacks --stack-name " + st.Name + "`), then run `ampgo push` again"}
	}
	d.stack = st
	if st.Dead() {
		return nil
	}
	d.oldBody, err = d.cloud.Stacks.Template(ctx, st.Name)
	return err
}

// makePlan compares the deployed template with the wanted one.
func (d *deployment) makePlan() error {
	old, err := parseTemplate(d.oldBody)
	if err != nil {
		return err
	}
	body, err := d.target.Template.Body()
	if err != nil {
		return err
	}
	want, err := parseTemplate(body)
	if err != nil {
		return err
	}
	d.old = old
	d.plan = computePlan(d.target.Stack, d.target.Env.Region, old, want)
	exists := d.stack != nil && !d.stack.Dead()
	switch {
	case len(d.target.Template.Resources) == 0 && d.stack != nil:
		d.plan.Action = ActionDelete
	case len(d.target.Template.Resources) == 0:
		d.plan.Action = ActionNone
	case !exists:
		d.plan.Action = ActionCreate
	case canonical([]byte(d.oldBody)) == canonical([]byte(body)):
		d.plan.Action = ActionNone
	default:
		d.plan.Action = ActionUpdate
	}
	return nil
}

// retainedBuckets are the names of the storage buckets the plan takes out
// of the stack: CloudFormation keeps them, with their data (DeletionPolicy
// Retain), so the user is told where they are.
func (d *deployment) retainedBuckets() []string {
	var names []string
	for _, r := range d.plan.Resources {
		if name, ok := d.old.retained[r.LogicalID]; ok && r.Op == OpRemove {
			names = append(names, name)
		}
	}
	return names
}

// warnExpiringKeys says which GraphQL API keys have expired or expire
// within a week: a push leaves an unchanged key as it is, so without a new
// lifetime the apikey mode stops working on that date.
func warnExpiringKeys(log io.Writer, apis []project.GraphQLAPI, now time.Time) {
	for _, g := range apis {
		if !g.HasMode(project.AuthAPIKey) || g.APIKeyExpires == 0 {
			continue
		}
		end := time.Unix(g.APIKeyExpires, 0).UTC()
		verb := "expires"
		if !end.After(now) {
			verb = "expired"
		} else if end.Sub(now) > 7*24*time.Hour {
			continue
		}
		fmt.Fprintf(log, "warning: the API key of GraphQL API %s %s on %s; renew it with `ampgo update api --name %s --api-key-expiration-days 30`\n",
			g.Name, verb, end.Format("2006-01-02 15:04 UTC"), g.Name)
	}
}
