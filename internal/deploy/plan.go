package deploy

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/ampgo/ampgo/internal/category/cfn"
	"github.com/ampgo/ampgo/internal/mapkeys"
)

// Stack actions of a plan.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionNone   = "none"
)

// Resource operations of a plan.
const (
	OpAdd    = "add"
	OpChange = "change"
	OpRemove = "remove"
)

// Plan is what a push changes in the environment's stack: its resources,
// and every IAM statement attached to or removed from each imported role.
type Plan struct {
	Stack     string           `json:"stack"`
	Region    string           `json:"region"`
	Action    string           `json:"action"`
	Resources []ResourceChange `json:"resources"`
	Roles     []RoleChange     `json:"importedRoles"`
	// AuthStack is the plan of the environment's managed-auth stack,
	// deployed first (issue 14).
	AuthStack *Plan `json:"authStack,omitempty"`
}

// ResourceChange is one resource to add, change or remove.
type ResourceChange struct {
	Op        string `json:"op"`
	LogicalID string `json:"logicalId"`
	Type      string `json:"type"`
}

// RoleChange is what happens to one imported role's inline policies.
type RoleChange struct {
	Role   string             `json:"role"`
	Attach []PolicyStatements `json:"attach"`
	Remove []PolicyStatements `json:"remove"`
}

// PolicyStatements are statements of one inline policy.
type PolicyStatements struct {
	Policy     string          `json:"policy"`
	Statements []cfn.Statement `json:"statements"`
}

// parsed is a template as read back from CloudFormation: each resource as
// canonical JSON, and the statements its AWS::IAM::Policy resources put on
// roles given by name (imported roles; the stack's own roles are Refs).
type parsed struct {
	resources map[string]string                     // logical id -> canonical JSON
	types     map[string]string                     // logical id -> type
	grants    map[string]map[string][]cfn.Statement // role -> policy -> statements, in order
	retained  map[string]string                     // logical id -> name of a bucket kept on removal
	codeKeys  map[string]bool                       // S3 keys of the functions' code
	// userPoolSignIn is each user pool's UsernameAttributes, sorted and
	// comma-separated (managed auth).
	userPoolSignIn map[string]string
	// poolRetained says, for each user pool, whether it has
	// DeletionPolicy Retain.
	poolRetained map[string]bool
}

// parseTemplate reads a template body; "" is an empty template.
func parseTemplate(body string) (*parsed, error) {
	pt := &parsed{resources: map[string]string{}, types: map[string]string{}, grants: map[string]map[string][]cfn.Statement{}, retained: map[string]string{}, codeKeys: map[string]bool{},
		userPoolSignIn: map[string]string{}, poolRetained: map[string]bool{}}
	if body == "" {
		return pt, nil
	}
	var t struct {
		Resources map[string]json.RawMessage `json:"Resources"`
	}
	if err := json.Unmarshal([]byte(body), &t); err != nil {
		return nil, fmt.Errorf("parse deployed template: %w", err)
	}
	for id, raw := range t.Resources {
		var r struct {
			Type           string          `json:"Type"`
			DeletionPolicy string          `json:"DeletionPolicy"`
			Properties     json.RawMessage `json:"Properties"`
		}
		if err := json.Unmarshal(raw, &r); err != nil {
			return nil, fmt.Errorf("parse deployed template resource %s: %w", id, err)
		}
		pt.resources[id], pt.types[id] = canonical(raw), r.Type
		switch {
		case r.Type == cfn.TypePolicy:
			pt.addGrants(r.Properties)
		case r.Type == cfn.TypeFunction:
			var f struct {
				Code struct {
					S3Key string `json:"S3Key"`
				} `json:"Code"`
			}
			if json.Unmarshal(r.Properties, &f) == nil {
				pt.codeKeys[f.Code.S3Key] = true
			}
		case r.Type == cfn.TypeUserPool:
			var up struct{ UsernameAttributes []string }
			if json.Unmarshal(r.Properties, &up) == nil {
				slices.Sort(up.UsernameAttributes)
				pt.userPoolSignIn[id] = strings.Join(up.UsernameAttributes, ",")
			}
			pt.poolRetained[id] = r.DeletionPolicy == cfn.Retain
		case r.Type == cfn.TypeBucket && r.DeletionPolicy == cfn.Retain:
			var b cfn.Bucket
			if json.Unmarshal(r.Properties, &b) == nil {
				pt.retained[id] = b.BucketName
			}
		}
	}
	return pt, nil
}

// addGrants records the statements of an AWS::IAM::Policy on named roles.
// A policy ampgo did not write (another shape) is skipped, not fatal.
func (pt *parsed) addGrants(props json.RawMessage) {
	var pol struct {
		PolicyName     string             `json:"PolicyName"`
		Roles          []json.RawMessage  `json:"Roles"`
		PolicyDocument cfn.PolicyDocument `json:"PolicyDocument"`
	}
	if json.Unmarshal(props, &pol) != nil {
		return
	}
	for _, r := range pol.Roles {
		var role string
		if json.Unmarshal(r, &role) != nil {
			continue // a Ref: one of the stack's own roles
		}
		if pt.grants[role] == nil {
			pt.grants[role] = map[string][]cfn.Statement{}
		}
		pt.grants[role][pol.PolicyName] = append(pt.grants[role][pol.PolicyName], pol.PolicyDocument.Statement...)
	}
}

// canonical re-encodes JSON with sorted keys and no spaces.
func canonical(raw []byte) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return string(raw)
	}
	return string(b)
}

// computePlan compares the deployed template (nil: no stack) with the
// wanted one.
func computePlan(stack, region string, old, want *parsed) Plan {
	pl := Plan{Stack: stack, Region: region, Resources: []ResourceChange{}, Roles: []RoleChange{}}
	for _, id := range mapkeys.SortedUnion(old.resources, want.resources) {
		o, inOld := old.resources[id]
		w, inWant := want.resources[id]
		switch {
		case !inOld:
			pl.Resources = append(pl.Resources, ResourceChange{Op: OpAdd, LogicalID: id, Type: want.types[id]})
		case !inWant:
			pl.Resources = append(pl.Resources, ResourceChange{Op: OpRemove, LogicalID: id, Type: old.types[id]})
		case o != w:
			pl.Resources = append(pl.Resources, ResourceChange{Op: OpChange, LogicalID: id, Type: want.types[id]})
		}
	}
	for _, role := range mapkeys.SortedUnion(old.grants, want.grants) {
		rc := RoleChange{Role: role, Attach: diffGrants(want.grants[role], old.grants[role]), Remove: diffGrants(old.grants[role], want.grants[role])}
		if len(rc.Attach) > 0 || len(rc.Remove) > 0 {
			pl.Roles = append(pl.Roles, rc)
		}
	}
	return pl
}

// diffGrants returns the statements of a that b lacks, per policy, in
// a's order.
func diffGrants(a, b map[string][]cfn.Statement) []PolicyStatements {
	out := []PolicyStatements{}
	for _, policy := range mapkeys.SortedUnion(a, b) {
		have := map[string]bool{}
		for _, st := range b[policy] {
			have[st.Key()] = true
		}
		var missing []cfn.Statement
		for _, st := range a[policy] {
			if !have[st.Key()] {
				missing = append(missing, st)
			}
		}
		if len(missing) > 0 {
			out = append(out, PolicyStatements{Policy: policy, Statements: missing})
		}
	}
	return out
}

// Changes counts resources to add, change and remove.
func (pl Plan) Changes() (add, change, remove int) {
	for _, r := range pl.Resources {
		switch r.Op {
		case OpAdd:
			add++
		case OpChange:
			change++
		case OpRemove:
			remove++
		}
	}
	return add, change, remove
}
