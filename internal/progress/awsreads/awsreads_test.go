package awsreads

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ampgo/ampgo/internal/cognito"
	"github.com/ampgo/ampgo/internal/importauth"
)

// slowReader answers ListPools once release is closed; the other reads
// fail at once.
type slowReader struct {
	importauth.Reader // nil: any other method would panic
	release           chan struct{}
}

var errRead = errors.New("read failed")

func (r slowReader) ListPools(context.Context, string) ([]cognito.PoolSummary, error) {
	<-r.release
	return []cognito.PoolSummary{{ID: "us-east-1_abc", Name: "users"}}, nil
}

func (r slowReader) Clients(context.Context, string) ([]cognito.AppClient, error) {
	return nil, errRead
}

// buffer is a bytes.Buffer safe for the spinner's goroutine.
type buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *buffer) Write(p []byte) (int, error) { b.mu.Lock(); defer b.mu.Unlock(); return b.b.Write(p) }
func (b *buffer) String() string              { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

func TestSlowReadIsShownThenCleared(t *testing.T) {
	out := &buffer{}
	r := Wrap(out, slowReader{release: make(chan struct{})})
	done := make(chan []cognito.PoolSummary)
	go func() {
		pools, _ := r.ListPools(context.Background(), "us-east-1")
		done <- pools
	}()
	const label = " loading user pools of us-east-1…"
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(out.String(), label); {
		if time.Now().After(deadline) {
			t.Fatalf("never shown; wrote %q", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(r.Reader.(slowReader).release)
	if pools := <-done; len(pools) != 1 || pools[0].ID != "us-east-1_abc" {
		t.Errorf("pools = %+v", pools)
	}
	if got := out.String(); !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("the line was not cleared: %q", got)
	}
}

func TestFastReadDrawsNothingAndKeepsErrors(t *testing.T) {
	out := &buffer{}
	r := Wrap(out, slowReader{})
	if _, err := r.Clients(context.Background(), "us-east-1_abc"); !errors.Is(err, errRead) {
		t.Errorf("err = %v, want the reader's", err)
	}
	if got := out.String(); got != "" {
		t.Errorf("a read shorter than the delay wrote %q", got)
	}
}
