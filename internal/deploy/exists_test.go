package deploy

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/exit"
	"github.com/ampgo/ampgo/internal/importauth"
)

// selReader serves testSnapshot for the selection it is asked for (only
// the chosen clients that exist), and keeps the selection.
type selReader struct {
	importauth.Discovery
	asked []cognito.Selection
}

func (r *selReader) ReadSnapshot(_ context.Context, sel cognito.Selection) (*cognito.Snapshot, error) {
	r.asked = append(r.asked, sel)
	s := testSnapshot()
	all := s.Clients
	s.WebClientID, s.NativeClientID, s.Clients = sel.WebClientID, sel.NativeClientID, nil
	for _, c := range all {
		if c.ID == sel.WebClientID || c.ID == sel.NativeClientID {
			s.Clients = append(s.Clients, c)
		}
	}
	return s, nil
}

// TestPushChecksRecordedClients: push reads the recorded clients
// (importauth.SelectionOf). A record without a native client id means the
// web client, as env checkout and the client config read it; push then
// refuses the stale record and names `ampgo auth refresh` (which records
// the web client), where it used to say that an app client "" no longer
// exists.
func TestPushChecksRecordedClients(t *testing.T) {
	cases := []struct {
		name       string
		native     string // recorded; "web" and "native" exist
		wantNative string // asked of the reader
		wantErr    []string
		wantFix    string
	}{
		{"recorded clients exist", "native", "native", nil, ""},
		{"native client deleted", "gone", "gone", []string{"app client gone of user pool us-east-1_AbC", "no longer exists"}, "ampgo auth update --native-client-id"},
		{"no native client recorded", "", "web", []string{"nativeClientId"}, "ampgo auth refresh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := testProject(t, false)
			p := load(t, dir)
			a, _ := p.ImportedAuth()
			a.Env.NativeClientID = c.native
			if err := p.SetImportedAuth(*a); err != nil {
				t.Fatal(err)
			}
			r := &selReader{}
			var log bytes.Buffer
			err := Push(context.Background(), p, r, noConfig, &log, pushTime, DryRun(&bytes.Buffer{}, false), WithCloud(fakeCloud(newFakeCFN(), &fakeObjects{})))
			if len(r.asked) != 1 || r.asked[0].NativeClientID != c.wantNative || r.asked[0].WebClientID != "web" {
				t.Errorf("reader asked for %+v; want web client web, native client %q", r.asked, c.wantNative)
			}
			if c.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if exit.Code(err) != exit.Requirements || !strings.Contains(exit.Hint(err), c.wantFix) {
				t.Fatalf("error %v (exit %d, fix %q); want exit 3 with a fix naming %q", err, exit.Code(err), exit.Hint(err), c.wantFix)
			}
			for _, w := range c.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}
