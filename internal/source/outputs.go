package source

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ampgo/ampgo/internal/ids"
)

// gen2Outputs is the part of amplify_outputs.json ampgo reads: the auth
// section of the client-config schema (1 to 1.4, reference §3), whose
// required keys are aws_region, user_pool_id and user_pool_client_id. The
// outputs hold no secret.
type gen2Outputs struct {
	Auth *struct {
		AWSRegion        string `json:"aws_region"`
		UserPoolID       string `json:"user_pool_id"`
		UserPoolClientID string `json:"user_pool_client_id"`
		IdentityPoolID   string `json:"identity_pool_id"`
	} `json:"auth"`
}

// ParseOutputs reads another app's amplify_outputs.json (Amplify Gen 2).
// Its one app client is the Gen 2 auth construct's, which has no secret.
func ParseOutputs(data []byte) (*Found, error) {
	var o gen2Outputs
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("not an amplify_outputs.json: %w", jsonProblem(err))
	}
	if o.Auth == nil {
		return nil, errors.New("amplify_outputs.json has no \"auth\" section: the app has no auth")
	}
	a := o.Auth
	checks := []struct {
		key, val string
		check    func(string) error
		required bool
	}{
		{"auth.user_pool_id", a.UserPoolID, ids.UserPoolID, true},
		{"auth.user_pool_client_id", a.UserPoolClientID, ids.ClientID, true},
		{"auth.identity_pool_id", a.IdentityPoolID, ids.IdentityPoolID, false},
	}
	for _, c := range checks {
		if c.val == "" && !c.required {
			continue
		}
		if err := c.check(c.val); err != nil {
			return nil, fmt.Errorf("amplify_outputs.json %s: %w", c.key, err)
		}
	}
	if a.AWSRegion != "" {
		if region, _ := ids.UserPoolRegion(a.UserPoolID); region != a.AWSRegion {
			return nil, fmt.Errorf("amplify_outputs.json auth.aws_region %q is not the region of auth.user_pool_id %s", clip(a.AWSRegion), a.UserPoolID)
		}
	}
	f := &Found{}
	f.addPool(Pool{ID: a.UserPoolID, Where: "auth.user_pool_id"})
	f.addClient(Client{ID: a.UserPoolClientID, UserPoolID: a.UserPoolID, Where: "auth.user_pool_client_id"})
	if a.IdentityPoolID != "" {
		f.addIdentityPool(IdentityPool{ID: a.IdentityPoolID, UserPools: []string{a.UserPoolID}, Where: "auth.identity_pool_id"})
	}
	return f, nil
}
