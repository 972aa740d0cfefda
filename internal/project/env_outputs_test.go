package project

import (
	"testing"
	"time"
)

// Switching environments drops the previous environment's deployed outputs
// (a bucket of dev must never reach prod's client config); checking out the
// current environment again keeps them, and imported auth is left to its
// caller.
func TestCheckoutDropsTheOtherEnvironmentsOutputs(t *testing.T) {
	p := newTestProject(t)
	steps := []func() error{
		func() error { return p.SetImportedAuth(sampleAuth("acmeapp")) },
		func() error { return p.AddStorage(Storage{Name: "files", BucketPrefix: "acme-files"}) },
		func() error {
			return p.SetStorageOutput("files", StorageOutput{BucketName: "acme-files-dev", Region: "us-east-1"}, time.Now())
		},
		func() error { return p.AddEnv("prod", EnvOptions{Region: "eu-west-1"}) },
		func() error { return p.Checkout("dev") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	bucket := func() string {
		t.Helper()
		s, err := p.S3Storage()
		if err != nil || len(s) != 1 {
			t.Fatalf("S3Storage = %+v, %v", s, err)
		}
		return s[0].Output.BucketName + s[0].LastPushTimeStamp
	}
	if bucket() == "" {
		t.Fatal("checking out the current environment dropped its outputs")
	}
	if err := p.Checkout("prod"); err != nil {
		t.Fatal(err)
	}
	if got := bucket(); got != "" {
		t.Errorf("prod still has dev's storage output %q", got)
	}
	if a, ok := p.ImportedAuth(); !ok || a.Meta.Output.UserPoolID == "" {
		t.Error("checkout dropped the imported auth's meta; re-recording it is the caller's job")
	}
}
