package project

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var pushTime = time.Date(2026, 3, 4, 5, 6, 7, 890_000_000, time.FixedZone("CET", 3600))

// TestImportPushRemoveGolden walks an import through push and unlink and
// checks every file written at each step against goldens, and Status.
func TestImportPushRemoveGolden(t *testing.T) {
	p := newTestProject(t)
	root := p.Root()
	a := sampleAuth("acmeapp")
	steps := []struct {
		golden string
		do     func() error
		status []ResourceStatus
	}{
		{golden: "imported", do: func() error { return p.SetImportedAuth(a) },
			status: []ResourceStatus{{"auth", "acmeapp", OpImport, ProviderPlugin}}},
		{golden: "pushed", do: func() error { return p.MarkPushed(pushTime) },
			status: []ResourceStatus{{"auth", "acmeapp", OpNoChange, ProviderPlugin}}},
		{golden: "removed", do: func() error { return p.RemoveAuth("acmeapp") },
			status: []ResourceStatus{{"auth", "acmeapp", OpUnlink, ProviderPlugin}}},
		{golden: "unlink_pushed", do: func() error { return p.MarkPushed(pushTime.Add(time.Hour)) }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.golden, err)
		}
		if err := p.Save(); err != nil {
			t.Fatalf("%s: Save: %v", s.golden, err)
		}
		checkGolden(t, root, s.golden)
		p = mustLoad(t, root) // what was saved is what is read back
		if diff := cmp.Diff(s.status, p.Status()); diff != "" {
			t.Errorf("%s: Status (-want +got):\n%s", s.golden, diff)
		}
	}
}

func TestImportedAuthRoundTrip(t *testing.T) {
	p := newTestProject(t)
	a := sampleAuth("acmeapp")
	if err := p.SetImportedAuth(a); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	got, ok := mustLoad(t, p.Root()).ImportedAuth()
	if !ok {
		t.Fatal("ImportedAuth: not found after save")
	}
	if diff := cmp.Diff(a, *got); diff != "" {
		t.Errorf("ImportedAuth after load (-set +got):\n%s", diff)
	}
	if _, ok := mustLoad(t, p.Root()).CurrentCloudAuth(); ok {
		t.Error("CurrentCloudAuth before push: found")
	}
}

func TestCurrentCloudAuth(t *testing.T) {
	p := newTestProject(t)
	a := sampleAuth("acmeapp")
	if err := p.SetImportedAuth(a); err != nil {
		t.Fatal(err)
	}
	if err := p.MarkPushed(pushTime); err != nil {
		t.Fatal(err)
	}
	got, ok := p.CurrentCloudAuth()
	if !ok {
		t.Fatal("CurrentCloudAuth: not found after push")
	}
	want := EnvAuth{UserPoolID: a.Env.UserPoolID, UserPoolName: a.Env.UserPoolName,
		WebClientID: a.Env.WebClientID, NativeClientID: a.Env.NativeClientID,
		IdentityPoolID: a.Env.IdentityPoolID, IdentityPoolName: a.Env.IdentityPoolName}
	if diff := cmp.Diff(want, got.Env); diff != "" {
		t.Errorf("Env (-want +got):\n%s", diff)
	}
	if got.Meta.LastPushTimeStamp != "2026-03-04T04:06:07.890Z" {
		t.Errorf("lastPushTimeStamp = %q", got.Meta.LastPushTimeStamp)
	}
	if diff := cmp.Diff(a.Parameters, got.Parameters); diff != "" {
		t.Errorf("Parameters (-want +got):\n%s", diff)
	}
}

// Re-importing after an unlink that was not pushed keeps the pushed
// timestamp, so the client config keeps the resource (reference §4.2).
func TestReimportKeepsPushTimestamp(t *testing.T) {
	p := newTestProject(t)
	a := sampleAuth("acmeapp")
	for _, step := range []func() error{
		func() error { return p.SetImportedAuth(a) },
		func() error { return p.MarkPushed(pushTime) },
		func() error { return p.RemoveAuth("acmeapp") },
		func() error { return p.SetImportedAuth(a) },
		p.Save,
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := mustLoad(t, p.Root()).ImportedAuth()
	if got.Meta.LastPushTimeStamp != "2026-03-04T04:06:07.890Z" {
		t.Errorf("lastPushTimeStamp = %q, want the pushed one", got.Meta.LastPushTimeStamp)
	}
	if _, err := os.Stat(p.Path(ParametersPath(BackendDir, CategoryAuth, "acmeapp"))); err != nil {
		t.Errorf("parameters.json after remove+import: %v", err)
	}
}

func TestSetImportedAuthErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(p *Project) error
		auth  ImportedAuth
		want  error
	}{
		{name: "second auth resource", setup: func(p *Project) error { return p.SetImportedAuth(sampleAuth("first")) },
			auth: sampleAuth("second"), want: ErrAuthExists},
		{name: "no current env", setup: func(p *Project) error { p.edit(LocalEnvInfoFile).Delete("envName"); return nil },
			auth: sampleAuth("acmeapp"), want: ErrNoEnv},
		{name: "current env unknown", setup: func(p *Project) error { return p.edit(LocalEnvInfoFile).Put("envName", "qa") },
			auth: sampleAuth("acmeapp"), want: ErrUnknownEnv},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestProject(t)
			if err := tt.setup(p); err != nil {
				t.Fatal(err)
			}
			if err := p.SetImportedAuth(tt.auth); !errors.Is(err, tt.want) {
				t.Fatalf("SetImportedAuth = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestRemoveAuthNotFound(t *testing.T) {
	p := newTestProject(t)
	if err := p.RemoveAuth("nope"); !errors.Is(err, ErrResourceNotFound) {
		t.Fatalf("RemoveAuth = %v, want ErrResourceNotFound", err)
	}
}

// A user-pool-only import has exactly four team-provider-info keys and so
// four backend-config parameters (reference §3.3).
func TestUserPoolOnlyParameters(t *testing.T) {
	p := newTestProject(t)
	a := sampleAuth("acmeapp")
	a.Parameters.AuthSelections = UserPoolOnly
	a.Env = EnvAuth{UserPoolID: "us-east-1_x", UserPoolName: "n", WebClientID: "w", NativeClientID: "c"}
	if err := p.SetImportedAuth(a); err != nil {
		t.Fatal(err)
	}
	params := p.read(BackendConfigPath(BackendDir)).LookupObject(parametersKey)
	want := []string{"AMPLIFY_auth_acmeapp_userPoolId", "AMPLIFY_auth_acmeapp_userPoolName",
		"AMPLIFY_auth_acmeapp_webClientId", "AMPLIFY_auth_acmeapp_nativeClientId"}
	if diff := cmp.Diff(want, params.Keys()); diff != "" {
		t.Errorf("parameters keys (-want +got):\n%s", diff)
	}
}

// Push, unlink and push again without saving in between: the second push
// drops the cloud copy that the first one only staged in memory.
func TestUnlinkPushedBeforeSave(t *testing.T) {
	p := newTestProject(t)
	for _, step := range []func() error{
		func() error { return p.SetImportedAuth(sampleAuth("acmeapp")) },
		func() error { return p.MarkPushed(pushTime) },
		func() error { return p.RemoveAuth("acmeapp") },
		func() error { return p.MarkPushed(pushTime) },
		p.Save,
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(p.Path(ResourceDir(CurrentCloudBackendDir, CategoryAuth, "acmeapp"))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cloud auth folder exists after unlink push: %v", err)
	}
	if got := mustLoad(t, p.Root()).Status(); len(got) != 0 {
		t.Errorf("Status = %v, want nothing", got)
	}
}
