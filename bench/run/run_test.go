package run

import (
	"os"
	"runtime"
	"testing"
	"time"
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

func TestMedian(t *testing.T) {
	ms := func(walls ...int) []Result {
		rs := make([]Result, len(walls))
		for i, w := range walls {
			rs[i] = Result{Wall: time.Duration(w) * time.Millisecond, ExitCode: i}
		}
		return rs
	}
	for _, tc := range []struct {
		walls []int
		want  int // ExitCode, i.e. the index of the run picked
	}{
		{walls: []int{90}, want: 0},
		{walls: []int{300, 100, 200}, want: 2},
		{walls: []int{100, 400, 300, 200}, want: 2},     // the later of the middle two
		{walls: []int{150, 150, 90, 400, 150}, want: 1}, // ties keep their order
	} {
		if got := Median(ms(tc.walls...)); got.ExitCode != tc.want {
			t.Errorf("Median(%v) picked run %d (%v), want run %d", tc.walls, got.ExitCode, got.Wall, tc.want)
		}
	}
}
