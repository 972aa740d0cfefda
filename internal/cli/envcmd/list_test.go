package envcmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/ampgo/ampgo/internal/envs"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// listFixture is the widest realistic table: the longest AWS region, a
// 10-character environment name, a native client, an identity pool; and an
// environment without auth.
func listFixture() []envs.Summary {
	return []envs.Summary{
		{Name: "dev", Region: "us-east-1", Current: true, Auth: &envs.AuthIDs{ResourceName: "acmeapp",
			UserPoolID: "us-east-1_AbC123xYz", WebClientID: "4abcdefghij1234567890klmno", NativeClientID: "7defghijklm1234567890nopqr",
			IdentityPoolID: "us-east-1:11111111-2222-3333-4444-555555555555"}, AuthMode: "managed"},
		{Name: "production", Region: "ap-southeast-2", Auth: &envs.AuthIDs{ResourceName: "acmeapp",
			UserPoolID: "ap-southeast-2_XyZ987aBc", WebClientID: "5bcdefghijk2345678901lmnop", NativeClientID: "5bcdefghijk2345678901lmnop",
			IdentityPoolID: "ap-southeast-2:99999999-8888-7777-6666-555555555555"}, AuthMode: "imported"},
		{Name: "staging", Region: "eu-west-1", Auth: &envs.AuthIDs{ResourceName: "acmeapp",
			UserPoolID: "eu-west-1_QwErTy123", WebClientID: "6cdefghijkl3456789012mnopq", NativeClientID: "6cdefghijkl3456789012mnopq"}, AuthMode: "imported"},
		{Name: "preview", Region: "us-east-1", AuthMode: "managed"},
		{Name: "sandbox", Region: "us-west-2"},
	}
}

func TestListGolden(t *testing.T) {
	tests := []struct {
		golden   string
		wide     bool
		maxWidth int // 0: no limit
	}{
		{golden: "list.golden", maxWidth: 100},
		{golden: "list_wide.golden", wide: true},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeList(&b, listFixture(), tt.wide); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(b.String(), "\n") {
				if n := utf8.RuneCountInString(line); tt.maxWidth > 0 && n > tt.maxWidth {
					t.Errorf("line of %d columns, want at most %d: %q", n, tt.maxWidth, line)
				}
			}
			if tt.wide {
				for _, id := range []string{"4abcdefghij1234567890klmno", "ap-southeast-2:99999999-8888-7777-6666-555555555555"} {
					if !strings.Contains(b.String(), id) {
						t.Errorf("--wide lacks %s", id)
					}
				}
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), b.String()); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"", 8, "-"},
		{"abcdefgh", 8, "abcdefgh"},
		{"abcdefghi", 8, "abcdefghi"}, // "…" would save nothing
		{"abcdefghij", 8, "abcdefgh…"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
