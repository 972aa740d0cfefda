package run

import (
	"os"
	"runtime"
	"testing"
)

func TestLastLine(t *testing.T) {
	for in, want := range map[string]string{
		"Error: no user pool\nFix: create one\n": "Error: no user pool",
		"warning\nlast line\n\n":                 "last line",
		"a | b":                                  "a / b",
	} {
		if got := LastLine(in); got != want {
			t.Errorf("LastLine(%q) = %q, want %q", in, got, want)
		}
	}
	if got := LastLine(string(make([]byte, 300))); len(got) > 160 {
		t.Errorf("LastLine kept %d bytes, want at most 160", len(got))
	}
}

// TestWatchRSSOwnProcess reads this test process's own high-water mark.
func TestWatchRSSOwnProcess(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("peak RSS is read from /proc on Linux only")
	}
	stop := watchRSS(os.Getpid())
	if peak := stop(); peak < 1<<20 {
		t.Errorf("peak RSS of the test process = %d bytes, want at least 1 MiB", peak)
	}
	if vmHWM(-1) != 0 {
		t.Error("a missing process should read as 0")
	}
}
