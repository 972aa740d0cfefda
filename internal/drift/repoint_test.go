package drift

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
	"github.com/ampgo/ampgo/internal/project"
)

// fakeReader serves a snapshot the way cognito.Reader.ReadSnapshot does:
// only the chosen clients, a missing user pool or identity pool as
// *cognito.NotFoundError.
type fakeReader struct {
	importauth.Discovery // not used by Validate
	s                    *cognito.Snapshot
	reads                int
}

func (f *fakeReader) ReadSnapshot(_ context.Context, sel cognito.Selection) (*cognito.Snapshot, error) {
	f.reads++
	if sel.UserPoolID != f.s.Pool.ID {
		return nil, &cognito.NotFoundError{Kind: "user pool", ID: sel.UserPoolID}
	}
	out := *f.s
	out.WebClientID, out.NativeClientID, out.Clients = sel.WebClientID, sel.NativeClientID, nil
	for _, id := range []string{sel.WebClientID, sel.NativeClientID} {
		if c := f.s.Client(id); c != nil && out.Client(id) == nil {
			out.Clients = append(out.Clients, *c)
		}
	}
	out.IdentityPool, out.AuthRole, out.UnauthRole = nil, nil, nil
	if sel.IdentityPoolID != "" {
		if f.s.IdentityPool == nil || f.s.IdentityPool.ID != sel.IdentityPoolID {
			return nil, &cognito.NotFoundError{Kind: "identity pool", ID: sel.IdentityPoolID}
		}
		out.IdentityPool, out.AuthRole, out.UnauthRole = f.s.IdentityPool, f.s.AuthRole, f.s.UnauthRole
	}
	return &out, nil
}

// pushedProject is a project with snapshot() imported and pushed, and a
// function that depends on auth.
func pushedProject(t *testing.T) (string, *fakeReader) {
	t.Helper()
	dir := t.TempDir()
	p, err := project.Init(dir, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := importauth.Record(snapshot(), "acmeapp", project.FrontendJavaScript)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetImportedAuth(rec); err != nil {
		t.Fatal(err)
	}
	r := &fakeReader{s: snapshot()}
	a, _ := p.ImportedAuth()
	if err := p.MarkPushed(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := RecordPush(p, a, snapshot()); err != nil {
		t.Fatalf("RecordPush of an unchanged snapshot: %v", err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	addDependent(t, dir)
	return dir, r
}

// addDependent adds function/fn with dependsOn auth/acmeapp, as the
// function category writes it.
func addDependent(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, "amplify", "backend", "backend-config.json")
	var bc map[string]any
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &bc); err != nil {
		t.Fatal(err)
	}
	bc["function"] = map[string]any{"fn": map[string]any{"service": "Lambda", "providerPlugin": "awscloudformation",
		"dependsOn": []any{map[string]any{"category": "auth", "resourceName": "acmeapp", "attributes": []any{"UserPoolId"}}}}}
	b, _ = json.MarshalIndent(bc, "", "  ")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func load(t *testing.T, dir string) *project.Project {
	t.Helper()
	p, err := project.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func stageNothing(*project.Project) ([]string, error) { return []string{"src/aws-exports.js"}, nil }

func TestRecordPushRefusesStaleSettings(t *testing.T) {
	dir, r := pushedProject(t)
	r.s.Pool.MFA = cognito.MFA{Configuration: "OFF"}
	p := load(t, dir)
	a, _ := p.ImportedAuth()
	err := RecordPush(p, a, r.s)
	if exit.Code(err) != exit.Requirements || !strings.Contains(exit.Hint(err), "ampgo auth refresh") {
		t.Fatalf("want exit 3 naming refresh, got %v (hint %q)", err, exit.Hint(err))
	}
	// The refusal shows status's drift table: the fingerprint diff, rendered
	// by the same WriteTable (issue 16), not the flattened project files.
	var fp Fingerprint
	if found, ferr := p.AuthFingerprint("acmeapp", "dev", &fp); ferr != nil || !found {
		t.Fatalf("no fingerprint recorded: %v", ferr)
	}
	var table strings.Builder
	if werr := WriteTable(&table, Diff(fp, Take(r.s)), 12); werr != nil {
		t.Fatal(werr)
	}
	if !strings.HasSuffix(err.Error(), ":\n\n"+strings.TrimRight(table.String(), "\n")) ||
		!strings.Contains(table.String(), "MfaConfiguration") || !strings.Contains(table.String(), "OPTIONAL") {
		t.Errorf("refusal is not status's table:\n%v\nwant it to end with:\n%s", err, table.String())
	}
}

func TestRefresh(t *testing.T) {
	dir, r := pushedProject(t)
	r.s.Clients[0].CallbackURLs = []string{"https://new.acme.com/"}
	p := load(t, dir)
	res, err := Repoint(context.Background(), p, r, stageNothing, Request{}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	got := []gotChange{}
	for _, c := range res.Changes {
		got = append(got, gotChange{c.Part, c.Field, Text(c.Recorded), Text(c.Live), c.Change})
	}
	want := []gotChange{{PartWebClient, "CallbackURLs", "https://app.acme.com/", "https://new.acme.com/", Changed}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if !res.Pushed || !cmp.Equal(res.Dependents, []string{"function/fn"}) || len(res.Files) != 1 {
		t.Errorf("result: %+v", res)
	}
	p = load(t, dir)
	a, _ := p.ImportedAuth()
	if !strings.Contains(a.Meta.Output.OAuthMetadata, "https://new.acme.com/") || a.Meta.LastPushTimeStamp == "" {
		t.Errorf("meta not refreshed: %+v", a.Meta)
	}
	cloud, _ := p.CurrentCloudAuth()
	if cloud.Meta.Output.OAuthMetadata != a.Meta.Output.OAuthMetadata {
		t.Errorf("#current-cloud-backend not synced: %s", cloud.Meta.Output.OAuthMetadata)
	}
	if deps := p.DependentsOf("auth", "acmeapp"); !cmp.Equal(deps, []string{"function/fn"}) {
		t.Errorf("dependents lost: %v", deps)
	}
	rep, err := Check(context.Background(), p, func() (SnapshotReader, error) { return r, nil })
	if err != nil || !rep.Checked || len(rep.Changes) != 0 {
		t.Errorf("after refresh status must show no drift: %+v, %v", rep, err)
	}
}

// TestRefreshWithoutNativeRecorded: a record without a native client id
// (hand-edited, or written by another tool) means the web client, as in
// env checkout and the client config; refresh records it. It used to fail
// with "chosen app clients were not read".
func TestRefreshWithoutNativeRecorded(t *testing.T) {
	dir, r := pushedProject(t)
	r.s.NativeClientID = webID
	p := load(t, dir)
	a, _ := p.ImportedAuth()
	a.Env.NativeClientID = ""
	if err := p.SetImportedAuth(*a); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := Repoint(context.Background(), load(t, dir), r, stageNothing, Request{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	a, _ = load(t, dir).ImportedAuth()
	if a.Env.NativeClientID != webID || a.Env.WebClientID != webID {
		t.Errorf("recorded web %q, native %q; want both %q", a.Env.WebClientID, a.Env.NativeClientID, webID)
	}
}

func TestUpdateRefusedKeepsProject(t *testing.T) {
	dir, r := pushedProject(t)
	before := treeBytes(t, dir)
	p := load(t, dir)
	var log bytes.Buffer
	_, err := Repoint(context.Background(), p, r, stageNothing, Request{WebClientID: "nosuchclient"}, &log)
	if exit.Code(err) != exit.Requirements || !strings.Contains(exit.Hint(err), "ampgo auth update") {
		t.Fatalf("want exit 3 with the update hint, got %v", err)
	}
	if !strings.Contains(log.String(), "nosuchclient") {
		t.Errorf("findings not printed:\n%s", log.String())
	}
	if !bytes.Equal(before, treeBytes(t, dir)) {
		t.Error("a refused update changed project files")
	}
}

func TestRepointSelection(t *testing.T) {
	cases := []struct {
		name   string
		native string // recorded native client; the web client is "w"
		req    Request
		want   cognito.Selection
	}{
		{"refresh", "w", Request{}, cognito.Selection{UserPoolID: poolID, WebClientID: "w", NativeClientID: "w", IdentityPoolID: ipID}},
		{"native follows web", "w", Request{WebClientID: "w2"}, cognito.Selection{UserPoolID: poolID, WebClientID: "w2", NativeClientID: "w2", IdentityPoolID: ipID}},
		{"native given", "w", Request{WebClientID: "w2", NativeClientID: "n2"}, cognito.Selection{UserPoolID: poolID, WebClientID: "w2", NativeClientID: "n2", IdentityPoolID: ipID}},
		{"identity pool", "w", Request{IdentityPoolID: "us-east-1:new"}, cognito.Selection{UserPoolID: poolID, WebClientID: "w", NativeClientID: "w", IdentityPoolID: "us-east-1:new"}},
		{"own native stays", "n", Request{WebClientID: "w2"}, cognito.Selection{UserPoolID: poolID, WebClientID: "w2", NativeClientID: "n", IdentityPoolID: ipID}},
		{"no native recorded: the web client", "", Request{}, cognito.Selection{UserPoolID: poolID, WebClientID: "w", NativeClientID: "w", IdentityPoolID: ipID}},
		{"no native recorded: follows web", "", Request{WebClientID: "w2"}, cognito.Selection{UserPoolID: poolID, WebClientID: "w2", NativeClientID: "w2", IdentityPoolID: ipID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &project.ImportedAuth{Name: "x", Env: project.EnvAuth{UserPoolID: poolID, WebClientID: "w", NativeClientID: tc.native, IdentityPoolID: ipID}}
			got, err := repointSelection(a, tc.req)
			if err != nil || got != tc.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
	upOnly := &project.ImportedAuth{Name: "x", Env: project.EnvAuth{UserPoolID: poolID, WebClientID: "w", NativeClientID: "w"}}
	if _, err := repointSelection(upOnly, Request{IdentityPoolID: "us-east-1:new"}); exit.Code(err) != exit.Usage {
		t.Errorf("adding an identity pool to a user-pool-only import: want exit 2, got %v", err)
	}
}

func TestCheckWithoutPush(t *testing.T) {
	dir := t.TempDir()
	p, err := project.Init(dir, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := importauth.Record(snapshot(), "acmeapp", project.FrontendJavaScript)
	if err := p.SetImportedAuth(rec); err != nil {
		t.Fatal(err)
	}
	rep, err := Check(context.Background(), p, func() (SnapshotReader, error) {
		t.Fatal("an import that was never pushed must not read AWS")
		return nil, nil
	})
	if err != nil || rep.Checked || rep.Reason == "" {
		t.Errorf("want not checked with a reason, got %+v, %v", rep, err)
	}
}

// treeBytes concatenates every file under dir with its path.
func treeBytes(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		b.WriteString(path + "\n")
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSourceKeptAndChecked: update keeps the recorded source (SetImportedAuth
// rewrites the whole auth entry), and Check reports the ids a file source
// now names differently, in Source and in Changes.
func TestSourceKeptAndChecked(t *testing.T) {
	dir, r := pushedProject(t)
	outputs := `{"version":"1.4","auth":{"aws_region":"us-east-1","user_pool_id":"` + poolID + `","user_pool_client_id":"` + webID +
		`","identity_pool_id":"` + ipID + `"}}`
	if err := os.WriteFile(filepath.Join(dir, "amplify_outputs.json"), []byte(outputs), 0o600); err != nil {
		t.Fatal(err)
	}
	p := load(t, dir)
	src := project.AuthSource{Kind: project.SourceOutputs, File: "amplify_outputs.json"}
	if err := p.SetEnvAuthSource("dev", &src); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p = load(t, dir)
	if _, err := Repoint(context.Background(), p, r, stageNothing, Request{NativeClientID: nativeID}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	p = load(t, dir)
	if got, ok := p.EnvAuthSource("dev"); !ok || got != src {
		t.Fatalf("update lost the source: %+v %v", got, ok)
	}
	// The outputs name one client: it serves web and native apps, so the
	// recorded native client is no longer what the source names.
	rep, err := Check(context.Background(), p, func() (SnapshotReader, error) { return r, nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []gotChange{{PartSource, "id", nativeID, webID, Replaced}}
	var got []gotChange
	for _, c := range rep.Source.Changes {
		got = append(got, gotChange{c.Part, c.Field, Text(c.Recorded), Text(c.Live), c.Change})
	}
	if diff := cmp.Diff(want, got); diff != "" || !rep.Source.Checked || len(rep.Changes) != 1 {
		t.Errorf("source check (-want +got):\n%s\n%+v", diff, rep)
	}
	if err := os.Remove(filepath.Join(dir, "amplify_outputs.json")); err != nil {
		t.Fatal(err)
	}
	rep, err = Check(context.Background(), p, func() (SnapshotReader, error) { return r, nil })
	if err != nil || rep.Source.Checked || !strings.Contains(rep.Source.Reason, "no such file") {
		t.Errorf("a missing source file is a reason: %+v %v", rep.Source, err)
	}
}
