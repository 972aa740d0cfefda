package envs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/clientconfig"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/project"
	"github.com/ampgo/ampgo/internal/prompt"
)

var (
	now  = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ctx  = context.Background()
	idsA = []string{poolA, webA, ipA, "aws_cognito_region\": \"us-east-1"}
	idsB = []string{poolB, webB, ipB, "aws_cognito_region\": \"eu-west-1", "beta-login.auth.eu-west-1.amazoncognito.com"}
)

func (f *fixture) add(pr prompt.Prompter, req Request) (*Result, error) {
	req.Now = now
	if req.Region == "" {
		req.Region = "us-east-1"
	}
	return Add(ctx, f.load(), f.chooser(pr), f.aws, clientconfig.Stage, req)
}

func (f *fixture) checkout(pr prompt.Prompter, req Request) (*Result, error) {
	req.Now = now
	return Checkout(ctx, f.load(), f.chooser(pr), f.aws, clientconfig.Stage, req)
}

// ok fails the test on an error and returns the result.
func ok(t *testing.T) func(*Result, error) *Result {
	return func(res *Result, err error) *Result {
		t.Helper()
		if err != nil {
			t.Fatalf("%v (hint: %s)", err, exit.Hint(err))
		}
		return res
	}
}

func TestAddWithYesReusesTheCurrentEnvironment(t *testing.T) {
	f := newFixture(t)
	res := ok(t)(f.add(prompt.None{}, Request{Name: "staging", Yes: true}))
	if res.Env != "staging" || res.Auth == nil || res.Auth.Env.UserPoolID != poolA || res.Auth.Env.NativeClientID != nativeA {
		t.Fatalf("result %+v", res)
	}
	if len(f.aws.reads) != 1 || f.aws.reads[0].IdentityPoolID != ipA {
		t.Errorf("reads = %+v: the reused resources must be validated once", f.aws.reads)
	}
	p := f.load()
	if p.CurrentEnv() != "staging" {
		t.Errorf("current env = %q", p.CurrentEnv())
	}
	f.exportsHave(idsA, idsB[:3])
}

func TestAddAsksAndRunsTheWalkthroughForOtherResources(t *testing.T) {
	f := newFixture(t)
	pr := &scripted{t: t, confirms: []bool{false}, selects: []string{nativeB}}
	res := ok(t)(f.add(pr, Request{Name: "prod", Region: "eu-west-1"}))
	if !strings.Contains(pr.asked[0], "Use the same Cognito resources as dev") {
		t.Errorf("first question %q", pr.asked[0])
	}
	if e := res.Auth.Env; e.UserPoolID != poolB || e.WebClientID != webB || e.NativeClientID != nativeB || e.IdentityPoolID != ipB {
		t.Errorf("recorded %+v", e)
	}
	if p := f.load(); p.EnvRegion("prod") != "eu-west-1" {
		t.Errorf("prod region %q", p.EnvRegion("prod"))
	}
	f.exportsHave(idsB, idsA[:3])
}

func TestAddFromVariablesAcrossRegions(t *testing.T) {
	f := newFixture(t)
	in := Inputs{Variables: vars(map[string]string{"AMPLIFY_USERPOOL_ID": poolB, "AMPLIFY_WEBCLIENT_ID": webB, "AMPLIFY_IDENTITYPOOL_ID": ipB})}
	res := ok(t)(f.add(prompt.None{}, Request{Name: "prod", Inputs: in}))
	if e := res.Auth.Env; e.NativeClientID != webB || res.Auth.Parameters.Region != "eu-west-1" {
		t.Errorf("recorded %+v, parameters region %q", e, res.Auth.Parameters.Region)
	}
	// The project stays in us-east-1; the pool's region comes from its id.
	f.exportsHave(append(idsB, `"aws_project_region": "us-east-1"`), idsA[:3])
	if !strings.Contains(f.log.String(), "(AMPLIFY_USERPOOL_ID)") {
		t.Errorf("the source of each value is not shown:\n%s", f.log.String())
	}
}

// Every refusal exits with the right code and leaves the files as they were.
func TestAddRefusals(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		code int
		want []string
	}{
		{"no terminal, no --yes, no inputs", Request{Name: "prod"}, exit.Usage, []string{"missing --yes", "same Cognito resources as dev"}},
		{"identity pool missing", Request{Name: "prod", Inputs: Inputs{Variables: vars(map[string]string{
			"AMPLIFY_USERPOOL_ID": poolB, "AMPLIFY_WEBCLIENT_ID": webB})}}, exit.Usage, []string{"AMPLIFY_IDENTITYPOOL_ID", "--identity-pool-id"}},
		{"web client of another pool", Request{Name: "prod", Inputs: Inputs{Flags: cognito.Selection{
			UserPoolID: poolB, WebClientID: webA, IdentityPoolID: ipB}}}, exit.Requirements, []string{"do not meet the requirements"}},
		{"existing name", Request{Name: "dev", Yes: true}, exit.Usage, []string{"already exists"}},
		{"bad name", Request{Name: "Prod1", Yes: true}, exit.Usage, []string{"invalid environment name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			before := f.read(project.TeamProviderInfoFile) + f.read(project.LocalEnvInfoFile)
			_, err := f.add(prompt.None{}, tt.req)
			if exit.Code(err) != tt.code {
				t.Fatalf("exit %d, want %d: %v", exit.Code(err), tt.code, err)
			}
			text := err.Error() + " " + exit.Hint(err) + " " + f.log.String()
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q lacks %q", text, w)
				}
			}
			if after := f.read(project.TeamProviderInfoFile) + f.read(project.LocalEnvInfoFile); after != before {
				t.Error("a refused env add changed project files")
			}
		})
	}
}

func TestCheckoutBackAndForthNeverLeaks(t *testing.T) {
	f := newFixture(t)
	in := Inputs{Flags: cognito.Selection{UserPoolID: poolB, WebClientID: webB, NativeClientID: nativeB, IdentityPoolID: ipB}}
	ok(t)(f.add(prompt.None{}, Request{Name: "prod", Inputs: in}))
	for _, step := range []struct {
		env       string
		want, not []string
	}{{"dev", idsA, idsB[:3]}, {"prod", idsB, idsA[:3]}, {"dev", idsA, idsB[:3]}} {
		res := ok(t)(f.checkout(prompt.None{}, Request{Name: step.env}))
		if res.Env != step.env {
			t.Fatalf("checked out %q", res.Env)
		}
		f.exportsHave(step.want, step.not)
	}
}

func TestCheckoutOnAFreshClone(t *testing.T) {
	f := newFixture(t)
	for _, rel := range []string{project.LocalEnvInfoFile, project.MetaPath(project.BackendDir),
		project.CurrentCloudBackendDir, "src", project.LocalAWSInfoFile} {
		if err := os.RemoveAll(filepath.Join(f.dir, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	ok(t)(f.checkout(prompt.None{}, Request{Name: "dev"}))
	f.exportsHave(idsA, nil)
	if p := f.load(); p.CurrentEnv() != "dev" {
		t.Errorf("current env %q", p.CurrentEnv())
	}
}

func TestCheckoutKeepsTheRecordedResources(t *testing.T) {
	f := newFixture(t)
	// A CI variable for another pool only warns: it is set for every branch.
	in := Inputs{Variables: vars(map[string]string{"AMPLIFY_USERPOOL_ID": poolB})}
	ok(t)(f.checkout(prompt.None{}, Request{Name: "dev", Inputs: in}))
	if !strings.Contains(f.log.String(), "AMPLIFY_USERPOOL_ID="+poolB+" differs") {
		t.Errorf("no warning:\n%s", f.log.String())
	}
	f.exportsHave(idsA, idsB[:3])
	// A flag the user typed is refused: checkout does not re-point.
	_, err := f.checkout(prompt.None{}, Request{Name: "dev", Inputs: Inputs{Flags: cognito.Selection{UserPoolID: poolB}}})
	if exit.Code(err) != exit.Usage || !strings.Contains(exit.Hint(err), "ampgo env remove dev") {
		t.Errorf("want exit 2 with a re-point hint, got %v (%s)", err, exit.Hint(err))
	}
	if _, err := f.checkout(prompt.None{}, Request{Name: "qa"}); exit.Code(err) != exit.Usage {
		t.Errorf("unknown env: %v", err)
	}
}

func TestListAndRemove(t *testing.T) {
	f := newFixture(t)
	ok(t)(f.add(prompt.None{}, Request{Name: "prod", Region: "eu-west-1", Inputs: Inputs{
		Categories: `{"auth":{"userPoolId":"` + poolB + `","webClientId":"` + webB + `","identityPoolId":"` + ipB + `"}}`}}))
	list := List(f.load())
	if len(list) != 2 || list[0].Name != "dev" || list[0].Current || list[0].Auth.UserPoolID != poolA ||
		!list[1].Current || list[1].Region != "eu-west-1" || list[1].Auth.IdentityPoolID != ipB {
		t.Fatalf("list = %+v", list)
	}
	p := f.load()
	if _, err := PlanRemove(p, "prod"); exit.Code(err) != exit.Usage {
		t.Errorf("removing the current env: %v", err)
	}
	plan, err := PlanRemove(p, "dev")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan.Describe(), "\n")
	for _, w := range []string{"Environment dev (region us-east-1) will be removed", "Not deleted: the imported Cognito resources", poolA, ipA} {
		if !strings.Contains(text, w) {
			t.Errorf("description lacks %q:\n%s", w, text)
		}
	}
	if err := Remove(p, plan); err != nil {
		t.Fatal(err)
	}
	if envs := f.load().Envs(); len(envs) != 1 || envs[0] != "prod" {
		t.Errorf("envs after remove: %v", envs)
	}
	if _, err := PlanRemove(f.load(), "prod"); exit.Code(err) != exit.Usage {
		t.Errorf("removing the only env: %v", err)
	}
}

// An environment added before auth was imported has no recorded resources:
// checkout takes them from the headless inputs, or names every one missing.
func TestCheckoutOfAnEnvironmentWithoutRecordedResources(t *testing.T) {
	f := newFixture(t)
	p := f.load()
	if err := p.AddEnv("prod", project.EnvOptions{Region: "eu-west-1"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	_, err := f.checkout(prompt.None{}, Request{Name: "prod"})
	if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), "AMPLIFY_USERPOOL_ID") || !strings.Contains(err.Error(), "--identity-pool-id") {
		t.Fatalf("want exit 2 naming the variables and flags, got %v", err)
	}
	in := Inputs{Variables: vars(map[string]string{"AMPLIFY_USERPOOL_ID": poolB, "AMPLIFY_WEBCLIENT_ID": webB, "AMPLIFY_IDENTITYPOOL_ID": ipB})}
	res := ok(t)(f.checkout(prompt.None{}, Request{Name: "prod", Inputs: in}))
	if res.Auth.Env.UserPoolID != poolB {
		t.Errorf("recorded %+v", res.Auth.Env)
	}
	f.exportsHave(idsB, idsA[:3])
	// From now on prod has recorded resources: dev and prod stay apart.
	ok(t)(f.checkout(prompt.None{}, Request{Name: "dev"}))
	f.exportsHave(idsA, idsB[:3])
}
