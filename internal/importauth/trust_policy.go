package importauth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// policyDocument is the part of an IAM policy document the trust check reads.
type policyDocument struct {
	Statement statements
}

// statement is one IAM policy statement. NotPrincipal and NotAction are
// only recorded: a statement that uses them is never taken as a grant.
type statement struct {
	Effect       string
	Principal    principal
	NotPrincipal json.RawMessage
	Action       stringList
	NotAction    json.RawMessage
	Condition    map[string]map[string]stringList
}

// statements accepts Statement as a single object or an array of objects.
type statements []statement

// UnmarshalJSON implements json.Unmarshaler.
func (s *statements) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var one statement
		if err := json.Unmarshal(b, &one); err != nil {
			return err
		}
		*s = statements{one}
		return nil
	}
	var many []statement
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

// principal is "*" (Any) or an object such as {"Federated": …, "AWS": …}.
type principal struct {
	Any       bool
	Federated stringList
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *principal) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*p = principal{Any: s == "*"}
		return nil
	}
	var m map[string]stringList
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("principal: %w", err)
	}
	*p = principal{}
	for k, v := range m {
		if strings.EqualFold(k, "Federated") {
			p.Federated = append(p.Federated, v...)
		}
	}
	return nil
}

// stringList accepts a JSON string, number, boolean or an array of them
// (IAM allows all of these in Action, Principal and Condition values), and
// holds every value as a string. null is an empty list.
type stringList []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *stringList) UnmarshalJSON(b []byte) error {
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	items, ok := raw.([]any)
	if !ok {
		items = []any{raw}
	}
	out := stringList{}
	for _, it := range items {
		switch v := it.(type) {
		case nil:
		case string:
			out = append(out, v)
		case float64, bool:
			out = append(out, fmt.Sprint(v))
		default:
			return fmt.Errorf("want a string or a list of strings, found %s", bytes.TrimSpace(b))
		}
	}
	*l = out
	return nil
}

// parsePolicy decodes an IAM policy document.
func parsePolicy(doc string) (policyDocument, error) {
	var p policyDocument
	if strings.TrimSpace(doc) == "" {
		return p, fmt.Errorf("%w: the document is empty", ErrUnparseablePolicy)
	}
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return p, fmt.Errorf("%w: %v", ErrUnparseablePolicy, err)
	}
	return p, nil
}

// globMatch matches s against an IAM wildcard pattern ("*" any run, "?" one
// character), case-sensitively; callers fold case when IAM does.
func globMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	pi, ti, star, mark := 0, 0, -1, 0
	for ti < len(t) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case star >= 0:
			pi, mark = star+1, mark+1
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// trustDocument is the shape TrustPolicy renders, in the field order IAM
// and the Amplify CLI use.
type trustDocument struct {
	Version   string           `json:"Version"`
	Statement []trustStatement `json:"Statement"`
}

type trustStatement struct {
	Effect    string                       `json:"Effect"`
	Principal map[string]string            `json:"Principal"`
	Action    string                       `json:"Action"`
	Condition map[string]map[string]string `json:"Condition"`
}

// TrustPolicy returns the trust policy (indented JSON, ending in a newline)
// that lets identities of identityPoolID with the given amr ("authenticated"
// or "unauthenticated") assume a role: the shape the Amplify CLI gives the
// roles it creates (reference §1.5).
func TrustPolicy(identityPoolID, amr string) string {
	doc := trustDocument{
		Version: "2012-10-17",
		Statement: []trustStatement{{
			Effect:    "Allow",
			Principal: map[string]string{"Federated": cognitoIdentityPrincipal},
			Action:    assumeWithWebIdentity,
			Condition: map[string]map[string]string{
				"StringEquals":           {audKey: identityPoolID},
				"ForAnyValue:StringLike": {amrKey: amr},
			},
		}},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // cannot happen: only strings and maps of strings
	}
	return string(b) + "\n"
}
