package authcmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/cli/clitest"
	"github.com/ampgo/ampgo/internal/project"
)

// TestDoctorProjectDefaults: inside a project doctor takes the current
// environment's profile and region, opened like status opens it: an
// interrupted save is completed first, and a project that cannot be read
// is an error instead of a silent check of another account or region.
func TestDoctorProjectDefaults(t *testing.T) {
	tests := []struct {
		name        string
		prepare     func(t *testing.T, root string) // nil: no project
		wantProfile string
		wantRegion  string
		wantGuests  []string
		wantErr     string
	}{
		{name: "no project: no defaults"},
		{name: "project", prepare: func(*testing.T, string) {}, wantProfile: "work", wantRegion: "eu-west-1"},
		{name: "storage that gives guests access", prepare: guestStorage, wantProfile: "work", wantRegion: "eu-west-1", wantGuests: []string{"storage/photos"}},
		{name: "interrupted save is completed first", prepare: interruptedRegionChange, wantProfile: "work", wantRegion: "ap-south-1"},
		{name: "broken project files are an error", prepare: func(t *testing.T, root string) {
			writeFile(t, root, project.BackendConfigPath(project.BackendDir), "{not json")
		}, wantErr: "backend-config.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if tt.prepare != nil {
				if _, err := project.Init(root, project.InitOptions{ProjectName: "acmeapp", Env: "dev", Region: "eu-west-1", Profile: "work"}); err != nil {
					t.Fatal(err)
				}
				tt.prepare(t, root)
			}
			f, _, _ := clitest.Factory(root, nil)
			profile, region, guests, err := projectDefaults(f)
			if (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("projectDefaults error %v, want %q", err, tt.wantErr)
			}
			if profile != tt.wantProfile || region != tt.wantRegion {
				t.Errorf("profile %q region %q, want %q %q", profile, region, tt.wantProfile, tt.wantRegion)
			}
			if diff := cmp.Diff(tt.wantGuests, guests); diff != "" {
				t.Errorf("guests (-want +got):\n%s", diff)
			}
		})
	}
}

// guestStorage adds a storage resource with guest access.
func guestStorage(t *testing.T, root string) {
	t.Helper()
	p, err := project.Load(root)
	if err == nil {
		err = p.AddStorage(project.Storage{Name: "photos", BucketPrefix: "photos", AuthAccess: []string{"read"}, GuestAccess: []string{"read"}})
	}
	if err == nil {
		err = p.Save()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// interruptedRegionChange leaves what kill -9 leaves after a save that
// moved the environment to ap-south-1 had written its journal: the new
// team-provider-info.json in its temp file, the journal naming it.
func interruptedRegionChange(t *testing.T, root string) {
	t.Helper()
	old, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(project.TeamProviderInfoFile)))
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.ReplaceAll(string(old), `"eu-west-1"`, `"ap-south-1"`)
	if moved == string(old) {
		t.Fatal("team-provider-info.json does not record eu-west-1")
	}
	temp := "amplify/.team-provider-info.json.ampgo-tmp-1"
	writeFile(t, root, temp, moved)
	writeFile(t, root, "amplify/.config/ampgo-journal.json",
		`{"version":1,"ops":[{"op":"write","target":"`+project.TeamProviderInfoFile+`","temp":"`+temp+`","existed":true}]}`)
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
