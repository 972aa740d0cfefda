package graphql

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/mapkeys"
	"github.com/ampgo/ampgo/internal/testenv"
)

// execSchema has one model per kind of @auth rule, and Note, which mixes an
// owner rule with a group that reads and writes every item.
const execSchema = `
type Owned @model @auth(rules: [{allow: owner}]) {
  id: ID!
  title: String!
  status: String @index(name: "byStatus", queryField: "ownedByStatus")
}
type Team @model @auth(rules: [{allow: groups, groups: ["Admin"]}]) {
  id: ID!
  title: String!
}
type Member @model @auth(rules: [{allow: private}]) {
  id: ID!
  title: String!
}
type Role @model @auth(rules: [{allow: private, provider: iam}]) {
  id: ID!
  title: String!
}
type Guest @model @auth(rules: [{allow: public, provider: iam}]) {
  id: ID!
  title: String!
}
type Open @model @auth(rules: [{allow: public}]) {
  id: ID!
  title: String!
}
type Note @model @auth(rules: [{allow: owner}, {allow: groups, groups: ["Admin"], operations: [read, update, delete]}]) {
  id: ID!
  title: String!
}
type Order @model @auth(rules: [{allow: private}]) {
  customerId: ID! @primaryKey(sortKeyFields: ["orderedAt"])
  orderedAt: AWSDateTime!
  status: String! @index(name: "byStatus", sortKeyFields: ["total"], queryField: "ordersByStatus")
  total: Int
}
type Plain @model {
  id: ID!
  title: String!
}
`

var execConfig = ResolverConfig{Account: "111122223333", Partition: "aws", AuthRoleName: "acme-auth-role",
	UnauthRoleName: "acme-unauth-role", IdentityPoolID: "us-east-1:0000-pool"}

// identities are the callers of the matrix, as the harness's identity
// objects: two owners, a member of Admin, a signed-in user outside it, the
// imported auth and unauth roles, an API key, a role of the account that is
// neither (IAM rules admit only the imported roles), and an authenticated
// identity of the pool under another role name.
var identities = map[string]map[string]any{
	"A":        {"kind": "userPool", "sub": "sub-a", "username": "alice"},
	"B":        {"kind": "userPool", "sub": "sub-b", "username": "bob"},
	"member":   {"kind": "userPool", "sub": "sub-m", "username": "maria", "groups": []string{"Admin"}},
	"outsider": {"kind": "userPool", "sub": "sub-o", "username": "oscar", "groups": []string{"Staff"}},
	"authRole": {"kind": "iam", "userArn": "arn:aws:sts::111122223333:assumed-role/acme-auth-role/CognitoIdentityCredentials",
		"cognitoIdentityPoolId": "us-east-1:0000-pool", "cognitoIdentityAuthType": "authenticated"},
	"unauthRole": {"kind": "iam", "userArn": "arn:aws:sts::111122223333:assumed-role/acme-unauth-role/CognitoIdentityCredentials",
		"cognitoIdentityPoolId": "us-east-1:0000-pool", "cognitoIdentityAuthType": "unauthenticated"},
	// poolAuth has the pool's authenticated credentials under another
	// role name: private iam rules admit it by the identity pool id.
	"poolAuth": {"kind": "iam", "userArn": "arn:aws:sts::111122223333:assumed-role/acme-admin-role/CognitoIdentityCredentials",
		"cognitoIdentityPoolId": "us-east-1:0000-pool", "cognitoIdentityAuthType": "authenticated"},
	"apiKey":    {"kind": "apiKey"},
	"otherRole": {"kind": "iam", "userArn": "arn:aws:sts::111122223333:assumed-role/ci-deployer/session"},
}

var usernames = map[string]string{"A": "alice", "B": "bob", "member": "maria", "outsider": "oscar"}

// Expected outcomes of a step. ok: no error (for list: the model's fixture
// item is among the items; for a subscription: no filter); own: no error,
// and every item listed, or the subscription filter, names the caller;
// unauth: Unauthorized; cond: DynamoDB:ConditionalCheckFailedException.
const (
	ok     = "ok"
	own    = "own"
	unauth = "unauth"
	cond   = "cond"
)

// matrixOps are the matrix columns, in order.
var matrixOps = []string{"create", "get", "list", "update", "delete", "subscribe"}

// matrix is the allow/deny matrix per rule (one model each) and operation.
// Each model's fixture item and one victim per caller (for delete) are
// created first by seeder.
var matrix = []struct {
	model, seeder string
	want          map[string]string // caller → six outcomes, in matrixOps order
}{
	{"Owned", "A", map[string]string{
		"A": "ok ok own ok ok own", "B": "ok unauth own cond cond own", "member": "ok unauth own cond cond own",
		"outsider": "ok unauth own cond cond own", "authRole": "unauth*", "unauthRole": "unauth*", "apiKey": "unauth*", "otherRole": "unauth*", "poolAuth": "unauth*"}},
	{"Team", "member", map[string]string{
		"A": "unauth*", "B": "unauth*", "member": "ok*", "outsider": "unauth*",
		"authRole": "unauth*", "unauthRole": "unauth*", "apiKey": "unauth*", "otherRole": "unauth*", "poolAuth": "unauth*"}},
	{"Member", "A", map[string]string{
		"A": "ok*", "B": "ok*", "member": "ok*", "outsider": "ok*",
		"authRole": "unauth*", "unauthRole": "unauth*", "apiKey": "unauth*", "otherRole": "unauth*", "poolAuth": "unauth*"}},
	{"Role", "authRole", map[string]string{
		"A": "unauth*", "B": "unauth*", "member": "unauth*", "outsider": "unauth*",
		"authRole": "ok*", "unauthRole": "unauth*", "apiKey": "unauth*", "otherRole": "unauth*", "poolAuth": "ok*"}},
	{"Guest", "unauthRole", map[string]string{
		"A": "unauth*", "B": "unauth*", "member": "unauth*", "outsider": "unauth*",
		"authRole": "ok*", "unauthRole": "ok*", "apiKey": "unauth*", "otherRole": "unauth*", "poolAuth": "ok*"}},
	{"Open", "apiKey", map[string]string{
		"A": "unauth*", "B": "unauth*", "member": "unauth*", "outsider": "unauth*",
		"authRole": "unauth*", "unauthRole": "unauth*", "apiKey": "ok*", "otherRole": "unauth*", "poolAuth": "unauth*"}},
	{"Note", "A", map[string]string{
		"A": "ok ok own ok ok own", "B": "ok unauth own cond cond own", "member": "ok ok ok ok ok ok",
		"outsider": "ok unauth own cond cond own", "authRole": "unauth*", "unauthRole": "unauth*", "apiKey": "unauth*", "otherRole": "unauth*", "poolAuth": "unauth*"}},
	// No @auth: the resolvers admit every caller, and AppSync's default
	// authorization mode alone decides who reaches the fields.
	{"Plain", "A", map[string]string{
		"A": "ok*", "B": "ok*", "member": "ok*", "outsider": "ok*",
		"authRole": "ok*", "unauthRole": "ok*", "apiKey": "ok*", "otherRole": "ok*", "poolAuth": "ok*"}},
}

// outcomes expands "x*" (x for every operation) and splits the row.
func outcomes(row string) []string {
	if strings.HasSuffix(row, "*") {
		return strings.Fields(strings.Repeat(strings.TrimSuffix(row, "*")+" ", len(matrixOps)))
	}
	return strings.Fields(row)
}

// TestResolversExecute lints the generated resolvers and runs them, with
// tools/appsync-harness, against DynamoDB tables in moto: the allow/deny
// matrix, then CRUD semantics.
func TestResolversExecute(t *testing.T) {
	s, err := Parse("exec.graphql", []byte(execSchema))
	if err != nil {
		t.Fatal(err)
	}
	resolvers, err := Resolvers(s, execConfig)
	if err != nil {
		t.Fatal(err)
	}
	node, dir := testenv.AppSyncHarness(t)
	files := writeResolvers(t, resolvers)
	lint := exec.Command(node, append([]string{filepath.Join(dir, "lint.mjs")}, sortedValues(files)...)...)
	lint.Dir = dir
	if out, err := lint.CombinedOutput(); err != nil {
		t.Fatalf("eslint with plugin:@aws-appsync/recommended: %v\n%s", err, out)
	}

	moto := testenv.Start(t)
	h := testenv.StartResolverRunner(t, node, dir, moto.Env())
	for _, env := range []string{"matrix", "crud"} {
		for _, m := range s.Models {
			do(t, h, map[string]any{"createTable": tableInput(m, m.TableName("exec", env))})
		}
	}
	x := &executor{h: h, s: s, files: files}

	cells := 0
	for _, row := range matrix {

		m := modelNamed(s, row.model)
		x.env = "matrix"
		x.run(t, step{name: "seed fixture", who: row.seeder, field: m.CreateField(), args: map[string]any{"input": map[string]any{"id": row.model + "-fixture", "title": "fixture"}}, want: ok})
		for who := range identities {
			x.run(t, step{name: "seed victim", who: row.seeder, field: m.CreateField(), args: map[string]any{"input": map[string]any{"id": row.model + "-victim-" + who, "title": "victim"}}, want: ok})
		}
		for _, who := range mapkeys.Sorted(identities) {
			want := outcomes(row.want[who])
			if len(want) != len(matrixOps) {
				t.Fatalf("matrix %s/%s: %d outcomes, want %d", row.model, who, len(want), len(matrixOps))
			}
			args := map[string]map[string]any{
				"create":    {"input": map[string]any{"id": row.model + "-new-" + who, "title": "new"}},
				"get":       {"id": row.model + "-fixture"},
				"list":      {"limit": 1000},
				"update":    {"input": map[string]any{"id": row.model + "-fixture", "title": "updated by " + who}},
				"delete":    {"input": map[string]any{"id": row.model + "-victim-" + who}},
				"subscribe": {},
			}
			fields := map[string]string{"create": m.CreateField(), "get": m.GetField(), "list": m.ListField(),
				"update": m.UpdateField(), "delete": m.DeleteField(), "subscribe": m.OnUpdateField()}
			for i, op := range matrixOps {
				x.run(t, step{name: fmt.Sprintf("matrix %s %s %s", row.model, who, op), who: who, field: fields[op], args: args[op], want: want[i], fixture: row.model + "-fixture"})
				cells++
			}
		}
	}
	t.Logf("matrix: %d cells over %d resolvers", cells, len(resolvers))

	x.env = "crud"
	for _, st := range crudSteps() {
		x.run(t, st)
	}
}

// TestHarnessLintRefuses proves the lint step can fail: each construct
// APPSYNC_JS cannot run (reference §6) is reported by its rule.
func TestHarnessLintRefuses(t *testing.T) {
	node, dir := testenv.AppSyncHarness(t)
	bad := map[string]string{
		"no-try":                        "try { f(); } catch (e) { g(e); }",
		"no-while":                      "while (x) { f(); }",
		"no-for":                        "for (let i = 0; i < 3; i = i + 1) { f(i); }",
		"no-disallowed-unary-operators": "let i = 0; i++;",
		"no-classes":                    "class A {}",
		"no-regex":                      "const r = /a+/;",
		"no-in-operator":                "const b = 'a' in x;",
		"no-recursion":                  "return loop(ctx); } function loop(c) { return loop(c);",
		"no-disallowed-methods":         "Object.freeze(ctx);",
	}
	tmp := t.TempDir()
	var files []string
	for rule, code := range bad {
		p := filepath.Join(tmp, rule+".js")
		src := "export function request(ctx) {\n  " + code + "\n  return ctx;\n}\n"
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	lint := exec.Command(node, append([]string{filepath.Join(dir, "lint.mjs")}, files...)...)
	lint.Dir = dir
	out, err := lint.CombinedOutput()
	if err == nil {
		t.Fatalf("lint passed files it must refuse:\n%s", out)
	}
	for rule := range bad {
		if !strings.Contains(string(out), "@aws-appsync/"+rule) {
			t.Errorf("lint output does not report @aws-appsync/%s:\n%s", rule, out)
		}
	}
}

// modelNamed returns the model called name.
func modelNamed(s *Schema, name string) *Model {
	for _, m := range s.Models {
		if m.Name == name {
			return m
		}
	}
	panic("no model " + name)
}

// writeResolvers writes each resolver as Type.field.js and returns the
// paths by "Type.field".
func writeResolvers(t *testing.T, rs []Resolver) map[string]string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	for _, r := range rs {
		p := filepath.Join(dir, r.TypeName+"."+r.FieldName+".js")
		if err := os.WriteFile(p, []byte(r.Code), 0o644); err != nil {
			t.Fatal(err)
		}
		files[r.TypeName+"."+r.FieldName] = p
	}
	return files
}

func sortedValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// tableInput is the CreateTable input of a model's table, as the stack
// declares it: on-demand, the primary key, a GSI per @index.
func tableInput(m *Model, name string) map[string]any {
	attrs := map[string]bool{}
	keySchema := func(fields []string) []map[string]string {
		ks := []map[string]string{{"AttributeName": fields[0], "KeyType": "HASH"}}
		if len(fields) > 1 {
			ks = append(ks, map[string]string{"AttributeName": fields[1], "KeyType": "RANGE"})
		}
		for _, f := range fields {
			attrs[f] = true
		}
		return ks
	}
	in := map[string]any{"TableName": name, "BillingMode": "PAY_PER_REQUEST", "KeySchema": keySchema(m.PrimaryKey)}
	var gsis []map[string]any
	for _, ix := range m.Indexes {
		gsis = append(gsis, map[string]any{"IndexName": ix.Name, "KeySchema": keySchema(ix.Fields), "Projection": map[string]string{"ProjectionType": "ALL"}})
	}
	if len(gsis) > 0 {
		in["GlobalSecondaryIndexes"] = gsis
	}
	var defs []map[string]string
	for _, a := range mapkeys.Sorted(attrs) {
		typ := "S"
		if f := m.Field(a); f != nil && (f.Type == "Int" || f.Type == "Float" || f.Type == "AWSTimestamp") {
			typ = "N"
		}
		defs = append(defs, map[string]string{"AttributeName": a, "AttributeType": typ})
	}
	in["AttributeDefinitions"] = defs
	return in
}

// result is the harness's answer to one step.
type result struct {
	Data               any             `json:"data"`
	Error              *resultError    `json:"error"`
	Request            json.RawMessage `json:"request"`
	SubscriptionFilter *struct {
		FilterGroup []struct {
			Filters []struct {
				FieldName, Operator string
				Value               any
			} `json:"filters"`
		} `json:"filterGroup"`
	} `json:"subscriptionFilter"`
}

type resultError struct{ Type, Message string }

// do runs one step in the harness and decodes its answer.
func do(t *testing.T, h *testenv.ResolverRunner, v any) result {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	line := h.Do(t, b)
	var r result
	if err := json.Unmarshal(line, &r); err != nil {
		t.Fatalf("harness answer %s: %v", line, err)
	}
	if r.Error != nil && r.Error.Type == "HarnessError" {
		t.Fatalf("harness: %s", r.Error.Message)
	}
	return r
}

// step is one resolver call: who calls field with args (or with argsFrom,
// computed from earlier steps' results by name) and what must come back.
type step struct {
	name, who, field string
	args             map[string]any
	argsFrom         func(r map[string]result) map[string]any
	want             string
	// fixture is the item an "ok" list must show (matrix).
	fixture string
	// allPages follows nextToken and answers {items, pages}.
	allPages bool
	check    func(t *testing.T, r result)
}

// executor runs steps against the tables of env.
type executor struct {
	h       *testenv.ResolverRunner
	s       *Schema
	files   map[string]string
	env     string
	results map[string]result
}

// field returns the root type and model of a root field.
func (x *executor) field(name string) (typeName string, m *Model) {
	for _, mm := range x.s.Models {
		for _, tn := range []string{"Query", "Mutation", "Subscription"} {
			if _, found := x.files[tn+"."+name]; !found {
				continue
			}
			for _, f := range append([]string{mm.GetField(), mm.ListField(), mm.CreateField(), mm.UpdateField(), mm.DeleteField(),
				mm.OnCreateField(), mm.OnUpdateField(), mm.OnDeleteField()}, indexFields(mm)...) {
				if f == name {
					return tn, mm
				}
			}
		}
	}
	panic("no resolver for " + name)
}

func indexFields(m *Model) []string {
	var out []string
	for _, ix := range m.Indexes {
		if ix.QueryField != "" {
			out = append(out, ix.QueryField)
		}
	}
	return out
}

func (x *executor) call(t *testing.T, st step, args map[string]any) result {
	t.Helper()
	typeName, m := x.field(st.field)
	req := map[string]any{"resolver": x.files[typeName+"."+st.field], "typeName": typeName, "fieldName": st.field,
		"identity": identities[st.who], "args": args}
	if typeName != "Subscription" {
		req["table"] = m.TableName("exec", x.env)
	}
	return do(t, x.h, req)
}

// run calls the step (every page when allPages), checks want and check,
// and records the result under the step's name.
func (x *executor) run(t *testing.T, st step) {
	t.Helper()
	if x.results == nil {
		x.results = map[string]result{}
	}
	args := st.args
	if st.argsFrom != nil {
		args = st.argsFrom(x.results)
	}
	r := x.call(t, st, args)
	if st.allPages && r.Error == nil {
		var items []any
		pages := 0
		for {
			pages++
			data, _ := r.Data.(map[string]any)
			list, _ := data["items"].([]any)
			items = append(items, list...)
			token, _ := data["nextToken"].(string)
			if token == "" || r.Error != nil {
				break
			}
			next := map[string]any{"nextToken": token}
			for k, v := range args {
				if k != "nextToken" {
					next[k] = v
				}
			}
			r = x.call(t, st, next)
		}
		r.Data = map[string]any{"items": items, "pages": float64(pages)}
	}
	x.results[st.name] = r
	typeName, _ := x.field(st.field)
	t.Run(st.name, func(t *testing.T) {
		if msg := outcome(st, typeName, r); msg != "" {
			t.Errorf("%s as %s: %s", st.field, st.who, msg)
			return
		}
		if st.check != nil {
			st.check(t, r)
		}
	})
}

// outcome returns what is wrong with r for the step's want, or "".
func outcome(st step, typeName string, r result) string {
	errText := "no error"
	if r.Error != nil {
		errText = r.Error.Type + ": " + r.Error.Message
	}
	switch st.want {
	case unauth:
		if r.Error == nil || r.Error.Type != "Unauthorized" {
			return "want Unauthorized, got " + errText
		}
		return ""
	case cond:
		if r.Error == nil || r.Error.Type != "DynamoDB:ConditionalCheckFailedException" {
			return "want DynamoDB:ConditionalCheckFailedException, got " + errText
		}
		return ""
	}
	if r.Error != nil {
		return "want " + st.want + ", got " + errText
	}
	if typeName == "Subscription" {
		f := r.SubscriptionFilter
		switch {
		case st.want == ok && f != nil:
			return fmt.Sprintf("want no subscription filter, got %+v", *f)
		case st.want == own && (f == nil || !strings.Contains(fmt.Sprint(*f), usernames[st.who])):
			return fmt.Sprintf("want a subscription filter on %s, got %+v", usernames[st.who], f)
		}
		return ""
	}
	data, _ := r.Data.(map[string]any)
	items, isList := data["items"].([]any)
	if !isList {
		return ""
	}
	seen := false
	for _, it := range items {
		item, _ := it.(map[string]any)
		if item["id"] == st.fixture {
			seen = true
		}
		if st.want == own && item["owner"] != usernames[st.who] {
			return fmt.Sprintf("want only %s's items, got one of %v", usernames[st.who], item["owner"])
		}
	}
	if st.want == ok && st.fixture != "" && !seen {
		return fmt.Sprintf("want %s among %d items", st.fixture, len(items))
	}
	return ""
}

// in is a mutation's arguments: input, and condition when given.
func in(input map[string]any, condition ...map[string]any) map[string]any {
	a := map[string]any{"input": input}
	if len(condition) > 0 {
		a["condition"] = condition[0]
	}
	return a
}

// itemField returns a field of a step's item result.
func itemField(r result, f string) any {
	data, _ := r.Data.(map[string]any)
	return data[f]
}

// ids are the ids of a list result, sorted.
func ids(r result) []string {
	data, _ := r.Data.(map[string]any)
	items, _ := data["items"].([]any)
	var out []string
	for _, it := range items {
		item, _ := it.(map[string]any)
		out = append(out, fmt.Sprint(item["id"]))
	}
	sort.Strings(out)
	return out
}

func wantIDs(want ...string) func(t *testing.T, r result) {
	return func(t *testing.T, r result) {
		t.Helper()
		if got := ids(r); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("items %v, want %v", got, want)
		}
	}
}

func wantField(f string, want any) func(t *testing.T, r result) {
	return func(t *testing.T, r result) {
		t.Helper()
		if got := itemField(r, f); got != want {
			t.Errorf("%s = %v, want %v", f, got, want)
		}
	}
}

// crudSteps run in order on fresh tables: Owned for the owner rule and its
// index, Note for a group that reads and writes every item.
func crudSteps() []step {
	var steps []step
	for i, status := range []string{"open", "open", "open", "done", "done"} {
		id := fmt.Sprintf("a%d", i+1)
		steps = append(steps, step{name: "A creates " + id, who: "A", field: "createOwned",
			args: in(map[string]any{"id": id, "title": "A's " + id, "status": status}), want: ok, check: wantField("owner", "alice")})
	}
	steps = append(steps,
		step{name: "B creates b1 without an id", who: "B", field: "createOwned", args: in(map[string]any{"title": "B's", "status": "open"}), want: ok,
			check: func(t *testing.T, r result) {
				// util.autoId, the timestamps, and the stored owner <sub>::<username>.
				var req struct{ AttributeValues map[string]map[string]any }
				_ = json.Unmarshal(r.Request, &req)
				if id, _ := itemField(r, "id").(string); len(id) != 36 {
					t.Errorf("id %q is not a UUID", id)
				}
				if itemField(r, "createdAt") == nil || itemField(r, "createdAt") != itemField(r, "updatedAt") {
					t.Errorf("createdAt %v, updatedAt %v: want both, equal", itemField(r, "createdAt"), itemField(r, "updatedAt"))
				}
				if got := req.AttributeValues["owner"]["S"]; got != "sub-b::bob" {
					t.Errorf("stored owner %v, want sub-b::bob", got)
				}
			}},
		step{name: "A gets a1", who: "A", field: "getOwned", args: map[string]any{"id": "a1"}, want: ok, check: wantField("title", "A's a1")},
		step{name: "A lists in pages of 2", who: "A", field: "listOwneds", args: map[string]any{"limit": 2}, allPages: true, want: own,
			check: func(t *testing.T, r result) {
				t.Helper()
				wantIDs("a1", "a2", "a3", "a4", "a5")(t, r)
				if p := itemField(r, "pages").(float64); p < 3 {
					t.Errorf("%v pages of 2, want at least 3", p)
				}
			}},
		step{name: "A lists with a filter", who: "A", field: "listOwneds", args: map[string]any{"filter": map[string]any{"status": map[string]any{"eq": "done"}}}, want: own, check: wantIDs("a4", "a5")},
		step{name: "B lists only b1", who: "B", field: "listOwneds", args: map[string]any{}, want: own,
			check: func(t *testing.T, r result) {
				t.Helper()
				if got := ids(r); len(got) != 1 {
					t.Errorf("B sees %v, want one item", got)
				}
			}},
		step{name: "A queries the index", who: "A", field: "ownedByStatus", args: map[string]any{"status": "open"}, want: own, check: wantIDs("a1", "a2", "a3")},
		step{name: "B queries the index", who: "B", field: "ownedByStatus", args: map[string]any{"status": "open"}, want: own,
			check: func(t *testing.T, r result) {
				t.Helper()
				if got := ids(r); len(got) != 1 || got[0] == "a1" {
					t.Errorf("B's open items %v, want its own one", got)
				}
			}},
		step{name: "update with a failing condition", who: "A", field: "updateOwned", args: in(map[string]any{"id": "a1", "title": "x"}, map[string]any{"title": map[string]any{"eq": "nope"}}), want: cond},
		step{name: "update with a holding condition", who: "A", field: "updateOwned", args: in(map[string]any{"id": "a1", "title": "A's a1 v2"}, map[string]any{"title": map[string]any{"eq": "A's a1"}}), want: ok,
			check: func(t *testing.T, r result) {
				t.Helper()
				wantField("title", "A's a1 v2")(t, r)
				wantField("owner", "alice")(t, r)
				// The request sets updatedAt; the clock only has to not go back.
				if !strings.Contains(string(r.Request), `"updatedAt"`) {
					t.Errorf("update request does not set updatedAt: %s", r.Request)
				}
				if c, u := fmt.Sprint(itemField(r, "createdAt")), fmt.Sprint(itemField(r, "updatedAt")); u < c {
					t.Errorf("updatedAt %s before createdAt %s", u, c)
				}
			}},
		step{name: "update of a missing item", who: "A", field: "updateOwned", args: in(map[string]any{"id": "missing", "title": "x"}), want: cond},
		step{name: "create over an existing id", who: "A", field: "createOwned", args: in(map[string]any{"id": "a2", "title": "again"}), want: cond},
		step{name: "A gives a2 to B", who: "A", field: "updateOwned", args: in(map[string]any{"id": "a2", "owner": "sub-b::bob"}), want: unauth},
		step{name: "A sets a2's owner to itself", who: "A", field: "updateOwned", args: in(map[string]any{"id": "a2", "owner": "sub-a::alice", "title": "kept"}), want: ok, check: wantField("owner", "alice")},
		step{name: "A creates an item owned by B", who: "A", field: "createOwned", args: in(map[string]any{"id": "a9", "title": "x", "owner": "sub-b::bob"}), want: unauth},
		step{name: "B gets a1", who: "B", field: "getOwned", args: map[string]any{"id": "a1"}, want: unauth},
		step{name: "B updates a1", who: "B", field: "updateOwned", args: in(map[string]any{"id": "a1", "title": "mine now"}), want: cond},
		step{name: "B claims a1", who: "B", field: "updateOwned", args: in(map[string]any{"id": "a1", "owner": "sub-b::bob"}), want: cond},
		step{name: "B deletes a1", who: "B", field: "deleteOwned", args: in(map[string]any{"id": "a1"}), want: cond},
		step{name: "a1 is untouched", who: "A", field: "getOwned", args: map[string]any{"id": "a1"}, want: ok, check: wantField("title", "A's a1 v2")},
		step{name: "A deletes a1", who: "A", field: "deleteOwned", args: in(map[string]any{"id": "a1"}), want: ok, check: wantField("id", "a1")},
		step{name: "a1 is gone", who: "A", field: "getOwned", args: map[string]any{"id": "a1"}, want: ok,
			check: func(t *testing.T, r result) {
				t.Helper()
				if r.Data != nil {
					t.Errorf("get after delete: %v, want null", r.Data)
				}
			}},
		step{name: "delete with a failing condition", who: "A", field: "deleteOwned", args: in(map[string]any{"id": "a3"}, map[string]any{"status": map[string]any{"eq": "done"}}), want: cond},
		step{name: "B subscribes to A's items", who: "B", field: "onCreateOwned", args: map[string]any{"owner": "sub-a::alice"}, want: unauth},
		step{name: "A subscribes with a filter", who: "A", field: "onCreateOwned", args: map[string]any{"owner": "alice", "filter": map[string]any{"status": map[string]any{"eq": "open"}}}, want: own,
			check: func(t *testing.T, r result) {
				t.Helper()
				// One group: the filter argument, the owner argument, and the owner among A's values.
				got := fmt.Sprint(r.SubscriptionFilter.FilterGroup)
				want := "[{[{status eq open} {owner eq alice} {owner in [sub-a::alice alice]}]}]"
				if got != want {
					t.Errorf("subscription filter %s, want %s", got, want)
				}
			}},
	)
	for i := 1; i <= 5; i++ {
		id := fmt.Sprintf("n%d", i)
		steps = append(steps, step{name: "A creates " + id, who: "A", field: "createNote", args: in(map[string]any{"id": id, "title": id}), want: ok})
	}
	page := func(n int) step {
		return step{name: fmt.Sprintf("Admin page %d", n), who: "member", field: "listNotes", want: ok,
			argsFrom: func(r map[string]result) map[string]any {
				a := map[string]any{"limit": 2}
				if n > 1 {
					a["nextToken"] = itemField(r[fmt.Sprintf("Admin page %d", n-1)], "nextToken")
				}
				return a
			},
			check: func(t *testing.T, r result) {
				t.Helper()
				want := map[int]int{1: 2, 2: 2, 3: 1}[n]
				if got := len(ids(r)); got != want {
					t.Errorf("page %d has %d items, want %d", n, got, want)
				}
				if tok, _ := itemField(r, "nextToken").(string); n < 3 && tok == "" {
					t.Errorf("page %d has no nextToken", n)
				}
			}}
	}
	steps = append(steps, page(1), page(2), page(3),
		step{name: "Admin gives n1 to B", who: "member", field: "updateNote", args: in(map[string]any{"id": "n1", "owner": "sub-b::bob"}), want: ok, check: wantField("owner", "bob")},
		step{name: "B reads n1", who: "B", field: "getNote", args: map[string]any{"id": "n1"}, want: ok},
		step{name: "A no longer reads n1", who: "A", field: "getNote", args: map[string]any{"id": "n1"}, want: unauth},
		step{name: "Admin deletes n2", who: "member", field: "deleteNote", args: in(map[string]any{"id": "n2"}), want: ok},
		step{name: "A lists its notes", who: "A", field: "listNotes", args: map[string]any{}, want: own, check: wantIDs("n3", "n4", "n5")},
	)
	// Order: a primary key with a sort key, and an index with an Int sort key.
	for _, o := range []struct {
		customer, day, status string
		total                 int
	}{{"c1", "01", "paid", 10}, {"c1", "02", "paid", 25}, {"c1", "03", "open", 15}, {"c2", "02", "paid", 12}} {
		steps = append(steps, step{name: "order " + o.customer + o.day, who: "B", field: "createOrder", want: ok,
			args: in(map[string]any{"customerId": o.customer, "orderedAt": "2026-01-" + o.day + "T00:00:00Z", "status": o.status, "total": o.total})})
	}
	orders := func(want ...string) func(t *testing.T, r result) {
		return func(t *testing.T, r result) {
			t.Helper()
			data, _ := r.Data.(map[string]any)
			items, _ := data["items"].([]any)
			var got []string
			for _, it := range items {
				item, _ := it.(map[string]any)
				got = append(got, fmt.Sprint(item["customerId"], "@", item["orderedAt"], "=", item["total"]))
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("orders %v, want %v", got, want)
			}
		}
	}
	steps = append(steps,
		step{name: "orders of c1 from the 2nd, newest first", who: "A", field: "listOrders", want: ok,
			args:  map[string]any{"customerId": "c1", "orderedAt": map[string]any{"ge": "2026-01-02T00:00:00Z"}, "sortDirection": "DESC"},
			check: orders("c1@2026-01-03T00:00:00Z=15", "c1@2026-01-02T00:00:00Z=25")},
		step{name: "paid orders between 10 and 20", who: "A", field: "ordersByStatus", want: ok,
			args:  map[string]any{"status": "paid", "total": map[string]any{"between": []int{10, 20}}},
			check: orders("c1@2026-01-01T00:00:00Z=10", "c2@2026-01-02T00:00:00Z=12")},
		step{name: "get an order by its two keys", who: "A", field: "getOrder", want: ok,
			args: map[string]any{"customerId": "c1", "orderedAt": "2026-01-02T00:00:00Z"}, check: wantField("total", float64(25))},
		step{name: "update an order", who: "A", field: "updateOrder", want: ok,
			args: in(map[string]any{"customerId": "c1", "orderedAt": "2026-01-02T00:00:00Z", "total": 26}), check: wantField("total", float64(26))},
		step{name: "create an order twice", who: "A", field: "createOrder", want: cond,
			args: in(map[string]any{"customerId": "c1", "orderedAt": "2026-01-02T00:00:00Z", "status": "paid"})},
		step{name: "delete an order", who: "A", field: "deleteOrder", want: ok,
			args: in(map[string]any{"customerId": "c1", "orderedAt": "2026-01-01T00:00:00Z"}), check: wantField("total", float64(10))},
		step{name: "c1 has two orders left", who: "A", field: "listOrders", want: ok, args: map[string]any{"customerId": "c1"},
			check: orders("c1@2026-01-02T00:00:00Z=26", "c1@2026-01-03T00:00:00Z=15")},
	)
	return steps
}
