package graphql

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// parseAuth reads @auth(rules: [...]) and normalizes each rule with the v2
// transformer's defaults (reference §4.2).
func parseAuth(p *problems, dir *ast.Directive) []Rule {
	var rules []Rule
	for _, a := range dir.Arguments {
		if a.Name != "rules" {
			p.add(a.Position, "@auth argument %q is not supported", a.Name)
			continue
		}
		if a.Value == nil || a.Value.Kind != ast.ListValue {
			p.add(a.Position, "@auth rules must be a list of rules")
			continue
		}
		for _, c := range a.Value.Children {
			if c.Value.Kind != ast.ObjectValue {
				p.add(c.Value.Position, "@auth rule must be an object such as {allow: owner}")
				continue
			}
			if r, ok := parseRule(p, c.Value); ok {
				rules = append(rules, r)
			}
		}
	}
	return rules
}

// ruleArgs are the rule arguments ampgo implements, per allow strategy.
var ruleArgs = map[string]map[string]bool{
	AllowOwner:   {"allow": true, "provider": true, "ownerField": true, "identityClaim": true, "operations": true},
	AllowGroups:  {"allow": true, "provider": true, "groups": true, "groupClaim": true, "operations": true},
	AllowPrivate: {"allow": true, "provider": true, "operations": true},
	AllowPublic:  {"allow": true, "provider": true, "operations": true},
}

// identityClaims are the owner claims the resolvers implement.
// "cognito:username" is the same claim as "username" and is normalized to it.
var identityClaims = map[string]bool{"sub::username": true, "username": true, "sub": true}

func parseRule(p *problems, v *ast.Value) (Rule, bool) {
	r := Rule{Pos: posOf(v.Position)}
	allow := v.Children.ForName("allow")
	if allow == nil {
		p.add(v.Position, "@auth rule has no allow")
		return r, false
	}
	r.Allow = enumOrString(p, "allow", allow)
	args, ok := ruleArgs[r.Allow]
	if !ok {
		p.add(allow.Position, "@auth allow %q is not supported (owner, groups, private, public are)", r.Allow)
		return r, false
	}
	ok = true
	for _, c := range v.Children {
		if !args[c.Name] {
			why := ""
			if c.Name == "groupsField" {
				why = ": dynamic groups are not supported, list static groups"
			}
			p.add(c.Value.Position, "@auth %s rule argument %q is not supported%s", r.Allow, c.Name, why)
			ok = false
		}
	}
	r.Provider = map[string]string{AllowOwner: ProviderUserPools, AllowGroups: ProviderUserPools,
		AllowPrivate: ProviderUserPools, AllowPublic: ProviderAPIKey}[r.Allow]
	if pv := v.Children.ForName("provider"); pv != nil {
		r.Provider = enumOrString(p, "provider", pv)
		allowed := map[string][]string{AllowOwner: {ProviderUserPools}, AllowGroups: {ProviderUserPools},
			AllowPrivate: {ProviderUserPools, ProviderIAM}, AllowPublic: {ProviderAPIKey, ProviderIAM}}[r.Allow]
		if !contains(allowed, r.Provider) {
			p.add(pv.Position, "@auth %s rule provider %q is not supported (%s)", r.Allow, r.Provider, strings.Join(allowed, ", "))
			ok = false
		}
	}
	if r.Allow == AllowOwner {
		r.OwnerField, r.IdentityClaim = "owner", "sub::username"
		if f := v.Children.ForName("ownerField"); f != nil {
			r.OwnerField = stringValue(p, "ownerField", f)
		}
		if f := v.Children.ForName("identityClaim"); f != nil {
			r.IdentityClaim = stringValue(p, "identityClaim", f)
			if r.IdentityClaim == "cognito:username" {
				r.IdentityClaim = "username"
			}
			if !identityClaims[r.IdentityClaim] {
				p.add(f.Position, "@auth owner identityClaim %q is not supported (sub::username, username, cognito:username, sub)", r.IdentityClaim)
				ok = false
			}
		}
	}
	if r.Allow == AllowGroups {
		if g := v.Children.ForName("groupClaim"); g != nil && stringValue(p, "groupClaim", g) != "cognito:groups" {
			p.add(g.Position, "@auth groups groupClaim %q is not supported: only cognito:groups", g.Raw)
			ok = false
		}
		g := v.Children.ForName("groups")
		if g != nil && g.Kind == ast.StringValue {
			r.Groups = []string{g.Raw}
		} else if g != nil && g.Kind == ast.ListValue {
			for _, c := range g.Children {
				r.Groups = append(r.Groups, stringValue(p, "groups", c.Value))
			}
		}
		if len(r.Groups) == 0 {
			p.add(v.Position, "@auth groups rule needs groups: [\"Admin\", ...] (dynamic groups are not supported)")
			ok = false
		}
	}
	r.Operations = []string{OpCreate, OpRead, OpUpdate, OpDelete}
	if ops := v.Children.ForName("operations"); ops != nil {
		r.Operations = parseOperations(p, ops)
	}
	return r, ok
}

// parseOperations reads operations in the order create, read, update,
// delete. The v2 transformer also has the finer get, list, listen, sync and
// search; ampgo rejects them rather than widening them to read, so that a
// rule never grants more than it says.
func parseOperations(p *problems, v *ast.Value) []string {
	var items []*ast.Value
	switch v.Kind {
	case ast.ListValue:
		for _, c := range v.Children {
			items = append(items, c.Value)
		}
	case ast.EnumValue, ast.StringValue:
		items = []*ast.Value{v}
	default:
		p.add(v.Position, "@auth operations must be a list such as [create, read]")
		return nil
	}
	have := map[string]bool{}
	for _, it := range items {
		op := enumOrString(p, "operation", it)
		switch op {
		case OpCreate, OpRead, OpUpdate, OpDelete:
			have[op] = true
		case "get", "list", "listen", "sync", "search":
			p.add(it.Position, "@auth operation %q is not supported: use read (get, list and subscriptions together)", op)
		default:
			p.add(it.Position, "@auth operation %q is not an operation (create, read, update, delete)", op)
		}
	}
	var out []string
	for _, op := range []string{OpCreate, OpRead, OpUpdate, OpDelete} {
		if have[op] {
			out = append(out, op)
		}
	}
	return out
}

func stringValue(p *problems, what string, v *ast.Value) string {
	if v == nil || v.Kind != ast.StringValue {
		var pos *ast.Position
		if v != nil {
			pos = v.Position
		}
		p.add(pos, "%s must be a string", what)
		return ""
	}
	return v.Raw
}
