//go:build linux

package run

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Peak RSS is read from the child's own /proc/<pid>/status (VmHWM, the
// high-water mark of its address space), sampled while it runs. The
// child's rusage cannot be used: Go starts children with
// CLONE_VFORK|CLONE_VM, and at exec Linux folds the high-water mark of the
// old address space, the parent's, into the child's ru_maxrss, so a child
// of a 200 MB benchmark "peaks" at 200 MB (checked: /bin/true reports 202
// MB under a parent holding 200 MB).

// sampleEvery is short against the shortest ampgo run (~100 ms).
const sampleEvery = 5 * time.Millisecond

// watchRSS samples pid's VmHWM until stop is called, and returns the
// largest value seen, in bytes.
func watchRSS(pid int) (stop func() int64) {
	var (
		mu   sync.Mutex
		peak int64
		done = make(chan struct{})
		over = make(chan struct{})
	)
	sample := func() {
		if v := vmHWM(pid); v > 0 {
			mu.Lock()
			peak = max(peak, v)
			mu.Unlock()
		}
	}
	go func() {
		defer close(over)
		t := time.NewTicker(sampleEvery)
		defer t.Stop()
		for {
			sample()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		<-over
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// vmHWM returns the VmHWM line of /proc/<pid>/status in bytes, or 0 (the
// process is gone, or is a zombie without an address space).
func vmHWM(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
