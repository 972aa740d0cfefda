package doctor

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
)

func TestPermissions(t *testing.T) {
	got := permissions([]cognito.ActionCalls{
		{Action: "cognito-idp:DescribeUserPool", Allowed: 3},
		{Action: "cognito-idp:ListUserPoolClients", Allowed: 2, Denied: 1},
		{Action: "iam:GetRole", Denied: 2},
		{Action: "cognito-identity:ListIdentityPools", Failed: 1},
		{Action: "s3:ListBuckets", Allowed: 1}, // not an action ampgo needs: not reported
	})
	status := map[string]string{}
	for _, p := range got {
		status[p.Action] = p.Status
	}
	want := map[string]string{
		"cognito-idp:ListUserPools": PermNotUsed, "cognito-idp:DescribeUserPool": PermAllowed,
		"cognito-idp:GetUserPoolMfaConfig": PermNotUsed, "cognito-idp:ListUserPoolClients": PermPartial,
		"cognito-idp:DescribeUserPoolClient": PermNotUsed, "cognito-idp:ListIdentityProviders": PermNotUsed,
		"cognito-identity:ListIdentityPools": PermUnknown, "cognito-identity:DescribeIdentityPool": PermNotUsed,
		"cognito-identity:GetIdentityPoolRoles": PermNotUsed, "iam:GetRole": PermDenied, "sts:GetCallerIdentity": PermNotUsed,
	}
	if diff := cmp.Diff(want, status); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	pol := missingPolicy(got)
	if pol == nil || !cmp.Equal(pol.Statement[0].Action, []string{"cognito-idp:ListUserPoolClients", "iam:GetRole"}) {
		t.Errorf("policy = %+v", pol)
	}
	if missingPolicy(permissions(nil)) != nil {
		t.Error("a policy although nothing was denied")
	}
}

// TestDeniedReadsAreFindings: doctor goes on when the caller may not read
// roles, reports which actions were denied and the policy to grant them,
// and still judges what it could read.
func TestDeniedReadsAreFindings(t *testing.T) {
	fake, endpoint := newFakeAWS(t, 20, 10, nil)
	fake.deny["GetIdentityPoolRoles"], fake.deny["GetRole"] = true, true
	rep := diagnose(t, productConfig(t, endpoint))
	if rep.Summary.UserPoolOnly != 20 || rep.Summary.UserPoolAndIdentityPool != 0 {
		t.Errorf("summary: %+v", rep.Summary)
	}
	for _, p := range rep.Pools {
		for _, ip := range p.IdentityPools {
			if !strings.Contains(ip.ReadError, "cognito-identity:GetIdentityPoolRoles failed: AccessDeniedException") {
				t.Errorf("identity pool %s: readError %q", ip.ID, ip.ReadError)
			}
		}
	}
	var denied []string
	for _, p := range rep.Permissions {
		if p.Status != PermAllowed {
			denied = append(denied, p.Action+"="+p.Status)
		}
	}
	// iam:GetRole is never reached: the role ARNs come from GetIdentityPoolRoles.
	if want := []string{"cognito-identity:GetIdentityPoolRoles=denied", "iam:GetRole=not-used"}; !cmp.Equal(want, denied) {
		t.Errorf("permissions not allowed: %v, want %v", denied, want)
	}
	if rep.MissingPolicy == nil || !cmp.Equal(rep.MissingPolicy.Statement[0].Action, []string{"cognito-identity:GetIdentityPoolRoles"}) {
		t.Errorf("policy: %+v", rep.MissingPolicy)
	}
	var text bytes.Buffer
	WriteText(&text, rep, false)
	for _, want := range []string{"✖ cognito-identity:GetIdentityPoolRoles", `"Action": [`, "Minimal IAM policy"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
}

// TestListDenied: without ListUserPools there is no report to make, and
// an empty one would read as "no user pools in this region": the run fails
// with exit 4 and a fix naming the action. (Until issue 10 it ended with
// exit 0 and zero pools.)
func TestListDenied(t *testing.T) {
	fake, endpoint := newFakeAWS(t, 5, 5, nil)
	fake.deny["ListUserPools"] = true
	rep, err := Diagnose(context.Background(), productConfig(t, endpoint), Options{}, nil)
	if rep != nil || exit.Code(err) != exit.Credentials || !strings.Contains(exit.Hint(err), "cognito-idp:ListUserPools") {
		t.Errorf("report %v, error %v (exit %d, fix %q); want no report, exit 4 and a fix naming cognito-idp:ListUserPools",
			rep, err, exit.Code(err), exit.Hint(err))
	}
	if err != nil && !strings.Contains(err.Error(), "cannot list the user pools of us-east-1") {
		t.Errorf("error: %v", err)
	}
}
