package faultcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestExit(t *testing.T) {
	tests := []struct {
		name   string
		code   int
		stderr string
		bad    int
	}{
		{"success", 0, "", 0},
		{"failure with a fix", 1, "Error: x\nFix: do y\n", 0},
		{"failure without a fix", 1, "Error: exceeded maximum number of attempts, 6\n", 1},
		{"code outside the contract", 7, "Fix: y\n", 1},
		{"panic", 2, "panic: runtime error: invalid memory address\n\ngoroutine 1 [running]:\n", 2},
		{"130 without a signal", 130, "Fix: y\n", 1},
	}
	for _, tt := range tests {
		if got := Exit(tt.code, tt.stderr); len(got) != tt.bad {
			t.Errorf("%s: %v, want %d violations", tt.name, got, tt.bad)
		}
	}
}

// TestTree: the same project in two folders, pushed at two times, has one
// state; temp, trash and journal files are leftovers.
func TestTree(t *testing.T) {
	write := func(dir string, files map[string]string) {
		for name, body := range files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	a, b := t.TempDir(), t.TempDir()
	write(a, map[string]string{"amplify/x.json": `{"lastPushTimeStamp": "2026-01-01T00:00:00.000Z", "projectPath": "` + a + `"}`, lockFile: "1"})
	write(b, map[string]string{"amplify/x.json": `{"lastPushTimeStamp": "2026-02-02T00:00:00.000Z", "projectPath": "` + b + `"}`, lockFile: "2"})
	ta, _ := ReadTree(a, nil)
	tb, _ := ReadTree(b, nil)
	if !ta.Equal(tb) {
		t.Errorf("equal projects differ: %v", Diff(ta, tb))
	}
	write(b, map[string]string{"src/.aws-exports.js.ampgo-tmp-123": "", "amplify/.config/ampgo-journal.json": "{}", InflightFile: "{}"})
	tb, _ = ReadTree(b, nil)
	if got, want := Leftovers(tb, false), []string{"amplify/.config/ampgo-journal.json", "src/.aws-exports.js.ampgo-tmp-123"}; !slices.Equal(got, want) {
		t.Errorf("leftovers %v, want %v", got, want)
	}
	if got := Leftovers(tb, true); len(got) != 3 {
		t.Errorf("leftovers with the in-flight record: %v", got)
	}
	if !tb.HasInflight() || tb.State().HasInflight() {
		t.Error("State keeps the in-flight record")
	}
}
