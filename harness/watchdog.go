package harness

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// A Watchdog reports a run that stops making progress: it lives outside every synctest
// bubble, and when no progress has been reported for its limit it prints a verdict
// (deadlock, or busy-wait when the CPU is busy) naming the learner's goroutines and where
// they are, then ends the test binary. It exists because a stuck bubble (a goroutine
// spinning, or waiting in sync.Mutex.Lock) never returns and cannot be recovered.
type Watchdog struct {
	t     testing.TB
	pkg   string
	limit time.Duration
	ticks atomic.Int64 // progress so far; a counter, because time.Now is fake in a bubble
	mu    sync.Mutex
	note  string
	tl    *timeline.Timeline // the timeline of the run going on, if any
	stop  chan struct{}
	done  chan struct{}
}

// Deadline is how long a run may go without progress before the watchdog calls it
// stuck (KATA_STALL overrides it), and how long checkers wait for a call that should
// return at once.
var Deadline = 5 * time.Second

// Exit ends the test binary after a watchdog verdict; tests of the harness replace it.
var Exit = func() { os.Exit(1) }

// Stderr is where the watchdog writes its verdict; tests of the harness replace it.
var Stderr io.Writer = os.Stderr

// StartWatchdog starts a watchdog for the code of package pkg. The limit is Deadline
// unless the KATA_STALL environment variable holds a duration.
func StartWatchdog(t testing.TB, pkg string) *Watchdog {
	limit := Deadline
	if d, err := time.ParseDuration(os.Getenv("KATA_STALL")); err == nil && d > 0 {
		limit = d
	}
	w := &Watchdog{t: t, pkg: pkg, limit: limit, stop: make(chan struct{}), done: make(chan struct{})}
	w.Progress()
	go w.run()
	t.Cleanup(w.Stop)
	return w
}

// Progress records that the run moved on.
func (w *Watchdog) Progress() { w.ticks.Add(1) }

// Notef records what the run is doing now (the schedule), for the verdict, and counts as
// progress. A new run begins: the watchdog forgets the timeline of the previous one, so
// call Record after Notef.
func (w *Watchdog) Notef(format string, args ...any) {
	w.mu.Lock()
	w.note = fmt.Sprintf(format, args...)
	w.tl = nil
	w.mu.Unlock()
	w.Progress()
}

// Record tells the watchdog the timeline of the run going on, so that a verdict of the
// watchdog can draw what the run did before it got stuck. Call it at the start of each
// run that records a timeline; Record(nil) forgets it.
func (w *Watchdog) Record(tl *timeline.Timeline) {
	w.mu.Lock()
	w.tl = tl
	w.mu.Unlock()
}

// Stop stops the watchdog; it is idempotent.
func (w *Watchdog) Stop() {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	<-w.done
}

func (w *Watchdog) run() {
	defer close(w.done)
	tick := time.NewTicker(w.limit / 10)
	defer tick.Stop()
	cpu0, wall0 := CPUTime(), time.Now()
	seen, last := w.ticks.Load(), time.Now()
	for {
		select {
		case <-w.stop:
			return
		case <-tick.C:
		}
		if n := w.ticks.Load(); n != seen {
			seen, last = n, time.Now()
		}
		since := time.Since(last)
		if since < w.limit/2 {
			cpu0, wall0 = CPUTime(), time.Now()
			continue
		}
		if since < w.limit {
			continue
		}
		busy := float64(CPUTime()-cpu0) / float64(time.Since(wall0))
		w.mu.Lock()
		note, tl := w.note, w.tl
		w.mu.Unlock()
		fmt.Fprint(Stderr, w.verdict(since, busy, note, tl))
		Exit()
		return
	}
}

func (w *Watchdog) verdict(since time.Duration, busy float64, note string, tl *timeline.Timeline) string {
	mine := Of(w.pkg, Goroutines())
	spinning := busy > 0.5
	for _, g := range mine {
		spinning = spinning || g.Busy()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "--- FAIL: %s (stuck)\n", w.t.Name())
	if spinning {
		fmt.Fprintf(&b, "    busy-wait: no progress for %v while the process used %.0f%% of a CPU: a goroutine spins instead of blocking\n", since.Round(time.Second), 100*busy)
	} else {
		fmt.Fprintf(&b, "    deadlock: no progress for %v and every goroutine is blocked\n", since.Round(time.Second))
	}
	if note != "" {
		fmt.Fprintf(&b, "    while: %s\n", note)
	}
	fmt.Fprintf(&b, "    your goroutines and where they are:\n%s\n", indent(Describe(w.pkg, mine), "    "))
	if r := tl.Record(); len(r.Events) > 0 {
		// The run is stuck now: what never returned stays open, and the rule broke
		// at the last moment recorded.
		what := "deadlock"
		if spinning {
			what = "busy-wait"
		}
		r.Break("judge", what+": no progress")
		if pic := drawing("", &r, pictureHeading); pic != "" {
			fmt.Fprintf(&b, "%s\n", indent(pic, "    "))
		}
	}
	if s := Seed(); s != 0 {
		fmt.Fprintf(&b, "    To reproduce: go test -race -run='^%s$' -rapid.seed=%d (in the kata's folder)\n", w.t.Name(), s)
	}
	b.WriteString("FAIL\n")
	return b.String()
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
