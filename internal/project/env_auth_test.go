package project

import "testing"

// EnvImportedAuth reads any environment's ids, current or not, and reports
// environments without an entry.
func TestEnvImportedAuth(t *testing.T) {
	p := newTestProject(t)
	if _, _, ok := p.EnvImportedAuth("dev"); ok {
		t.Error("a project without auth reports ids")
	}
	if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
		t.Fatal(err)
	}
	if err := p.AddEnv("prod", EnvOptions{Region: "eu-west-1"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p = mustLoad(t, p.Root())
	name, ids, ok := p.EnvImportedAuth("dev")
	if !ok || name != "acmeapp" || ids.UserPoolID != "us-east-1_AbC123xYz" || ids.IdentityPoolID == "" {
		t.Errorf("dev: %q %+v %v", name, ids, ok)
	}
	if _, _, ok := p.EnvImportedAuth("prod"); ok {
		t.Error("prod has no entry but reports ids")
	}
	if _, _, ok := p.EnvImportedAuth("qa"); ok {
		t.Error("an unknown environment reports ids")
	}
}
