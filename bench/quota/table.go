package quota

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Source is the page the default quotas come from: "Quotas in Amazon
// Cognito", sections "Amazon Cognito user pools API operation categories and
// request rate quotas" and "Amazon Cognito identity pools (federated
// identities) API operation request rate quotas".
const Source = "https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html"

// Service names as they appear in SigV4 credential scopes.
const (
	UserPools     = "cognito-idp"
	IdentityPools = "cognito-identity"
)

// Rule is the request-rate quota of one operation.
type Rule struct {
	Service string
	Op      string
	// Category is the user pool category whose quota the operation shares
	// with the other operations of the category (e.g. "UserPoolRead"). An
	// identity pool quota applies to a single operation, so there the
	// category is the operation itself.
	Category string
	// Rate is the quota in requests per second, for the whole category, in
	// one account and one Region.
	Rate float64
	// PerPool is the rate one operation may reach against a single user
	// pool (footnote 3 of the user pool table: 5 RPS), or 0.
	PerPool float64
	// Assumed is true when the quota page gives no number for the operation
	// and the benchmark assumes one (see Note).
	Assumed bool
	Note    string
}

// Table maps operations to their quota rules.
type Table struct {
	rules map[string]Rule // key: service + "." + op
}

func key(service, op string) string { return service + "." + op }

// Lookup returns the rule of an operation; ok is false for operations
// without a quota (IAM, STS, and every operation not in the table).
func (t *Table) Lookup(service, op string) (Rule, bool) {
	r, ok := t.rules[key(service, op)]
	return r, ok && r.Rate > 0
}

// Rules returns every rule, sorted by service, category and operation.
func (t *Table) Rules() []Rule {
	out := make([]Rule, 0, len(t.rules))
	for _, r := range t.rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Service != b.Service {
			return a.Service > b.Service // cognito-idp first
		}
		if a.Category != b.Category {
			return a.Category < b.Category
		}
		return a.Op < b.Op
	})
	return out
}

// Override sets the rate of an operation's category (every operation of a
// user pool category shares it), from a flag value "Op=rate". A rate of 0
// removes the quota. It returns an error for an unknown operation.
func (t *Table) Override(spec string) error {
	op, v, ok := strings.Cut(spec, "=")
	rate, err := strconv.ParseFloat(v, 64)
	if !ok || err != nil || rate < 0 {
		return fmt.Errorf("quota %q: want Operation=requests-per-second", spec)
	}
	var cat string
	for _, r := range t.rules {
		if r.Op == op || r.Category == op {
			cat = r.Category
		}
	}
	if cat == "" {
		return fmt.Errorf("quota %q: unknown operation or category %q", spec, op)
	}
	for k, r := range t.rules {
		if r.Category == cat {
			r.Rate = rate
			t.rules[k] = r
		}
	}
	return nil
}

// Default returns Cognito's documented default quotas (see Source), plus
// the three identity pool operations ampgo reads that the page gives no
// number for, with an assumed quota each.
func Default() *Table {
	t := &Table{rules: map[string]Rule{}}
	category := func(name string, rate, perPool float64, ops ...string) {
		for _, op := range ops {
			t.rules[key(UserPools, op)] = Rule{Service: UserPools, Op: op, Category: name, Rate: rate, PerPool: perPool}
		}
	}
	// User pools: one quota per category, shared by its operations; the
	// categories marked with footnote 3 also allow at most 5 RPS per
	// operation against one user pool. Only the categories of read and
	// pool-management calls are listed: ampgo never calls the others.
	category("UserPoolRead", 15, 0, "DescribeUserPool", "ListUserPools")
	category("UserPoolUpdate", 15, 0, "CreateUserPool", "UpdateUserPool", "DeleteUserPool")
	category("UserPoolResourceRead", 20, 5,
		"DescribeIdentityProvider", "DescribeResourceServer", "DescribeUserImportJob", "DescribeUserPoolDomain",
		"GetCSVHeader", "GetGroup", "GetSigningCertificate", "GetIdentityProviderByIdentifier",
		"GetUserPoolMfaConfig", "ListGroups", "ListIdentityProviders", "ListResourceServers",
		"ListTagsForResource", "ListUserImportJobs", "DescribeRiskConfiguration", "GetUICustomization",
		"DescribeManagedLoginBranding", "DescribeManagedLoginBrandingByClient")
	category("UserPoolResourceUpdate", 15, 5,
		"AddCustomAttributes", "CreateGroup", "CreateIdentityProvider", "CreateResourceServer",
		"CreateUserPoolDomain", "DeleteGroup", "DeleteIdentityProvider", "DeleteResourceServer",
		"DeleteUserPoolDomain", "SetUserPoolMfaConfig", "UpdateGroup", "UpdateIdentityProvider",
		"UpdateResourceServer", "UpdateUserPoolDomain", "TagResource", "UntagResource")
	category("UserPoolClientRead", 15, 5, "DescribeUserPoolClient", "ListUserPoolClients")
	category("UserPoolClientUpdate", 15, 5, "CreateUserPoolClient", "DeleteUserPoolClient", "UpdateUserPoolClient")

	// Identity pools: each quota applies to a single operation.
	single := func(op string, rate float64, assumed bool, note string) {
		t.rules[key(IdentityPools, op)] = Rule{Service: IdentityPools, Op: op, Category: op, Rate: rate, Assumed: assumed, Note: note}
	}
	single("GetId", 25, false, "")
	single("GetOpenIdToken", 200, false, "")
	single("GetCredentialsForIdentity", 200, false, "")
	single("GetOpenIdTokenForDeveloperIdentity", 50, false, "")
	single("ListIdentities", 5, false, "")
	single("DeleteIdentities", 10, false, "")
	single("TagResource", 5, false, "")
	single("UntagResource", 5, false, "")
	single("ListTagsForResource", 10, false, "")
	// Not on the quota page. Assumed like their closest documented
	// neighbours, so that a region-wide fan-out meets a limit, as every AWS
	// API does; override with -quota Op=rate (0 = no quota).
	single("ListIdentityPools", 5, true, "not documented; assumed like ListIdentities (5), the documented identity pool list")
	single("DescribeIdentityPool", 10, true, "not documented; assumed like ListTagsForResource (10), the documented read of one identity pool")
	single("GetIdentityPoolRoles", 10, true, "not documented; assumed like ListTagsForResource (10), the documented read of one identity pool")
	return t
}
