package project

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/exit"
)

// helperEnv makes the test binary act as a second ampgo holding the lock.
const helperEnv = "AMPGO_PROJECT_LOCK_HELPER"

// TestMain lets the test binary serve as the lock-holding helper process:
// it takes the lock, prints "locked" and holds it until stdin closes.
func TestMain(m *testing.M) {
	if root := os.Getenv(helperEnv); root != "" {
		release, err := Lock(root)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // until the parent closes stdin
		_ = release()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestLockInProcess(t *testing.T) {
	root := newTestProject(t).Root()
	release, err := Lock(root)
	if err != nil {
		t.Fatalf("first Lock: %v", err)
	}
	_, err = Lock(root)
	checkLocked(t, err, root)
	if err := release(); err != nil {
		t.Fatalf("release: %v", err)
	}
	if err := release(); err != nil {
		t.Fatalf("second release: %v", err)
	}
	again, err := Lock(root)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	_ = again()
}

// Another process holds the lock; when it exits, even killed without
// releasing, the lock is free again at once: there are no stale locks.
func TestLockOtherProcess(t *testing.T) {
	for _, kill := range []bool{false, true} {
		t.Run(fmt.Sprintf("kill=%v", kill), func(t *testing.T) {
			root := newTestProject(t).Root()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), helperEnv+"="+root)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, err := bufio.NewReader(stdout).ReadString('\n')
			if err != nil || strings.TrimSpace(line) != "locked" {
				t.Fatalf("helper: %q, %v", line, err)
			}
			_, err = Lock(root)
			checkLocked(t, err, root)
			var le *LockedError
			if errors.As(err, &le) && le.PID != cmd.Process.Pid {
				t.Errorf("LockedError.PID = %d, want helper pid %d", le.PID, cmd.Process.Pid)
			}
			if kill {
				_ = cmd.Process.Kill()
			} else {
				_ = stdin.Close()
			}
			_ = cmd.Wait()
			release, err := Lock(root)
			if err != nil {
				t.Fatalf("Lock after the helper exited: %v", err)
			}
			_ = release()
		})
	}
}

// Lock with a wait gets the lock once the holder releases it.
func TestLockWaits(t *testing.T) {
	root := newTestProject(t).Root()
	release, err := Lock(root)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		r, err := LockWait(context.Background(), root, time.Minute)
		if err == nil {
			err = r()
		}
		got <- err
	}()
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatalf("waiting Lock: %v", err)
	}
}

func TestLockWaitCancelled(t *testing.T) {
	root := newTestProject(t).Root()
	release, err := Lock(root)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = release() }()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LockWait(ctx, root, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("Lock with cancelled ctx = %v, want context.Canceled", err)
	}
}

func checkLocked(t *testing.T, err error, root string) {
	t.Helper()
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock = %v, want ErrLocked", err)
	}
	want := "another ampgo command is running in " + root
	if !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "wait for it to finish") {
		t.Errorf("message %q", err)
	}
	if exit.Hint(err) == "" {
		t.Error("no hint")
	}
}
