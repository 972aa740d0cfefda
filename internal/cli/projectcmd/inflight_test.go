package projectcmd

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/deploy"
	"github.com/ampgo/ampgo/internal/project"
)

func TestWriteInflight(t *testing.T) {
	rec := project.InflightDeploy{Env: "dev", Stack: "amplify-acmeapp-dev", Region: "eu-west-1", Operation: "UpdateStack",
		StartedAt: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
	state := func(env, status string, running bool) *deploy.InflightState {
		s := &deploy.InflightState{InflightDeploy: rec}
		s.Env = env
		if status != "" {
			s.StackStatus, s.InProgress = &status, &running
		}
		return s
	}
	cases := []struct {
		name        string
		state       *deploy.InflightState
		out, errOut string
	}{
		{"none", nil, "", ""},
		{"running", state("dev", "UPDATE_IN_PROGRESS", true), "Stack state: UPDATE_IN_PROGRESS (still running)",
			"describe-stacks --stack-name amplify-acmeapp-dev --region eu-west-1` (console: CloudFormation > Stacks > amplify-acmeapp-dev); `ampgo push` waits"},
		{"finished", state("dev", "UPDATE_COMPLETE", false), "Stack state: UPDATE_COMPLETE", "`ampgo push` to record its outputs"},
		{"gone", state("dev", deploy.StackNotFound, false), "Stack state: does not exist", "deploy again"},
		{"offline", state("dev", "", false), "Stack state: not read (--offline)", "Check it with `aws cloudformation describe-stacks"},
		{"another environment", state("prod", "", false), "Stack state: not read (environment prod)", "`ampgo env checkout prod`, then `ampgo push`"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			writeInflight(&out, &errOut, "dev", c.state)
			if c.state != nil && !strings.Contains(out.String(), "Interrupted deploy: the last push stopped after UpdateStack of stack amplify-acmeapp-dev (eu-west-1) was sent, at 2026-12-05T09:00:00Z") {
				t.Errorf("stdout lacks the summary:\n%s", out.String())
			}
			if !strings.Contains(out.String(), c.out) || !strings.Contains(errOut.String(), c.errOut) || (c.state == nil && out.Len()+errOut.Len() > 0) {
				t.Errorf("stdout %q (want %q)\nstderr %q (want %q)", out.String(), c.out, errOut.String(), c.errOut)
			}
		})
	}
}
