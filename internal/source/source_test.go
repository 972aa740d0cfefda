package source

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
)

const (
	pool     = "us-east-1_AbC123xYz"
	web      = "1example23456789abcdefghij"
	native   = "7native890123456789abcdefg"
	identity = "us-east-1:11111111-2222-3333-4444-555555555555"
)

// secretMark is in every client secret of the test data.
const secretMark = "tfSECRET"

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), secretMark) && name != "amplify_outputs.json" {
		t.Fatalf("%s holds no secret to look for", name)
	}
	return b
}

// noSecret fails when a secret of the test data is anywhere in v.
func noSecret(t *testing.T, what string, v any) {
	t.Helper()
	if s := fmt.Sprintf("%#v", v); strings.Contains(s, secretMark) {
		t.Errorf("%s holds a client secret: %s", what, s)
	}
}

var ignoreUnexported = cmpopts.IgnoreUnexported(Client{})

func TestParseTerraform(t *testing.T) {
	tests := []struct {
		file string
		want *Found
	}{
		{"state_v4_module.tfstate", &Found{
			Pools: []Pool{{ID: pool, Name: "acme-users", Where: "module.auth.aws_cognito_user_pool.this"}},
			Clients: []Client{
				{ID: native, Name: "acme-native", UserPoolID: pool, Secret: SecretYes, Where: "module.auth.aws_cognito_user_pool_client.native"},
				{ID: web, Name: "acme-web", UserPoolID: pool, Secret: SecretNo, Where: "module.auth.aws_cognito_user_pool_client.web"},
			},
			IdentityPools: []IdentityPool{{ID: identity, Name: "acme identity", UserPools: []string{pool, pool}, Where: "aws_cognito_identity_pool.main"}},
		}},
		{"show.json", &Found{
			Pools: []Pool{{ID: pool, Name: "acme-users", Where: "module.platform.module.cognito.aws_cognito_user_pool.this[0]"}},
			Clients: []Client{
				{ID: native, Name: "acme-native", UserPoolID: pool, Secret: SecretYes, Where: `module.platform.module.cognito.aws_cognito_user_pool_client.clients["native"]`},
				{ID: web, Name: "acme-web", UserPoolID: pool, Secret: SecretNo, Where: `module.platform.module.cognito.aws_cognito_user_pool_client.clients["web"]`},
			},
			IdentityPools: []IdentityPool{{ID: identity, Name: "acme identity", UserPools: []string{pool}, Where: "module.platform.module.cognito.aws_cognito_identity_pool.this[0]"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readTestdata(t, tt.file)
			got, err := ParseTerraform(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, ignoreUnexported); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			noSecret(t, "result", got)
			sel, err := Resolve(context.Background(), got, Request{WithIdentityPool: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: native, IdentityPoolID: identity}
			if sel != want {
				t.Errorf("resolved %+v, want %+v", sel, want)
			}
		})
	}
}

// TestLoadStdin reads a state from stdin ("-").
func TestLoadStdin(t *testing.T) {
	f, err := Load(context.Background(), Spec{Kind: KindTerraform, File: Stdin}, bytes.NewReader(readTestdata(t, "state_v4_module.tfstate")), nil)
	if err != nil {
		t.Fatal(err)
	}
	noSecret(t, "result", f)
	if len(f.Clients) != 2 {
		t.Fatalf("clients: %+v", f.Clients)
	}
}

func TestParseTerraformErrors(t *testing.T) {
	secret := `"client_secret": "tfSECRETbad0123456789"`
	tests := []struct{ name, data, want string }{
		{"not JSON", `{"version": 4, ` + secret, "invalid JSON"},
		{"old version", `{"version": 3, "modules": []}`, "format version 3"},
		{"neither", `{"foo": 1}`, "no \"version\""},
		{"show format", `{"format_version": "2.0", "values": {}}`, `format_version "2.0"`},
		{"wrong type", `{"version": 4, "resources": [{"mode": "managed", "type": "aws_cognito_user_pool_client", "name": "x", "instances": [{"attributes": {"id": 7, ` + secret + `}}]}]}`, "module"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTerraform([]byte(tt.data))
			if err == nil {
				t.Fatal("parsed")
			}
			if tt.name != "wrong type" && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
			noSecret(t, "error", err.Error())
		})
	}
}

func TestParseOutputs(t *testing.T) {
	got, err := ParseOutputs(readTestdata(t, "amplify_outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := &Found{
		Pools:         []Pool{{ID: pool, Where: "auth.user_pool_id"}},
		Clients:       []Client{{ID: web, UserPoolID: pool, Where: "auth.user_pool_client_id"}},
		IdentityPools: []IdentityPool{{ID: identity, UserPools: []string{pool}, Where: "auth.identity_pool_id"}},
	}
	if diff := cmp.Diff(want, got, ignoreUnexported); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	sel, err := Resolve(context.Background(), got, Request{WithIdentityPool: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := (cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: web, IdentityPoolID: identity}); sel != want {
		t.Errorf("one client serves web and native: got %+v", sel)
	}
	for _, bad := range []string{`{"version":"1.4"}`, `{"auth":{"user_pool_id":"x","user_pool_client_id":"y"}}`,
		`{"auth":{"aws_region":"eu-west-1","user_pool_id":"` + pool + `","user_pool_client_id":"` + web + `"}}`, `[1]`} {
		if _, err := ParseOutputs([]byte(bad)); err == nil {
			t.Errorf("parsed %s", bad)
		}
	}
}

// fakeDescriber answers DescribeUserPoolClient from a map.
type fakeDescriber struct {
	clients map[string]cognito.AppClient
	calls   int
}

func (d *fakeDescriber) Client(_ context.Context, _, id string) (cognito.AppClient, error) {
	d.calls++
	c, ok := d.clients[id]
	if !ok {
		return c, &cognito.NotFoundError{Kind: "app client", ID: id}
	}
	return c, nil
}

func TestResolveClients(t *testing.T) {
	d := &fakeDescriber{clients: map[string]cognito.AppClient{
		"aaaweb": {ID: "aaaweb", Name: "web"}, "bbbnative": {ID: "bbbnative", Name: "native", HasSecret: true},
		"cccother": {ID: "cccother", Name: "other", HasSecret: true}, "dddweb2": {ID: "dddweb2", Name: "web2"},
	}}
	found := func(clients ...string) *Found {
		f := &Found{Source: Spec{Kind: KindCloudFormation, Stack: "auth"}, Pools: []Pool{{ID: pool}}}
		for _, c := range clients {
			f.Clients = append(f.Clients, Client{ID: c})
		}
		return f
	}
	tests := []struct {
		name         string
		f            *Found
		given        cognito.Selection
		prefer       cognito.Selection
		web, native  string
		wantCode     int
		wantInErr    []string
		wantDescribe int
	}{
		{name: "one client", f: found("aaaweb"), web: "aaaweb", native: "aaaweb"},
		{name: "web and native", f: found("bbbnative", "aaaweb"), web: "aaaweb", native: "bbbnative", wantDescribe: 2},
		{name: "two without secret", f: found("aaaweb", "dddweb2"), wantCode: exit.Usage, wantDescribe: 2,
			wantInErr: []string{"web (aaaweb), secret: no", "web2 (dddweb2)", "--web-client-id", "--native-client-id"}},
		{name: "three", f: found("aaaweb", "bbbnative", "cccother"), wantCode: exit.Usage, wantDescribe: 3,
			wantInErr: []string{"3 app clients", "native (bbbnative), secret: yes", "other (cccother)"}},
		{name: "none", f: found(), wantCode: exit.Usage, wantInErr: []string{"names no app client", "--web-client-id"}},
		{name: "flags win", f: found("aaaweb", "bbbnative", "cccother"), given: cognito.Selection{WebClientID: "dddweb2", NativeClientID: "cccother"},
			web: "dddweb2", native: "cccother"},
		{name: "web given, one other", f: found("aaaweb", "bbbnative"), given: cognito.Selection{WebClientID: "aaaweb"}, web: "aaaweb", native: "bbbnative"},
		{name: "recorded kept", f: found("aaaweb", "bbbnative", "cccother"), prefer: cognito.Selection{UserPoolID: pool, WebClientID: "aaaweb", NativeClientID: "cccother"},
			web: "aaaweb", native: "cccother"},
		{name: "replaced native followed", f: found("aaaweb", "cccother"), prefer: cognito.Selection{UserPoolID: pool, WebClientID: "aaaweb", NativeClientID: "bbbnative"},
			web: "aaaweb", native: "cccother"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d.calls = 0
			sel, err := Resolve(context.Background(), tt.f, Request{Given: tt.given, Prefer: tt.prefer}, d)
			if tt.wantCode != 0 {
				if exit.Code(err) != tt.wantCode {
					t.Fatalf("want exit %d, got %v", tt.wantCode, err)
				}
				for _, s := range tt.wantInErr {
					if !strings.Contains(err.Error()+exit.Hint(err), s) {
						t.Errorf("error lacks %q:\n%s\n%s", s, err, exit.Hint(err))
					}
				}
			} else if err != nil {
				t.Fatal(err)
			} else if sel.WebClientID != tt.web || sel.NativeClientID != tt.native || sel.UserPoolID != pool {
				t.Errorf("got %+v, want web %s native %s", sel, tt.web, tt.native)
			}
			if d.calls != tt.wantDescribe {
				t.Errorf("DescribeUserPoolClient calls: %d, want %d", d.calls, tt.wantDescribe)
			}
		})
	}
}

func TestResolvePoolsAndIdentityPools(t *testing.T) {
	f := &Found{Source: Spec{Kind: KindTerraform, File: "x"}, Pools: []Pool{{ID: pool, Name: "a"}, {ID: "us-east-1_Other1", Name: "b"}}}
	_, err := Resolve(context.Background(), f, Request{}, nil)
	if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), "a (us-east-1_AbC123xYz)") || !strings.Contains(exit.Hint(err), "--user-pool-id") {
		t.Errorf("two pools: %v", err)
	}
	f = &Found{Source: Spec{Kind: KindTerraform, File: "x"},
		Clients:       []Client{{ID: web, UserPoolID: pool, Secret: SecretNo}, {ID: "zzz", UserPoolID: "us-east-1_Other1", Secret: SecretNo}},
		IdentityPools: []IdentityPool{{ID: identity, UserPools: []string{pool}}, {ID: "us-east-1:99", UserPools: []string{"us-east-1_Other1"}}}}
	_, err = Resolve(context.Background(), f, Request{WithIdentityPool: true}, nil)
	if exit.Code(err) != exit.Usage {
		t.Errorf("clients of two pools, no pool resource: %v", err)
	}
	sel, err := Resolve(context.Background(), f, Request{Given: cognito.Selection{UserPoolID: pool}, WithIdentityPool: true}, nil)
	if err != nil || sel.WebClientID != web || sel.IdentityPoolID != identity {
		t.Errorf("pool given: %+v %v", sel, err)
	}
	sel, err = Resolve(context.Background(), f, Request{Given: cognito.Selection{UserPoolID: pool}}, nil)
	if err != nil || sel.IdentityPoolID != "" {
		t.Errorf("user pool only keeps no identity pool: %+v %v", sel, err)
	}
	f.IdentityPools = append(f.IdentityPools, IdentityPool{ID: "us-east-1:77", Name: "x"})
	_, err = Resolve(context.Background(), f, Request{Given: cognito.Selection{UserPoolID: pool}, WithIdentityPool: true}, nil)
	if exit.Code(err) != exit.Usage || !strings.Contains(exit.Hint(err), "--identity-pool-id") {
		t.Errorf("two identity pools: %v", err)
	}
}

// fakeStacks is CloudFormation with stacks by name (and nested ones by ARN).
type fakeStacks struct {
	resources map[string][]cfntypes.StackResource
	outputs   map[string][]cfntypes.Output
	calls     map[string]int
}

func (s *fakeStacks) DescribeStackResources(_ context.Context, in *cloudformation.DescribeStackResourcesInput, _ ...func(*cloudformation.Options)) (*cloudformation.DescribeStackResourcesOutput, error) {
	s.calls["DescribeStackResources"]++
	res, ok := s.resources[aws.ToString(in.StackName)]
	if !ok {
		return nil, &smithy.GenericAPIError{Code: "ValidationError", Message: "Stack with id " + aws.ToString(in.StackName) + " does not exist"}
	}
	return &cloudformation.DescribeStackResourcesOutput{StackResources: res}, nil
}

func (s *fakeStacks) ListStackResources(_ context.Context, in *cloudformation.ListStackResourcesInput, _ ...func(*cloudformation.Options)) (*cloudformation.ListStackResourcesOutput, error) {
	s.calls["ListStackResources"]++
	var out []cfntypes.StackResourceSummary
	for _, r := range s.resources[aws.ToString(in.StackName)] {
		out = append(out, cfntypes.StackResourceSummary{LogicalResourceId: r.LogicalResourceId, PhysicalResourceId: r.PhysicalResourceId,
			ResourceType: r.ResourceType, ResourceStatus: r.ResourceStatus})
	}
	return &cloudformation.ListStackResourcesOutput{StackResourceSummaries: out}, nil
}

func (s *fakeStacks) DescribeStacks(_ context.Context, in *cloudformation.DescribeStacksInput, _ ...func(*cloudformation.Options)) (*cloudformation.DescribeStacksOutput, error) {
	s.calls["DescribeStacks"]++
	return &cloudformation.DescribeStacksOutput{Stacks: []cfntypes.Stack{{StackName: in.StackName, Outputs: s.outputs[aws.ToString(in.StackName)]}}}, nil
}

func res(logical, typ, id string) cfntypes.StackResource {
	return cfntypes.StackResource{LogicalResourceId: aws.String(logical), ResourceType: aws.String(typ), PhysicalResourceId: aws.String(id),
		ResourceStatus: cfntypes.ResourceStatusCreateComplete}
}

// TestReadStackNested follows Gen 1's shape: the root stack nests the
// auth stack (by ARN), which nests nothing; a deleted client is skipped.
func TestReadStackNested(t *testing.T) {
	authARN := "arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-acme-prod-auth1234-ABC/1111-2222"
	deeper := "arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-acme-prod-idp-XYZ/3333"
	gone := res("OldClient", cfnClient, "9gone0123456789abcdefghijk")
	gone.ResourceStatus = cfntypes.ResourceStatusDeleteComplete
	s := &fakeStacks{calls: map[string]int{}, resources: map[string][]cfntypes.StackResource{
		"amplify-acme-prod": {res("AuthRole", "AWS::IAM::Role", "amplify-acme-prod-authRole"), res("authacme", cfnStack, authARN)},
		authARN: {res("UserPool", cfnUserPool, pool), res("UserPoolClientWeb", cfnClient, web), res("UserPoolClient", cfnClient, native),
			gone, res("Idp", cfnStack, deeper), res("Hosted", "Custom::LambdaCallout", "opaque")},
		deeper: {res("IdentityPool", cfnIdentityPool, identity)},
	}}
	f, err := ReadStack(context.Background(), s, "amplify-acme-prod")
	if err != nil {
		t.Fatal(err)
	}
	want := &Found{Source: Spec{Kind: KindCloudFormation, Stack: "amplify-acme-prod"},
		Pools:         []Pool{{ID: pool, Where: "authacme/UserPool"}},
		Clients:       []Client{{ID: web, Where: "authacme/UserPoolClientWeb"}, {ID: native, Where: "authacme/UserPoolClient"}},
		IdentityPools: []IdentityPool{{ID: identity, Where: "authacme/Idp/IdentityPool"}}}
	if diff := cmp.Diff(want, f, ignoreUnexported); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"DescribeStackResources": 3}, s.calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	d := &fakeDescriber{clients: map[string]cognito.AppClient{web: {ID: web, Name: "w"}, native: {ID: native, Name: "n", HasSecret: true}}}
	sel, err := Resolve(context.Background(), f, Request{WithIdentityPool: true}, d)
	if err != nil || sel != (cognito.Selection{UserPoolID: pool, WebClientID: web, NativeClientID: native, IdentityPoolID: identity}) {
		t.Errorf("resolved %+v %v", sel, err)
	}

	if _, err := ReadStack(context.Background(), s, "nope"); exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), "stack nope does not exist") {
		t.Errorf("missing stack: %v", err)
	}
}

// TestReadStackOutputs: a stack without Cognito resources gives the ids in
// its outputs; a social provider's client id and a secret are left out.
func TestReadStackOutputs(t *testing.T) {
	out := func(k, v string) cfntypes.Output {
		return cfntypes.Output{OutputKey: aws.String(k), OutputValue: aws.String(v)}
	}
	s := &fakeStacks{calls: map[string]int{}, resources: map[string][]cfntypes.StackResource{"gen2": {res("Fn", "AWS::Lambda::Function", "fn")}},
		outputs: map[string][]cfntypes.Output{"gen2": {out("authRegion", "us-east-1"), out("userPoolId", pool), out("webClientId", web),
			out("oauthClientId", web), out("identityPoolId", identity), out("FacebookWebClient", "1234567890"),
			out("AppClientSecret", "tfSECRETout"), out("allowUnauthenticatedIdentities", "true")}}}
	f, err := ReadStack(context.Background(), s, "gen2")
	if err != nil {
		t.Fatal(err)
	}
	want := &Found{Source: Spec{Kind: KindCloudFormation, Stack: "gen2"},
		Pools:         []Pool{{ID: pool, Where: "output userPoolId"}},
		Clients:       []Client{{ID: web, Where: "output webClientId"}},
		IdentityPools: []IdentityPool{{ID: identity, Where: "output identityPoolId"}}}
	if diff := cmp.Diff(want, f, ignoreUnexported); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	noSecret(t, "result", f)
}

// TestReadStackManyResources: a stack at DescribeStackResources' limit of
// 100 is listed again with ListStackResources.
func TestReadStackManyResources(t *testing.T) {
	var rs []cfntypes.StackResource
	for i := range 100 {
		rs = append(rs, res(fmt.Sprintf("Fn%d", i), "AWS::Lambda::Function", "fn"))
	}
	rs = append(rs, res("UserPool", cfnUserPool, pool))
	s := &fakeStacks{calls: map[string]int{}, resources: map[string][]cfntypes.StackResource{"big": rs}}
	// DescribeStackResources returns the first 100 only.
	cut := &cutStacks{fakeStacks: s}
	f, err := ReadStack(context.Background(), cut, "big")
	if err != nil || len(f.Pools) != 1 {
		t.Fatalf("%+v %v", f, err)
	}
	if s.calls["ListStackResources"] != 1 {
		t.Errorf("calls: %v", s.calls)
	}
}

type cutStacks struct{ *fakeStacks }

func (c *cutStacks) DescribeStackResources(ctx context.Context, in *cloudformation.DescribeStackResourcesInput, o ...func(*cloudformation.Options)) (*cloudformation.DescribeStackResourcesOutput, error) {
	out, err := c.fakeStacks.DescribeStackResources(ctx, in, o...)
	if err == nil && len(out.StackResources) > describeLimit {
		out.StackResources = out.StackResources[:describeLimit]
	}
	return out, err
}

func TestFlagsAndSpec(t *testing.T) {
	if s, err := (Flags{}).Spec(); s != nil || err != nil {
		t.Errorf("no flag: %v %v", s, err)
	}
	if _, err := (Flags{Stack: "a", Outputs: "b"}).Spec(); exit.Code(err) != exit.Usage {
		t.Errorf("two flags: %v", err)
	}
	if _, err := (Flags{Stack: "no_underscores"}).Spec(); exit.Code(err) != exit.Usage {
		t.Errorf("bad stack name: %v", err)
	}
	root := t.TempDir()
	in := Spec{Kind: KindTerraform, File: filepath.Join(root, "infra", "terraform.tfstate")}
	if rec, ok := in.Recordable(root); !ok || rec.File != "infra/terraform.tfstate" {
		t.Errorf("inside: %+v", rec)
	}
	out := Spec{Kind: KindOutputs, File: filepath.Join(filepath.Dir(root), "other", "amplify_outputs.json")}
	if rec, ok := out.Recordable(root); !ok || rec.File != out.File {
		t.Errorf("outside: %+v", rec)
	}
	if _, ok := (Spec{Kind: KindTerraform, File: Stdin}).Recordable(root); ok {
		t.Error("stdin is recordable")
	}
	for _, bad := range []Spec{{Kind: "s3"}, {Kind: KindTerraform}, {Kind: KindOutputs, File: "a\nb"}, {Kind: KindCloudFormation, Stack: "x", File: "y"},
		{Kind: KindCloudFormation, Stack: "../etc"}} {
		if CheckSpec(bad) == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
}

// TestLoadRefusesSpecialFiles: a device, a folder or a missing file is
// exit 2 naming the path, before anything is read.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"/dev/zero", "not a regular file"},
		{t.TempDir(), "not a regular file"},
		{filepath.Join(t.TempDir(), "none.tfstate"), "no such file"},
	} {
		_, err := Load(context.Background(), Spec{Kind: KindTerraform, File: tt.file}, nil, nil)
		if exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.file) {
			t.Errorf("%s: %v", tt.file, err)
		}
	}
	big := io.LimitReader(zeros{}, MaxFileSize+1)
	if _, err := Load(context.Background(), Spec{Kind: KindOutputs, File: Stdin}, big, nil); exit.Code(err) != exit.Usage || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("stdin over the cap: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }
