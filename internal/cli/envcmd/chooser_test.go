package envcmd

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/cli/cmdutil"
	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
)

// noIdentityPools is a region where no identity pool lists the user pool.
type noIdentityPools struct{}

func (noIdentityPools) ListPools(context.Context, string) ([]cognito.PoolSummary, error) {
	return nil, nil
}

func (noIdentityPools) Clients(context.Context, string) ([]cognito.AppClient, error) {
	return nil, nil
}

func (noIdentityPools) LinkedIdentityPools(context.Context, string, string) ([]cognito.IdentityPool, error) {
	return nil, nil
}

// TestChooserNoIdentityPoolHint: env add keeps the auth resource's kind and
// takes no --user-pool-only, so when no identity pool lists the user pool
// its fix names --identity-pool-id instead (issue 16).
func TestChooserNoIdentityPoolHint(t *testing.T) {
	var log strings.Builder
	f := &cmdutil.Factory{ErrOut: &log, IsTerminal: func() bool { return false }}
	c := chooser(f, noIdentityPools{})

	_, err := c.Choose(context.Background(), importauth.Request{Region: "eu-west-1", Mode: importauth.ModeIdentityPool,
		Selection: cognito.Selection{UserPoolID: pool, WebClientID: web}})

	if code := exit.Code(err); code != exit.Requirements {
		t.Fatalf("exit %d, want %d (err: %v)", code, exit.Requirements, err)
	}
	msg := fmt.Sprintf("%v\nfix: %s", err, exit.Hint(err))
	if !strings.Contains(msg, "no identity pool in region eu-west-1 lists user pool "+pool) || !strings.Contains(msg, "--identity-pool-id") {
		t.Errorf("want the missing link and --identity-pool-id:\n%s", msg)
	}
	if strings.Contains(msg, "--user-pool-only") {
		t.Errorf("env add suggests --user-pool-only, which it rejects:\n%s", msg)
	}
}
