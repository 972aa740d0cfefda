package doctor

import (
	"github.com/ampgo/ampgo/internal/cognito"
)

// Permission statuses.
const (
	PermAllowed = "allowed"  // every call got past IAM
	PermDenied  = "denied"   // every call was denied
	PermPartial = "partial"  // allowed on some resources, denied on others
	PermUnknown = "unknown"  // calls failed for other reasons (throttling, network)
	PermNotUsed = "not-used" // the run needed no such call (e.g. ListUserPools with --user-pool-id)
)

// Permission is what the run's own calls showed about one IAM action:
// doctor makes no extra probing calls.
type Permission struct {
	Action string `json:"action"`
	Status string `json:"status"`
	Calls  int    `json:"calls"`
	Denied int    `json:"denied"`
}

// permissions turns call counts into one Permission per action ampgo needs,
// in cognito.ReadActions order.
func permissions(seen []cognito.ActionCalls) []Permission {
	by := map[string]cognito.ActionCalls{}
	for _, a := range seen {
		by[a.Action] = a
	}
	out := make([]Permission, 0, len(cognito.ReadActions))
	for _, act := range cognito.ReadActions {
		a := by[act]
		p := Permission{Action: act, Calls: a.Allowed + a.Denied + a.Failed, Denied: a.Denied}
		switch {
		case p.Calls == 0:
			p.Status = PermNotUsed
		case a.Denied > 0 && a.Allowed > 0:
			p.Status = PermPartial
		case a.Denied > 0:
			p.Status = PermDenied
		case a.Allowed > 0:
			p.Status = PermAllowed
		default:
			p.Status = PermUnknown
		}
		out = append(out, p)
	}
	return out
}

// Policy is an IAM policy document.
type Policy struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one statement of a Policy.
type Statement struct {
	Sid      string   `json:"Sid"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource string   `json:"Resource"`
}

// missingPolicy grants the denied (and partly denied) actions, or is nil
// when none was. Resource is "*": the List actions support no narrower
// resource, and ampgo's reads are harmless. A policy that must be narrower
// can scope the Describe/Get actions to arn:aws:cognito-idp:<region>:<account>:userpool/<id>
// and the identity pool and role ARNs.
func missingPolicy(perms []Permission) *Policy {
	var actions []string
	for _, p := range perms {
		if p.Status == PermDenied || p.Status == PermPartial {
			actions = append(actions, p.Action)
		}
	}
	if len(actions) == 0 {
		return nil
	}
	return &Policy{Version: "2012-10-17", Statement: []Statement{{
		Sid: "AmpgoReadImportedAuth", Effect: "Allow", Action: actions, Resource: "*",
	}}}
}

// FullPolicy grants every read action ampgo needs.
func FullPolicy() *Policy {
	return &Policy{Version: "2012-10-17", Statement: []Statement{{
		Sid: "AmpgoReadImportedAuth", Effect: "Allow", Action: append([]string(nil), cognito.ReadActions...), Resource: "*",
	}}}
}
