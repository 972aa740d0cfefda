package cfn

import (
	"encoding/json"
	"fmt"
)

// PolicyVersion is the IAM policy language version.
const PolicyVersion = "2012-10-17"

// PolicyDocument is an IAM policy.
type PolicyDocument struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Document returns a policy with the current version.
func Document(statements ...Statement) PolicyDocument {
	return PolicyDocument{Version: PolicyVersion, Statement: statements}
}

// Statement is one IAM statement. Actions and resources are always lists,
// as the Amplify CLI writes them, so the statements on an imported role
// read the same whichever tool put them there. A resource is an ARN string
// or, for a resource of the same stack whose id is known only once it
// exists (a REST API), an intrinsic function such as Sub.
type Statement struct {
	Effect    string    `json:"Effect"`
	Principal any       `json:"Principal,omitempty"`
	Action    []string  `json:"Action"`
	Resource  []any     `json:"Resource,omitempty"`
	Condition Condition `json:"Condition,omitempty"`
}

// Condition is an IAM condition block: operator -> key -> values.
type Condition map[string]map[string][]string

// Allow is a statement that allows actions on resources.
func Allow(actions []string, resources ...string) Statement {
	rs := make([]any, len(resources))
	for i, r := range resources {
		rs[i] = r
	}
	return AllowOn(actions, rs...)
}

// AllowOn is Allow with resources that may be intrinsic functions.
func AllowOn(actions []string, resources ...any) Statement {
	if len(resources) == 0 {
		resources = nil
	}
	return Statement{Effect: "Allow", Action: actions, Resource: resources}
}

// ServicePrincipal is {"Service": [service]}.
type ServicePrincipal struct {
	Service []string `json:"Service"`
}

// AssumeRoleBy is the trust policy that lets an AWS service assume a role.
func AssumeRoleBy(service string) PolicyDocument {
	return Document(Statement{Effect: "Allow", Principal: ServicePrincipal{Service: []string{service}},
		Action: []string{"sts:AssumeRole"}})
}

// Key is the canonical JSON of a statement, for comparing statements
// between two templates or with what IAM holds.
func (s Statement) Key() string {
	b, err := json.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%#v", s)
	}
	return string(b)
}
