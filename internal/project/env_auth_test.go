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

// A recorded source survives a save and a strict load, and is not an
// environment parameter of the resource.
func TestEnvAuthSource(t *testing.T) {
	p := newTestProject(t)
	if err := p.SetEnvAuthSource("dev", &AuthSource{Kind: SourceTerraform, File: "infra/terraform.tfstate"}); err == nil {
		t.Error("recorded a source without imported auth")
	}
	if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
		t.Fatal(err)
	}
	if err := p.SetEnvAuthSource("dev", &AuthSource{Kind: "s3"}); err == nil {
		t.Error("recorded an unknown kind")
	}
	want := AuthSource{Kind: SourceCloudFormation, Stack: "auth-prod"}
	if err := p.SetEnvAuthSource("dev", &want); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p = mustLoad(t, p.Root())
	if got, ok := p.EnvAuthSource("dev"); !ok || got != want {
		t.Errorf("source: %+v %v", got, ok)
	}
	if a, _ := p.ImportedAuth(); a.Env.UserPoolID != "us-east-1_AbC123xYz" {
		t.Errorf("the ids next to the source: %+v", a.Env)
	}
	for _, params := range envParamNames(sampleAuth("acmeapp").Env) {
		if params == authSourceKey {
			t.Error("source is a parameter")
		}
	}
	if err := p.SetEnvAuthSource("dev", nil); err != nil {
		t.Fatal(err)
	}
	if _, ok := p.EnvAuthSource("dev"); ok {
		t.Error("source not removed")
	}
}
