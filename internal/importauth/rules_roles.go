package importauth

import (
	"fmt"
	"strings"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/ids"
)

// roleSlot is one of the identity pool's two roles.
type roleSlot struct {
	amr  string // AMRAuthenticated or AMRUnauthenticated
	arn  string
	role *cognito.Role
}

func roleSlots(s *cognito.Snapshot) []roleSlot {
	return []roleSlot{
		{AMRAuthenticated, s.IdentityPool.AuthRoleARN, s.AuthRole},
		{AMRUnauthenticated, s.IdentityPool.UnauthRoleARN, s.UnauthRole},
	}
}

// IdentityPoolRoles reports a missing authenticated or unauthenticated role,
// a role ARN that is not an IAM role ARN, and a role that does not exist in
// IAM. Both roles are required, as in the Amplify CLI (other categories
// attach their policies to them), but ampgo says which one is missing instead
// of "Cannot parse arn: 'undefined'" (cli#6552). A role the snapshot holds no
// IAM facts about (nil) is not judged.
func IdentityPoolRoles(s *cognito.Snapshot) Findings {
	ip := s.IdentityPool
	if ip == nil {
		return nil
	}
	var out Findings
	for _, r := range roleSlots(s) {
		field := "Roles." + r.amr
		base := Finding{Rule: RuleRoles, Severity: SeverityError, Resource: identityPoolResource(ip), Field: field}
		path, name, err := ids.ParseRoleARN(r.arn) // a path is fine: cli#12817
		switch {
		case r.arn == "":
			base.Found = "not set"
			base.Need = fmt.Sprintf("the ARN of an IAM role for %s identities that trusts this identity pool", r.amr)
			base.Fix = setRolesFix(s, r.amr)
			base.Detail = "Both roles are needed even when guest access stays off: categories such as storage " +
				"attach their policies to them. A new role needs this trust policy:\n" + TrustPolicy(ip.ID, r.amr)
		case err != nil:
			base.Found = r.arn
			base.Need = "arn:aws:iam::<account>:role/[<path>/]<name>"
			base.Fix = setRolesFix(s, r.amr)
		case r.role != nil && !r.role.Found:
			base.Resource = roleResource(name)
			base.Field = "RoleName"
			base.Found = fmt.Sprintf("%s does not exist in IAM (it is the identity pool's %s role)", r.arn, r.amr)
			base.Need = "an existing IAM role"
			base.Fix = createRoleFix(s, r.amr, path, name)
		default:
			continue
		}
		out = append(out, base)
	}
	return out
}

// setRolesFix sets the roles of the identity pool; the slot being fixed gets
// a placeholder, the other keeps its current ARN because set-identity-pool-roles
// replaces the whole Roles map.
func setRolesFix(s *cognito.Snapshot, amr string) string {
	ip := s.IdentityPool
	auth, unauth := ip.AuthRoleARN, ip.UnauthRoleARN
	if amr == AMRAuthenticated || auth == "" {
		auth = "<authenticated role arn>"
	}
	if amr == AMRUnauthenticated || unauth == "" {
		unauth = "<unauthenticated role arn>"
	}
	section := "Authenticated access > Edit > IAM role"
	if amr == AMRUnauthenticated {
		// The console sets the guest role together with guest access; the
		// CLI sets the role and leaves AllowUnauthenticatedIdentities alone.
		section = "Guest access > Edit > IAM role (the console may ask you to activate guest access; to keep it off, use the CLI)"
	}
	return fmt.Sprintf("Amazon Cognito console > Identity pools > %s > User access > %s\n"+
		"or: aws cognito-identity set-identity-pool-roles --identity-pool-id %s --roles authenticated=%s,unauthenticated=%s\n"+
		"(set-identity-pool-roles replaces all roles and role mappings: pass --role-mappings too if "+
		"get-identity-pool-roles shows any)",
		ip.Name, section, ip.ID, auth, unauth)
}

// createRoleFix re-creates a missing role under its ARN with the right trust
// policy, or points the identity pool at another role.
func createRoleFix(s *cognito.Snapshot, amr, path, name string) string {
	return fmt.Sprintf("save this trust policy as trust.json:\n%s"+
		"aws iam create-role --role-name %s --path %s --assume-role-policy-document file://trust.json\n"+
		"or point the identity pool at an existing role:\n%s",
		TrustPolicy(s.IdentityPool.ID, amr), name, path, setRolesFix(s, amr))
}

// RoleTrustPolicies reports each existing role whose trust policy does not
// let this identity pool's identities of the matching kind assume it
// (js#6195, cli#3198: "Invalid identity pool configuration. Check assigned
// IAM roles for this pool."). Neither the Amplify CLI nor referenceAuth check
// this. The fix prints the exact policy to apply.
func RoleTrustPolicies(s *cognito.Snapshot) Findings {
	ip := s.IdentityPool
	if ip == nil {
		return nil
	}
	var out Findings
	for _, r := range roleSlots(s) {
		if r.arn == "" || r.role == nil || !r.role.Found {
			continue
		}
		problems, err := TrustProblems(r.role.TrustPolicy, ip.ID, r.amr)
		if err == nil && len(problems) == 0 {
			continue
		}
		found := strings.Join(problems, "; ")
		if err != nil {
			found = err.Error()
		}
		name := roleName(r)
		out = append(out, Finding{
			Rule:     RuleTrustPolicy,
			Severity: SeverityError,
			Resource: roleResource(name),
			Field:    "AssumeRolePolicyDocument",
			Found:    found,
			Need: fmt.Sprintf("Allow Federated %s to %s with StringEquals %s = %s and ForAnyValue:StringLike %s = %q",
				cognitoIdentityPrincipal, assumeWithWebIdentity, audKey, ip.ID, amrKey, r.amr),
			Fix: fmt.Sprintf("save this trust policy as trust.json:\n%s"+
				"aws iam update-assume-role-policy --role-name %s --policy-document file://trust.json\n"+
				"or: IAM console > Roles > %s > Trust relationships > Edit trust policy\n"+
				"(this replaces the whole trust policy: if the role also trusts other principals, "+
				"add the statement to its existing ones instead)",
				TrustPolicy(ip.ID, r.amr), name, name),
			Detail: fmt.Sprintf("%s is the %s role of %s.", r.arn, r.amr, identityPoolResource(ip)),
		})
	}
	return out
}

// roleName is the role's name from its ARN, else what the snapshot says.
func roleName(r roleSlot) string {
	if name, err := ids.RoleNameFromARN(r.arn); err == nil {
		return name
	}
	if r.role != nil && r.role.Name != "" {
		return r.role.Name
	}
	return r.arn
}
