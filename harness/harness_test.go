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

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/waiters"
)

var pkg = harness.PackageOf(waiters.Block)

func TestPackageOf(t *testing.T) {
	if want := "github.com/gokata/workbook/harness/internal/waiters"; pkg != want {
		t.Fatalf("PackageOf(waiters.Block) = %q, want %q", pkg, want)
	}
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
	if len(mine) != 1 || mine[0].State != "chan receive" {
		t.Fatalf("Of(pkg) = %+v, want one goroutine in [chan receive]", mine)
	}
	d := harness.Describe(pkg, mine)
	if !strings.Contains(d, "[chan receive]: Block at waiters.go:") {
		t.Fatalf("Describe = %q, want the state, function and file:line", d)
	}
}

func TestObserveWait(t *testing.T) {
	t.Run("blocked", func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		go waiters.Block(stop)
		if v := harness.ObserveWait(pkg, 100*time.Millisecond).Verdict("Block", "stop"); v != "" {
			t.Fatalf("a goroutine blocked on a channel got the verdict %q, want none", v)
		}
	})
	t.Run("spinning", func(t *testing.T) {
		var stop atomic.Bool
		defer stop.Store(true)
		go waiters.Spin(&stop)
		if v := harness.ObserveWait(pkg, 100*time.Millisecond).Verdict("Spin", "stop"); !strings.HasPrefix(v, "busy-wait: ") {
			t.Fatalf("a spinning goroutine got the verdict %q, want busy-wait", v)
		}
	})
	t.Run("polling", func(t *testing.T) {
		var stop atomic.Bool
		defer stop.Store(true)
		go waiters.Poll(&stop)
		if v := harness.ObserveWait(pkg, 100*time.Millisecond).Verdict("Poll", "stop"); !strings.HasPrefix(v, "sleep-polling: Poll was found in time.Sleep") {
			t.Fatalf("a sleep-polling goroutine got the verdict %q, want sleep-polling", v)
		}
	})
}

func TestBubble(t *testing.T) {
	t.Run("clean", func(t *testing.T) {
		if s := harness.Bubble(t, pkg, func() {}); s != nil {
			t.Fatalf("Bubble of an empty function = %v, want nil", s)
		}
	})
	t.Run("deadlock", func(t *testing.T) {
		s := harness.Bubble(t, pkg, func() { waiters.Block(make(chan struct{})) })
		if s == nil || s.Leak || !strings.Contains(s.Goroutines, "Block at waiters.go") {
			t.Fatalf("Bubble of a deadlock = %+v, want a deadlock naming Block", s)
		}
	})
	t.Run("leak", func(t *testing.T) {
		s := harness.Bubble(t, pkg, func() { go waiters.Block(make(chan struct{})) })
		if s == nil || !s.Leak || !strings.Contains(s.Goroutines, "Block at waiters.go") {
			t.Fatalf("Bubble of a leak = %+v, want a leak naming Block", s)
		}
	})
	t.Run("panic", func(t *testing.T) {
		defer func() {
			if r := recover(); r != "boom" {
				t.Fatalf("recovered %v, want the panic of f (boom) outside the bubble", r)
			}
		}()
		harness.Bubble(t, pkg, func() { panic("boom") })
	})
}

func TestCall(t *testing.T) {
	if v := harness.Call(pkg, "New", func() { panic("latch: not implemented") }); v != "latch: not implemented yet: edit "+filepath.Join("katas", "latch", "latch.go") {
		t.Errorf("stub verdict = %q", v)
	}
	if v := harness.Call(pkg, "Second", func() { panic("boom") }); !strings.HasPrefix(v, "Second panicked: boom") {
		t.Errorf("panic verdict = %q", v)
	}
	if v := harness.Call(pkg, "First", func() {}); v != "" {
		t.Errorf("verdict of a call that returns = %q, want none", v)
	}
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
		if !strings.Contains(out.String(), want) {
			t.Errorf("watchdog verdict lacks %q:\n%s", want, out.String())
		}
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
	if err == nil {
		t.Fatalf("the failing property passed:\n%s", out)
	}
	lines := strings.Split(string(out), "\n")
	var first string
	for _, l := range lines {
		if strings.Contains(l, "harness_test.go:") {
			first = strings.TrimSpace(l[strings.Index(l, ":")+1:])
			first = strings.TrimSpace(first[strings.Index(first, ":")+1:])
			break
		}
	}
	if first != "too big: n = 7, want less than 7" {
		t.Errorf("first line of the report = %q, want the minimized verdict\n%s", first, out)
	}
	if !strings.Contains(string(out), "To reproduce: go test -race -run='^TestCheckReport$' -rapid.seed=") {
		t.Errorf("the report does not say how to replay:\n%s", out)
	}
}
