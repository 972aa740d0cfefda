package importauth

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// AMR values of the cognito-identity.amazonaws.com:amr condition key.
const (
	AMRAuthenticated   = "authenticated"
	AMRUnauthenticated = "unauthenticated"
)

const (
	cognitoIdentityPrincipal = "cognito-identity.amazonaws.com"
	assumeWithWebIdentity    = "sts:AssumeRoleWithWebIdentity"
	audKey                   = "cognito-identity.amazonaws.com:aud"
	amrKey                   = "cognito-identity.amazonaws.com:amr"
)

// ErrUnparseablePolicy is wrapped by TrustProblems when the trust policy is
// not an IAM policy document.
var ErrUnparseablePolicy = errors.New("trust policy is not a valid IAM policy document")

// TrustProblems checks an IAM trust policy (decoded JSON) against what an
// identity pool role needs: an Allow statement with Principal Federated
// cognito-identity.amazonaws.com, an action matching
// sts:AssumeRoleWithWebIdentity (wildcards such as "sts:*" count),
// StringEquals cognito-identity.amazonaws.com:aud containing identityPoolID,
// and ForAnyValue:StringLike cognito-identity.amazonaws.com:amr matching amr
// but not the other amr value. It returns nil when one statement grants all
// of that and no unconditional Deny takes it away; otherwise the problems of
// the statement that came closest, or an error wrapping ErrUnparseablePolicy.
//
// Decisions: Principal "*" (or Federated "*") does not count: it trusts every
// principal, and the fix is to name cognito-identity.amazonaws.com. A Deny
// with conditions is not evaluated. Condition keys and operators are compared
// case-insensitively, like IAM does for keys.
func TrustProblems(policy, identityPoolID, amr string) ([]string, error) {
	doc, err := parsePolicy(policy)
	if err != nil {
		return nil, err
	}
	for _, st := range doc.Statement {
		if strings.EqualFold(st.Effect, "Deny") && len(st.Condition) == 0 &&
			(st.Principal.Any || trustsCognito(st)) && allowsAssume(st) {
			return []string{"an unconditional Deny statement forbids " + assumeWithWebIdentity}, nil
		}
	}
	// Report the statement that got furthest (effect, principal, action,
	// conditions), then the one with the fewest problems.
	var best []string
	bestStage := -1
	for _, st := range doc.Statement {
		stage, p := statementProblems(st, identityPoolID, amr)
		if p == nil {
			return nil, nil
		}
		if stage > bestStage || (stage == bestStage && len(p) < len(best)) {
			best, bestStage = p, stage
		}
	}
	if best == nil {
		best = []string{"the policy has no statements"}
	}
	return best, nil
}

// statementProblems lists why st does not grant the role to the identity
// pool, or returns nil when it does. stage says how far st got: 0 effect,
// 1 principal, 2 action, 3 conditions.
func statementProblems(st statement, poolID, amr string) (stage int, problems []string) {
	switch {
	case !strings.EqualFold(st.Effect, "Allow"):
		return 0, []string{fmt.Sprintf("no Allow statement (Effect is %q)", st.Effect)}
	case st.NotPrincipal != nil || st.NotAction != nil:
		return 0, []string{"no Allow statement without NotPrincipal/NotAction"}
	case st.Principal.Any || slices.Contains(st.Principal.Federated, "*"):
		return 1, []string{`Principal "*" trusts every principal; it must be {"Federated": "` + cognitoIdentityPrincipal + `"}`}
	case !trustsCognito(st):
		return 1, []string{fmt.Sprintf("Principal Federated is %s; it must be %s",
			listOrNone(st.Principal.Federated), cognitoIdentityPrincipal)}
	case !allowsAssume(st):
		return 2, []string{fmt.Sprintf("Action is %s; it must be %s",
			listOrNone(st.Action), assumeWithWebIdentity)}
	}
	var out []string
	if aud := conditionValues(st, "StringEquals", audKey); !slices.Contains(aud, poolID) {
		out = append(out, fmt.Sprintf("condition StringEquals %s is %s; it must be %s",
			audKey, listOrNone(aud), poolID))
	}
	if p := amrProblem(st, amr); p != "" {
		out = append(out, p)
	}
	return 3, out
}

// amrProblem checks the amr condition: some pattern must match the wanted
// value and none the other one, so "*" (or listing both values) fails: on
// the authenticated role it would let guests assume it.
func amrProblem(st statement, amr string) string {
	other := AMRUnauthenticated
	if amr == AMRUnauthenticated {
		other = AMRAuthenticated
	}
	pats := append(conditionValues(st, "ForAnyValue:StringLike", amrKey),
		conditionValues(st, "ForAnyValue:StringEquals", amrKey)...)
	var matches, leaks bool
	for _, p := range pats {
		matches = matches || globMatch(p, amr)
		leaks = leaks || globMatch(p, other)
	}
	switch {
	case len(pats) == 0:
		return fmt.Sprintf("no condition ForAnyValue:StringLike %s; it must be %q", amrKey, amr)
	case !matches:
		return fmt.Sprintf("condition ForAnyValue:StringLike %s is %s; it must be %q", amrKey, listOrNone(pats), amr)
	case leaks:
		return fmt.Sprintf("condition ForAnyValue:StringLike %s is %s, which also admits %q identities; it must be exactly %q",
			amrKey, listOrNone(pats), other, amr)
	}
	return ""
}

// trustsCognito reports whether the statement names the Cognito identity
// service as federated principal.
func trustsCognito(st statement) bool {
	for _, f := range st.Principal.Federated {
		if strings.EqualFold(f, cognitoIdentityPrincipal) {
			return true
		}
	}
	return false
}

// allowsAssume reports whether an Action of st matches
// sts:AssumeRoleWithWebIdentity. Action names are case-insensitive in IAM.
func allowsAssume(st statement) bool {
	for _, a := range st.Action {
		if globMatch(strings.ToLower(a), strings.ToLower(assumeWithWebIdentity)) {
			return true
		}
	}
	return false
}

// conditionValues returns the values of condition key under operator op.
func conditionValues(st statement, op, key string) []string {
	var out []string
	for o, keys := range st.Condition {
		if !strings.EqualFold(o, op) {
			continue
		}
		for k, v := range keys {
			if strings.EqualFold(k, key) {
				out = append(out, v...)
			}
		}
	}
	slices.Sort(out)
	return out
}
