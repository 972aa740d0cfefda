package graphql

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// ResolverConfig is what the resolvers compare IAM callers with: the
// imported identity pool's roles (by name, as the Amplify stack parameters
// authRoleName/unauthRoleName carry them, reference §4.1) in an account and
// partition, and optionally the identity pool id.
type ResolverConfig struct {
	Account, Partition, AuthRoleName, UnauthRoleName, IdentityPoolID string
}

// Resolver is one APPSYNC_JS unit resolver: the field it resolves, the
// model whose DynamoDB data source it uses ("" for the NONE data source of
// subscriptions) and its code, an ES module exporting request and response.
type Resolver struct {
	TypeName, FieldName string
	Model               string
	Code                string
}

// AppSync's util.authType() values (APPSYNC_JS util reference).
const (
	jsUserPools = "User Pool Authorization"
	jsIAM       = "IAM Authorization"
	jsAPIKey    = "API Key Authorization"
)

// Resolvers returns one APPSYNC_JS unit resolver per root field that
// AppSyncSchema defines, in the order Query, Mutation, Subscription and,
// within each, the models in schema order (get, list, index queries;
// create, update, delete; onCreate, onUpdate, onDelete).
//
// Every resolver enforces the model's @auth rules for its operation
// (reference §4.2) before it touches DynamoDB; docs/graphql-resolvers.md
// has the full semantics. The Amplify transformer returns the username
// part of a "sub::username" owner with a field resolver on the owner
// field; ampgo does it in the response of each operation instead, so a
// model needs no per-field resolver and subscriptions, which AppSync
// feeds with the mutation's result, see the same value.
func Resolvers(s *Schema, c ResolverConfig) ([]Resolver, error) {
	if c.Partition == "" {
		c.Partition = "aws"
	}
	var query, mutation, subscription []Resolver
	for _, m := range s.Models {
		if err := checkIAMConfig(m, c); err != nil {
			return nil, err
		}
		g := resolverGen{m: m, c: c}
		query = append(query, Resolver{"Query", m.GetField(), m.Name, g.get()})
		query = append(query, Resolver{"Query", m.ListField(), m.Name, g.list("", nil)})
		for i := range m.Indexes {
			if ix := m.Indexes[i]; ix.QueryField != "" {
				query = append(query, Resolver{"Query", ix.QueryField, m.Name, g.list(ix.Name, ix.Fields)})
			}
		}
		mutation = append(mutation,
			Resolver{"Mutation", m.CreateField(), m.Name, g.create()},
			Resolver{"Mutation", m.UpdateField(), m.Name, g.update()},
			Resolver{"Mutation", m.DeleteField(), m.Name, g.delete()})
		for _, f := range []string{m.OnCreateField(), m.OnUpdateField(), m.OnDeleteField()} {
			subscription = append(subscription, Resolver{"Subscription", f, "", g.subscribe()})
		}
	}
	return append(append(query, mutation...), subscription...), nil
}

func checkIAMConfig(m *Model, c ResolverConfig) error {
	for _, r := range m.Rules {
		if r.Provider != ProviderIAM {
			continue
		}
		if c.Account == "" || c.AuthRoleName == "" {
			return fmt.Errorf("generate resolvers: type %s: an iam rule needs the account and the auth role name", m.Name)
		}
		if r.Allow == AllowPublic && c.UnauthRoleName == "" {
			return fmt.Errorf("generate resolvers: type %s: a public iam rule needs the unauth role name", m.Name)
		}
	}
	return nil
}

// IAMFields returns the AppSync resources ("Type/field" or "Type/*") that
// the model's iam rules open to the imported auth role (private and public
// iam rules) and to the unauth role (public iam rules), sorted and
// deduplicated: the fields of the operations each rule allows, the model
// type, and its connection type when read is allowed (AppSync checks IAM
// on every type a result passes through, reference §4.2).
func IAMFields(s *Schema) (auth, unauth []string) {
	a, u := map[string]bool{}, map[string]bool{}
	for _, m := range s.Models {
		for _, r := range m.Rules {
			if r.Provider != ProviderIAM {
				continue
			}
			for _, f := range ruleFields(m, r) {
				a[f] = true
				if r.Allow == AllowPublic {
					u[f] = true
				}
			}
		}
	}
	return sortedKeys(a), sortedKeys(u)
}

func ruleFields(m *Model, r Rule) []string {
	var out []string
	if len(r.Operations) > 0 {
		out = append(out, m.Name+"/*")
	}
	if r.Allows(OpRead) {
		out = append(out, "Model"+m.Name+"Connection/*", "Query/"+m.GetField(), "Query/"+m.ListField(),
			"Subscription/"+m.OnCreateField(), "Subscription/"+m.OnUpdateField(), "Subscription/"+m.OnDeleteField())
		for _, ix := range m.Indexes {
			if ix.QueryField != "" {
				out = append(out, "Query/"+ix.QueryField)
			}
		}
	}
	for op, field := range map[string]string{OpCreate: m.CreateField(), OpUpdate: m.UpdateField(), OpDelete: m.DeleteField()} {
		if r.Allows(op) {
			out = append(out, "Mutation/"+field)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// resolverGen writes the resolvers of one model.
type resolverGen struct {
	m *Model
	c ResolverConfig
}

// js is a Go value as a JavaScript literal (JSON is valid JavaScript).
func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings and string slices are passed
	}
	return string(b)
}

const jsImport = "import { util, runtime, extensions } from '@aws-appsync/utils';\n"

// module assembles a resolver: the import, the constants and helpers it
// uses, the access check for op, and the handlers.
func (g resolverGen) module(op, authOp string, handlers string, helpers ...string) string {
	var b strings.Builder
	b.WriteString(jsImport)
	fmt.Fprintf(&b, "\n// %s of %s, generated by ampgo from the @auth rules (docs/graphql-resolvers.md).\n", op, g.m.Name)
	fmt.Fprintf(&b, "const KEY = %s;\n", js(g.m.PrimaryKey))
	fmt.Fprintf(&b, "const OWNER_FIELDS = %s;\n", js(g.ownerFieldNames()))
	b.WriteString(g.access(authOp))
	b.WriteString(g.show())
	for _, h := range helpers {
		b.WriteString(jsHelpers[h])
	}
	b.WriteString(handlers)
	return b.String()
}

func (g resolverGen) ownerFieldNames() []string {
	out := []string{}
	for _, r := range g.m.Rules {
		if r.Allow == AllowOwner && !contains(out, r.OwnerField) {
			out = append(out, r.OwnerField)
		}
	}
	return out
}

// access writes access(ctx): it fails with Unauthorized unless a rule
// allowing op admits the caller, and returns {full, owners}: full when a
// rule other than owner admits the caller (all items), owners the owner
// rules the caller satisfies with the values that name the caller.
func (g resolverGen) access(op string) string {
	var b strings.Builder
	if len(g.m.Rules) == 0 {
		b.WriteString(`
// No @auth on the model: AppSync's default authorization mode alone decides
// who reaches this field (as with the Amplify transformer).
function access() {
  return { full: true, owners: [] };
}
`)
		return b.String()
	}
	var pools, iam, key []string
	for _, r := range g.m.Rules {
		if !r.Allows(op) {
			continue
		}
		switch {
		case r.Provider == ProviderAPIKey:
			key = append(key, "  full = true; // {allow: public, provider: apiKey}")
		case r.Provider == ProviderIAM:
			iam = append(iam, g.iamCheck(r))
		case r.Allow == AllowPrivate:
			pools = append(pools, "    full = true; // {allow: private}")
		case r.Allow == AllowGroups:
			var tests []string
			for _, grp := range r.Groups {
				tests = append(tests, "groups.includes("+js(grp)+")")
			}
			pools = append(pools, fmt.Sprintf("    if (%s) {\n      full = true;\n    }", strings.Join(tests, " || ")))
		case r.Allow == AllowOwner:
			pools = append(pools, ownerCheck(g.m, r))
		}
	}
	if len(iam) > 0 {
		fmt.Fprintf(&b, "\nconst AUTH_ROLE = %s;\nconst UNAUTH_ROLE = %s;\nconst IDENTITY_POOL = %s;\n",
			js(g.roleARN(g.c.AuthRoleName)), js(g.roleARN(g.c.UnauthRoleName)), js(g.c.IdentityPoolID))
	}
	b.WriteString("\nfunction access(ctx) {\n  const mode = util.authType();\n  const identity = ctx.identity || {};\n  let full = false;\n  const owners = [];\n")
	if len(pools) > 0 {
		fmt.Fprintf(&b, "  if (mode === %s) {\n", js(jsUserPools))
		b.WriteString("    const claims = identity.claims || {};\n    const sub = claims.sub || identity.sub;\n" +
			"    const username = claims['cognito:username'] || claims.username || identity.username;\n" +
			"    const groups = claims['cognito:groups'] || [];\n")
		b.WriteString(strings.Join(pools, "\n") + "\n  }\n")
	}
	if len(iam) > 0 {
		fmt.Fprintf(&b, "  if (mode === %s) {\n    const arn = identity.userArn;\n    const pool = identity.cognitoIdentityPoolId;\n    const kind = identity.cognitoIdentityAuthType;\n", js(jsIAM))
		b.WriteString(strings.Join(iam, "\n") + "\n  }\n")
	}
	if len(key) > 0 {
		fmt.Fprintf(&b, "  if (mode === %s) {\n  %s\n  }\n", js(jsAPIKey), strings.Join(key, "\n"))
	}
	b.WriteString("  if (!full && owners.length === 0) {\n    util.unauthorized();\n  }\n  return { full: full, owners: owners };\n}\n")
	return b.String()
}

// roleARN is the ARN AppSync shows as ctx.identity.userArn for a caller
// with the identity pool's credentials for role (reference §4.2).
func (g resolverGen) roleARN(role string) string {
	if role == "" {
		return ""
	}
	return "arn:" + g.c.Partition + ":sts::" + g.c.Account + ":assumed-role/" + role + "/CognitoIdentityCredentials"
}

// iamCheck is a private iam rule (the auth role, or an authenticated
// identity of the identity pool) or a public one (public covers signed-in
// callers too: the auth role, the unauth role, any identity of the pool).
func (g resolverGen) iamCheck(r Rule) string {
	var tests []string
	if r.Allow == AllowPublic {
		tests = []string{"arn === AUTH_ROLE", "arn === UNAUTH_ROLE"}
		if g.c.IdentityPoolID != "" {
			tests = append(tests, "pool === IDENTITY_POOL")
		}
	} else {
		tests = []string{"arn === AUTH_ROLE"}
		if g.c.IdentityPoolID != "" {
			tests = append(tests, "(pool === IDENTITY_POOL && kind === 'authenticated')")
		}
	}
	return fmt.Sprintf("    if (%s) {\n      full = true; // {allow: %s, provider: iam}\n    }", strings.Join(tests, " || "), r.Allow)
}

// ownerCheck adds the owner rule's values for the caller: for the default
// claim "sub::username" the stored "<sub>::<username>" and, as the
// transformer also accepts, the bare username.
func ownerCheck(m *Model, r Rule) string {
	var cond, values string
	switch r.IdentityClaim {
	case "sub":
		cond, values = "sub", "[sub]"
	case "username":
		cond, values = "username", "[username]"
	default:
		cond, values = "sub && username", "[sub + '::' + username, username]"
	}
	return fmt.Sprintf("    if (%s) {\n      owners.push({ field: %s, values: %s });\n    }", cond, js(r.OwnerField), values)
}

// show writes show(item): the item as the API returns it, with each
// "sub::username" owner reduced to the username (the transformer's
// generateFieldResolverForOwner, reference §4.2).
func (g resolverGen) show() string {
	var b strings.Builder
	b.WriteString("\nfunction show(item) {\n  if (!item) {\n    return item;\n  }\n  const out = Object.assign({}, item);\n")
	var seen []string
	for _, r := range g.m.Rules {
		if r.Allow != AllowOwner || r.IdentityClaim != "sub::username" || contains(seen, r.OwnerField) {
			continue
		}
		seen = append(seen, r.OwnerField)
		fmt.Fprintf(&b, "  out[%s] = usernameOf(out[%s]);\n", js(r.OwnerField), js(r.OwnerField))
	}
	b.WriteString("  return out;\n}\n\nfunction usernameOf(v) {\n  if (typeof v !== 'string') {\n    return v;\n  }\n  const parts = v.split('::');\n  return parts[parts.length - 1];\n}\n")
	return b.String()
}

// jsHelpers are the shared functions a resolver includes when it uses them.
// APPSYNC_JS has no try/throw, no classic for, no ++ and no `in` (reference
// §6): loops are for-of, counters `i = i + 1`, lookups by property.
var jsHelpers = map[string]string{
	"expr": `
// AppSync's util.transform returns the expression as a JSON string.
function expr(x) {
  return typeof x === 'string' ? JSON.parse(x) : x;
}

function condition(c) {
  return c ? expr(util.transform.toDynamoDBConditionExpression(c)) : null;
}
`,
	"and": `
// group parenthesizes a compound expression once: DynamoDB refuses
// redundant parentheses such as ((a = :a)).
function group(e) {
  if (e.charAt(0) !== '(') {
    return '(' + e + ')';
  }
  let depth = 0;
  let i = 0;
  for (const ch of e.split('')) {
    if (ch === '(') {
      depth = depth + 1;
    }
    if (ch === ')') {
      depth = depth - 1;
    }
    if (depth === 0 && i < e.length - 1) {
      return '(' + e + ')';
    }
    i = i + 1;
  }
  return e;
}

// and joins DynamoDB expressions with AND; null parts are left out.
function and(parts) {
  const texts = [];
  const expressionNames = {};
  const expressionValues = {};
  for (const p of parts) {
    if (p) {
      texts.push(p.expression);
      Object.assign(expressionNames, p.expressionNames || {});
      Object.assign(expressionValues, p.expressionValues || {});
    }
  }
  if (texts.length === 0) {
    return null;
  }
  const grouped = [];
  for (const e of texts) {
    grouped.push(texts.length > 1 ? group(e) : e);
  }
  const out = { expression: grouped.join(' AND ') };
  if (Object.keys(expressionNames).length > 0) {
    out.expressionNames = expressionNames;
  }
  if (Object.keys(expressionValues).length > 0) {
    out.expressionValues = expressionValues;
  }
  return out;
}
`,
	"ownerExpression": `
// ownerExpression holds when the item's owner field names the caller under
// any of owners; prefix keeps its placeholders apart from the others.
function ownerExpression(owners, prefix) {
  const ors = [];
  const expressionNames = {};
  const expressionValues = {};
  let i = 0;
  for (const o of owners) {
    const name = '#' + prefix + i;
    expressionNames[name] = o.field;
    let j = 0;
    for (const v of o.values) {
      const value = ':' + prefix + i + '_' + j;
      expressionValues[value] = util.dynamodb.toDynamoDB(v);
      ors.push(name + ' = ' + value);
      j = j + 1;
    }
    i = i + 1;
  }
  return { expression: ors.join(' OR '), expressionNames: expressionNames, expressionValues: expressionValues };
}
`,
	"isOwner": `
// isOwner reports whether an owner field of item names the caller.
function isOwner(owners, item) {
  for (const o of owners) {
    const v = item[o.field];
    for (const c of o.values) {
      if (v === c) {
        return true;
      }
    }
  }
  return false;
}
`,
	"keyOf": `
function keyOf(o) {
  const k = {};
  for (const f of KEY) {
    k[f] = o[f];
  }
  return util.dynamodb.toMapValues(k);
}

function exists(fn) {
  return { expression: fn + '(#ampgoKey)', expressionNames: { '#ampgoKey': KEY[0] } };
}
`,
	"keyCondition": `
const KEY_OPS = { eq: '=', le: '<=', lt: '<', ge: '>=', gt: '>' };

// keyCondition is a Query's key condition: the hash key and at most one
// condition on the sort key (ModelXKeyConditionInput).
function keyCondition(hash, hashValue, sort, sortCondition) {
  const q = {
    expression: '#ampgoHash = :ampgoHash',
    expressionNames: { '#ampgoHash': hash },
    expressionValues: { ':ampgoHash': util.dynamodb.toDynamoDB(hashValue) },
  };
  const ops = sortCondition ? Object.keys(sortCondition) : [];
  if (ops.length > 1) {
    util.error('A key condition takes one of eq, le, lt, ge, gt, between, beginsWith', 'InvalidArgument');
  }
  for (const op of ops) {
    const v = sortCondition[op];
    q.expressionNames['#ampgoSort'] = sort;
    if (op === 'between') {
      q.expression = q.expression + ' AND #ampgoSort BETWEEN :ampgoSort0 AND :ampgoSort1';
      q.expressionValues[':ampgoSort0'] = util.dynamodb.toDynamoDB(v[0]);
      q.expressionValues[':ampgoSort1'] = util.dynamodb.toDynamoDB(v[1]);
    } else if (op === 'beginsWith') {
      q.expression = q.expression + ' AND begins_with(#ampgoSort, :ampgoSort)';
      q.expressionValues[':ampgoSort'] = util.dynamodb.toDynamoDB(v);
    } else {
      q.expression = q.expression + ' AND #ampgoSort ' + KEY_OPS[op] + ' :ampgoSort';
      q.expressionValues[':ampgoSort'] = util.dynamodb.toDynamoDB(v);
    }
  }
  return q;
}
`,
}

// failOnError is the response line every DynamoDB resolver starts with: a
// data source error (ConditionalCheckFailedException…) becomes the field's
// error with AppSync's type "DynamoDB:<code>".
const failOnError = "  if (ctx.error) {\n    util.error(ctx.error.message, ctx.error.type);\n  }\n"

func (g resolverGen) get() string {
	var args []string
	for _, k := range g.m.PrimaryKey {
		args = append(args, k+": ctx.args."+k)
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  ctx.stash.access = access(ctx);
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ %s }) };
}

// An owner-only caller gets Unauthorized for another's item, as with the
// transformer's get response check.
export function response(ctx) {
%s  if (!ctx.result) {
    return null;
  }
  if (!ctx.stash.access.full && !isOwner(ctx.stash.access.owners, ctx.result)) {
    util.unauthorized();
  }
  return show(ctx.result);
}
`, strings.Join(args, ", "), failOnError)
	return g.module("get", OpRead, h, "isOwner")
}

// list writes the list field (index "" and fields nil: the table; a Query
// when the primary key has a sort key and its hash key argument is given,
// else a Scan) or an @index query field (a Query on the GSI). An
// owner-only caller's items are picked by a filter, which DynamoDB applies
// after limit: a page may hold fewer than limit items, or none, with a
// nextToken.
func (g resolverGen) list(index string, fields []string) string {
	var q string
	switch {
	case index != "":
		q = fmt.Sprintf("  req.operation = 'Query';\n  req.index = %s;\n  req.query = keyCondition(%s, args[%s], %s, args[%s]);\n  req.scanIndexForward = args.sortDirection !== 'DESC';\n",
			js(index), js(fields[0]), js(fields[0]), js(sortOf(fields)), js(sortOf(fields)))
	case len(g.m.PrimaryKey) > 1:
		k := g.m.PrimaryKey
		q = fmt.Sprintf("  if (args[%s] !== undefined && args[%s] !== null) {\n    req.operation = 'Query';\n    req.query = keyCondition(%s, args[%s], %s, args[%s]);\n    req.scanIndexForward = args.sortDirection !== 'DESC';\n  }\n",
			js(k[0]), js(k[0]), js(k[0]), js(k[0]), js(k[1]), js(k[1]))
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const args = ctx.args;
  const req = { operation: 'Scan', limit: args.limit || 100 };
%s  if (args.nextToken) {
    req.nextToken = args.nextToken;
  }
  const filter = and([
    args.filter ? expr(util.transform.toDynamoDBFilterExpression(args.filter)) : null,
    a.full ? null : ownerExpression(a.owners, 'ampgoOwner'),
  ]);
  if (filter) {
    req.filter = filter;
  }
  return req;
}

export function response(ctx) {
%s  const items = [];
  for (const item of ctx.result.items) {
    items.push(show(item));
  }
  return { items: items, nextToken: ctx.result.nextToken || null };
}
`, q, failOnError)
	op := "list"
	if index != "" {
		op = "query " + index
	}
	return g.module(op, OpRead, h, "expr", "and", "ownerExpression", "keyCondition")
}

func sortOf(fields []string) string {
	if len(fields) > 1 {
		return fields[1]
	}
	return ""
}

// create: the default id from util.autoId(), timestamps from
// util.time.nowISO8601() unless given, each owner field the caller can
// own set to the caller when absent; an owner-only caller must own the new
// item; attribute_not_exists on the key refuses overwriting an item.
func (g resolverGen) create() string {
	var fill []string
	if !customKey(g.m) {
		fill = append(fill, "  if (item.id === undefined || item.id === null) {\n    item.id = util.autoId();\n  }\n")
	}
	for _, f := range []string{"createdAt", "updatedAt"} {
		if g.m.Field(f) != nil {
			fill = append(fill, fmt.Sprintf("  if (item.%s === undefined || item.%s === null) {\n    item.%s = now;\n  }\n", f, f, f))
		}
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const now = util.time.nowISO8601();
  const item = Object.assign({}, ctx.args.input);
%s  for (const o of a.owners) {
    if (item[o.field] === undefined || item[o.field] === null) {
      item[o.field] = o.values[0];
    }
  }
  if (!a.full && !isOwner(a.owners, item)) {
    util.unauthorized();
  }
  const attributes = {};
  for (const k of Object.keys(item)) {
    if (!KEY.includes(k)) {
      attributes[k] = item[k];
    }
  }
  return {
    operation: 'PutItem',
    key: keyOf(item),
    attributeValues: util.dynamodb.toMapValues(attributes),
    condition: and([exists('attribute_not_exists'), condition(ctx.args.condition)]),
  };
}

export function response(ctx) {
%s  return show(ctx.result);
}
`, strings.Join(fill, ""), failOnError)
	return g.module("create", OpCreate, h, "expr", "and", "isOwner", "keyOf")
}

// update: attribute_exists on the key (a missing item fails the
// condition); for an owner-only caller the stored owner must name the
// caller, and an owner field in the input must name the caller and
// already hold the caller, so an owner cannot give the item away.
func (g resolverGen) update() string {
	stamp := ""
	if g.m.Field("updatedAt") != nil {
		stamp = "  if (values.updatedAt === undefined || values.updatedAt === null) {\n    values.updatedAt = util.time.nowISO8601();\n  }\n"
	}
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const input = ctx.args.input;
  const checks = [exists('attribute_exists')];
  if (!a.full) {
    checks.push(ownerExpression(a.owners, 'ampgoOwner'));
    let i = 0;
    for (const f of OWNER_FIELDS) {
      if (input[f] !== undefined) {
        let kept = false;
        for (const o of a.owners) {
          if (o.field === f && o.values.includes(input[f])) {
            checks.push(ownerExpression([o], 'ampgoSame' + i + '_'));
            kept = true;
          }
        }
        if (!kept) {
          util.unauthorized();
        }
      }
      i = i + 1;
    }
  }
  checks.push(condition(ctx.args.condition));
  const values = Object.assign({}, input);
%s  const expressionNames = {};
  const expressionValues = {};
  const sets = [];
  const removes = [];
  let n = 0;
  for (const k of Object.keys(values)) {
    if (!KEY.includes(k)) {
      const name = '#ampgoSet' + n;
      expressionNames[name] = k;
      if (values[k] === null) {
        removes.push(name);
      } else {
        expressionValues[':ampgoSet' + n] = util.dynamodb.toDynamoDB(values[k]);
        sets.push(name + ' = :ampgoSet' + n);
      }
      n = n + 1;
    }
  }
  const parts = [];
  if (sets.length > 0) {
    parts.push('SET ' + sets.join(', '));
  }
  if (removes.length > 0) {
    parts.push('REMOVE ' + removes.join(', '));
  }
  const update = { expression: parts.join(' '), expressionNames: expressionNames };
  if (sets.length > 0) {
    update.expressionValues = expressionValues;
  }
  return { operation: 'UpdateItem', key: keyOf(input), update: update, condition: and(checks) };
}

export function response(ctx) {
%s  return show(ctx.result);
}
`, stamp, failOnError)
	return g.module("update", OpUpdate, h, "expr", "and", "ownerExpression", "keyOf")
}

// delete: attribute_exists on the key, and for an owner-only caller the
// stored owner must name the caller.
func (g resolverGen) delete() string {
	h := fmt.Sprintf(`
export function request(ctx) {
  const a = access(ctx);
  const checks = [exists('attribute_exists')];
  if (!a.full) {
    checks.push(ownerExpression(a.owners, 'ampgoOwner'));
  }
  checks.push(condition(ctx.args.condition));
  return { operation: 'DeleteItem', key: keyOf(ctx.args.input), condition: and(checks) };
}

export function response(ctx) {
%s  return show(ctx.result);
}
`, failOnError)
	return g.module("delete", OpDelete, h, "expr", "and", "ownerExpression", "keyOf")
}

// subscribe: the request refuses callers no read rule admits and returns
// the NONE data source's empty payload; the response sets the enhanced
// subscription filter: the filter argument, and for an owner-only caller
// the owner field among the caller's values (the mutation result AppSync
// filters carries the username form, so both forms are listed). An owner
// argument must name the caller unless a rule gives the caller all items.
func (g resolverGen) subscribe() string {
	h := `
export function request(ctx) {
  access(ctx);
  return { payload: null };
}

export function response(ctx) {
  const a = access(ctx);
  let groups = [];
  if (ctx.args.filter) {
    groups = expr(util.transform.toSubscriptionFilter(ctx.args.filter)).filterGroup;
  }
  const extra = [];
  for (const f of OWNER_FIELDS) {
    const v = ctx.args[f];
    if (v !== undefined && v !== null) {
      let mine = false;
      for (const o of a.owners) {
        if (o.field === f && o.values.includes(v)) {
          mine = true;
        }
      }
      if (!a.full && !mine) {
        util.unauthorized();
      }
      extra.push({ fieldName: f, operator: 'eq', value: usernameOf(v) });
    }
  }
  const alternatives = [];
  if (!a.full) {
    for (const o of a.owners) {
      alternatives.push({ fieldName: o.field, operator: 'in', value: o.values });
    }
  }
  if (groups.length === 0 && (extra.length > 0 || alternatives.length > 0)) {
    groups = [{ filters: [] }];
  }
  const out = [];
  for (const g of groups) {
    if (alternatives.length === 0) {
      out.push({ filters: g.filters.concat(extra) });
    }
    for (const alt of alternatives) {
      out.push({ filters: g.filters.concat(extra).concat([alt]) });
    }
  }
  if (out.length > 0) {
    extensions.setSubscriptionFilter({ filterGroup: out });
  }
  return null;
}
`
	return g.module("subscription", OpRead, h, "expr")
}
