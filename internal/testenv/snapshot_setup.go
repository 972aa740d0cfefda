package testenv

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	ci "github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// SnapshotSetup is Snapshot limited to what Seed created for s: its user
// pool(s), identity pool(s) and roles. Its cost does not grow with the
// number of setups in moto, so the fault suite, which seeds one setup per
// case in a shared moto, can take one before and after every run.
func SnapshotSetup(ctx context.Context, cfg aws.Config, s *Setup) (*State, error) {
	cfg = cfg.Copy()
	cfg.Region = s.Region
	idp, cid, client := cip.NewFromConfig(cfg), ci.NewFromConfig(cfg), iam.NewFromConfig(cfg)
	st := &State{UserPools: map[string]UserPoolState{}, IdentityPools: map[string]IdentityPoolState{}, Roles: map[string]RoleState{}}
	for _, id := range []string{s.UserPoolID, s.OtherUserPoolID} {
		if id == "" {
			continue
		}
		ps, err := snapUserPool(ctx, idp, id)
		if err != nil {
			return nil, err
		}
		st.UserPools[id] = ps
	}
	for _, id := range []string{s.IdentityPoolID, s.OtherIdentityPoolID} {
		if id == "" {
			continue
		}
		ps, err := snapIdentityPool(ctx, cid, id)
		if err != nil {
			return nil, err
		}
		st.IdentityPools[id] = ps
	}
	for _, name := range []string{s.AuthRoleName, s.UnauthRoleName, s.SMSRoleName} {
		if name == "" {
			continue
		}
		rs, err := snapRole(ctx, client, name)
		if err != nil {
			return nil, err
		}
		st.Roles[name] = rs
	}
	return st, nil
}
