package testenv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestJSCheckInstalled(t *testing.T) {
	const lock = `{"lockfileVersion":3}`
	for _, tc := range []struct {
		name    string
		files   map[string]string // path in the folder: content
		wantErr string            // "" for installed
	}{
		{"installed", map[string]string{"package-lock.json": lock, "node_modules/.package-lock.json": "{}", ".installed-lock": lock}, ""},
		{"never installed", map[string]string{"package-lock.json": lock}, "are not installed"},
		{"installed by hand, no marker", map[string]string{"package-lock.json": lock, "node_modules/.package-lock.json": "{}"}, "not installed from its current package-lock.json"},
		{"lock changed since", map[string]string{"package-lock.json": lock, "node_modules/.package-lock.json": "{}", ".installed-lock": `{"lockfileVersion":2}`}, "not installed from its current package-lock.json"},
		{"marker without packages", map[string]string{"package-lock.json": lock, ".installed-lock": lock}, "are not installed"},
		{"no lock file", map[string]string{"node_modules/.package-lock.json": "{}"}, "read the lock file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := jsCheckInstalled(dir)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("err = %v, want installed", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("err = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}
