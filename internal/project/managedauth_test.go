package project

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestManagedAuthRecord follows managed auth through the project files:
// added (settings + the env's marker, no ids), pushed (ids recorded like an
// import, the marker kept), reloaded, shown by status, and removed.
func TestManagedAuthRecord(t *testing.T) {
	p := newTestProject(t)
	settings := ManagedAuthSettings{SignIn: []string{"email"}, MFA: "OPTIONAL", MFATypes: []string{"TOTP"}, PasswordMinLength: 8}
	if err := p.SetManagedAuth("acmeauth", settings); err != nil {
		t.Fatal(err)
	}
	if err := p.SetEnvManagedAuth("dev", ManagedEnv{AllowUserPoolDeletion: true}); err != nil {
		t.Fatal(err)
	}
	if err := p.SetEnvManagedAuth("nope", ManagedEnv{}); err == nil {
		t.Error("SetEnvManagedAuth of an unknown env: no error")
	}
	if err := p.SetManagedAuth("other", settings); !errors.Is(err, ErrAuthExists) {
		t.Errorf("a second auth resource: err = %v, want ErrAuthExists", err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p = mustLoad(t, p.Root())
	if got := p.EnvAuthMode("dev"); got != AuthModeManaged {
		t.Errorf("EnvAuthMode = %q, want managed", got)
	}
	a, ok := p.ImportedAuth()
	if !ok || a.Managed == nil || a.Env.UserPoolID != "" {
		t.Fatalf("before push: ImportedAuth = %+v, %v; want managed settings and no ids", a, ok)
	}
	if rows := p.Status(); len(rows) != 1 || rows[0].Operation != OpCreate {
		t.Errorf("status before push = %+v, want one Create row", rows)
	}

	pushed := sampleAuth("acmeauth")
	if err := p.SetImportedAuth(pushed); err != nil {
		t.Fatal(err)
	}
	if m, ok := p.EnvManagedAuth("dev"); !ok || !m.AllowUserPoolDeletion {
		t.Errorf("after the ids were recorded: managed = %+v, %v; want kept", m, ok)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p = mustLoad(t, p.Root())
	a, _ = p.ImportedAuth()
	if a.Env.UserPoolID != pushed.Env.UserPoolID || a.Managed == nil {
		t.Errorf("after push: ids %q, managed %v", a.Env.UserPoolID, a.Managed)
	}
	_, got, _ := p.ManagedAuth()
	if diff := cmp.Diff(settings.SignIn, got.SignIn); diff != "" {
		t.Errorf("settings changed: %s", diff)
	}

	if err := p.RemoveAuth("acmeauth"); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p = mustLoad(t, p.Root())
	if _, _, ok := p.ManagedAuth(); ok || p.EnvAuthMode("dev") != "" {
		t.Error("remove auth left the managed settings or the env's marker")
	}
	// What dev created stays recorded until its push deletes the stack.
	name, ids, ok := p.RemovedManagedAuth("dev")
	if !ok || name != "acmeauth" || ids.UserPoolID != pushed.Env.UserPoolID {
		t.Fatalf("RemovedManagedAuth = %q, %+v, %v", name, ids, ok)
	}
	if err := p.ForgetRemovedManagedAuth("dev", name); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := p.RemovedManagedAuth("dev"); ok {
		t.Error("forgotten, yet still there")
	}
}
