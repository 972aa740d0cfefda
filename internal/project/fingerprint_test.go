package project

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type testFingerprint struct {
	Version int               `json:"version"`
	URLs    []string          `json:"urls"`
	Extra   map[string]string `json:"extra,omitempty"`
}

func TestAuthFingerprint(t *testing.T) {
	p := newTestProject(t)
	if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
		t.Fatal(err)
	}
	var none testFingerprint
	if found, err := p.AuthFingerprint("acmeapp", "dev", &none); found || err != nil {
		t.Fatalf("fingerprint before any was set: %v, %v", found, err)
	}
	dev := testFingerprint{Version: 1, URLs: []string{"https://app.example.com/?a=1&b=2"}}
	prod := testFingerprint{Version: 1, URLs: []string{"https://prod.example.com/"}}
	for env, fp := range map[string]testFingerprint{"dev": dev, "prod": prod} {
		if err := p.SetAuthFingerprint("acmeapp", env, fp); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(p.Path(FingerprintPath("acmeapp")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "?a=1&b=2") || !strings.HasSuffix(string(raw), "}\n") {
		t.Errorf("file is not rendered like the other project files:\n%s", raw)
	}
	q := mustLoad(t, p.Root())
	for env, want := range map[string]testFingerprint{"dev": dev, "prod": prod} {
		var got testFingerprint
		if found, err := q.AuthFingerprint("acmeapp", env, &got); !found || err != nil {
			t.Fatalf("%s: found %v, %v", env, found, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", env, diff)
		}
	}
	if err := q.SetAuthFingerprint("../x", "dev", dev); err == nil {
		t.Error("a resource name outside amplify/ was accepted")
	}
}

// TestRemoveAuthRemovesFingerprint: unlinking deletes auth/<name>/ with its
// fingerprints.
func TestRemoveAuthRemovesFingerprint(t *testing.T) {
	p := newTestProject(t)
	if err := p.SetImportedAuth(sampleAuth("acmeapp")); err != nil {
		t.Fatal(err)
	}
	if err := p.SetAuthFingerprint("acmeapp", "dev", testFingerprint{Version: 1}); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	q := mustLoad(t, p.Root())
	if err := q.RemoveAuth("acmeapp"); err != nil {
		t.Fatal(err)
	}
	if err := q.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(q.Path(FingerprintPath("acmeapp"))); !os.IsNotExist(err) {
		t.Errorf("fingerprint left behind: %v", err)
	}
}

// TestSyncCloudAuth copies only the auth resource to #current-cloud-backend.
func TestSyncCloudAuth(t *testing.T) {
	p := newTestProject(t)
	a := sampleAuth("acmeapp")
	if err := p.SetImportedAuth(a); err != nil {
		t.Fatal(err)
	}
	if err := p.MarkPushed(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := p.AddStorage(Storage{Name: "photos", BucketPrefix: "photos", AuthAccess: []string{"read"}}); err != nil {
		t.Fatal(err)
	}
	a.Env.WebClientID, a.Meta.Output.AppClientIDWeb = "newweb", "newweb"
	if err := p.SetImportedAuth(a); err != nil {
		t.Fatal(err)
	}
	if err := p.SyncCloudAuth("acmeapp"); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	q := mustLoad(t, p.Root())
	cloud, ok := q.CurrentCloudAuth()
	if !ok || cloud.Meta.Output.AppClientIDWeb != "newweb" || cloud.Meta.LastPushTimeStamp == "" {
		t.Errorf("cloud auth not synced: %+v", cloud)
	}
	ops := map[string]string{}
	for _, r := range q.Status() {
		ops[r.Category+"/"+r.ResourceName] = r.Operation
	}
	if want := map[string]string{"auth/acmeapp": OpNoChange, "storage/photos": OpCreate}; !cmp.Equal(want, ops) {
		t.Errorf("status %v, want %v: the pending storage must stay pending", ops, want)
	}
}
