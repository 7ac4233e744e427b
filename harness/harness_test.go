package harness_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/waiters"
)

var pkg = harness.PackageOf(waiters.Block)

func TestPackageOf(t *testing.T) {
	assert.Equal(t, "github.com/gokata/workbook/harness/internal/waiters", pkg, "PackageOf(waiters.Block)")
}

func TestGoroutinesFindsBlockedWaiter(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	go waiters.Block(stop)
	var mine []harness.Goroutine
	for range 100 {
		if mine = harness.Of(pkg, harness.Goroutines()); len(mine) == 1 && mine[0].State == "chan receive" {
			break
		}
		time.Sleep(time.Millisecond)
	}
	require.Len(t, mine, 1, "Of(pkg) = %+v, want one goroutine in [chan receive]", mine)
	require.Equal(t, "chan receive", mine[0].State)
	assert.Contains(t, harness.Describe(pkg, mine), "[chan receive]: Block at waiters.go:", "Describe: the state, function and file:line")
}

func TestObserveWait(t *testing.T) {
	t.Run("blocked", func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		go waiters.Block(stop)
		assert.Empty(t, harness.ObserveWait(pkg, 100*time.Millisecond).Verdict("Block", "stop"), "a goroutine blocked on a channel")
	})
	t.Run("spinning", func(t *testing.T) {
		var stop atomic.Bool
		defer stop.Store(true)
		go waiters.Spin(&stop)
		v := harness.ObserveWait(pkg, 100*time.Millisecond).Verdict("Spin", "stop")
		assert.True(t, strings.HasPrefix(v, "busy-wait: "), "a spinning goroutine got the verdict %q, want busy-wait", v)
	})
	t.Run("polling", func(t *testing.T) {
		var stop atomic.Bool
		defer stop.Store(true)
		go waiters.Poll(&stop)
		v := harness.ObserveWait(pkg, 100*time.Millisecond).Verdict("Poll", "stop")
		assert.True(t, strings.HasPrefix(v, "sleep-polling: Poll was found in time.Sleep"), "a sleep-polling goroutine got the verdict %q, want sleep-polling", v)
	})
}

func TestBubble(t *testing.T) {
	t.Run("clean", func(t *testing.T) {
		assert.Nil(t, harness.Bubble(t, pkg, func() {}), "Bubble of an empty function")
	})
	t.Run("deadlock", func(t *testing.T) {
		s := harness.Bubble(t, pkg, func() { waiters.Block(make(chan struct{})) })
		require.NotNil(t, s, "Bubble of a deadlock")
		assert.False(t, s.Leak, "a deadlock is not a leak")
		assert.Contains(t, s.Goroutines, "Block at waiters.go")
	})
	t.Run("leak", func(t *testing.T) {
		s := harness.Bubble(t, pkg, func() { go waiters.Block(make(chan struct{})) })
		require.NotNil(t, s, "Bubble of a leak")
		assert.True(t, s.Leak, "Bubble of a leak = %+v, want a leak", s)
		assert.Contains(t, s.Goroutines, "Block at waiters.go")
	})
	t.Run("panic", func(t *testing.T) {
		assert.PanicsWithValue(t, "boom", func() { harness.Bubble(t, pkg, func() { panic("boom") }) }, "the panic of f comes out of the bubble")
	})
}

func TestCall(t *testing.T) {
	assert.Equal(t, "latch: not implemented yet: edit "+filepath.Join("katas", "latch", "latch.go"), harness.Call(pkg, "New", func() { panic("latch: not implemented") }), "stub verdict")
	v := harness.Call(pkg, "Second", func() { panic("boom") })
	assert.True(t, strings.HasPrefix(v, "Second panicked: boom"), "panic verdict = %q", v)
	assert.Empty(t, harness.Call(pkg, "First", func() {}), "verdict of a call that returns")
}

func TestWatchdog(t *testing.T) {
	var out bytes.Buffer
	exited := make(chan struct{})
	oldExit, oldStderr, oldDeadline := harness.Exit, harness.Stderr, harness.Deadline
	harness.Exit, harness.Stderr, harness.Deadline = func() { close(exited) }, &out, 300*time.Millisecond
	defer func() { harness.Exit, harness.Stderr, harness.Deadline = oldExit, oldStderr, oldDeadline }()

	stop := make(chan struct{})
	defer close(stop)
	go waiters.Block(stop)
	w := harness.StartWatchdog(t, pkg)
	w.Notef("waiting for nothing")
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the watchdog did not end a run without progress")
	}
	w.Stop()
	for _, want := range []string{"--- FAIL: TestWatchdog (stuck)", "deadlock: no progress", "while: waiting for nothing", "Block at waiters.go"} {
		assert.Contains(t, out.String(), want, "the watchdog's verdict")
	}
}

// TestCheckReport runs a failing property in a child process and checks that the report
// reads verdict first, minimized, with the seed to replay it.
func TestCheckReport(t *testing.T) {
	if os.Getenv("HARNESS_CHILD") == "1" {
		harness.Check(t, 100, func(rt *rapid.T) {
			n := rapid.IntRange(0, 1000).Draw(rt, "n")
			if n >= 7 {
				rt.Fatalf("too big: n = %d, want less than 7", n)
			}
		})
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCheckReport$", "-test.v")
	cmd.Env = append(os.Environ(), "HARNESS_CHILD=1")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the failing property passed:\n%s", out)
	lines := strings.Split(string(out), "\n")
	var first string
	for _, l := range lines {
		if strings.Contains(l, "harness_test.go:") {
			first = strings.TrimSpace(l[strings.Index(l, ":")+1:])
			first = strings.TrimSpace(first[strings.Index(first, ":")+1:])
			break
		}
	}
	assert.Equal(t, "too big: n = 7, want less than 7", first, "first line of the report: the minimized verdict\n%s", out)
	assert.Contains(t, string(out), "To reproduce: go test -race -run='^TestCheckReport$' -rapid.seed=", "the report says how to replay")
}
