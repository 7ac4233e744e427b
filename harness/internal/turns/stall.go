package turns

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// watchdogs is the harness's watchdog and the checker's stall watch, fed together.
type watchdogs[M Method] struct {
	*harness.Watchdog
	stall *stallWatch[M]
}

// Progress records that the run moved on.
func (w *watchdogs[M]) Progress() {
	w.Watchdog.Progress()
	w.stall.progress()
}

// A stallWatch reports, ahead of the harness's watchdog, a schedule that got stuck after
// a wrong call: the wrong call is the cause, so the first line names it. A bubble cannot
// see such a run end when a goroutine waits in sync.Mutex.Lock or on a channel made
// outside the bubble (a package-level one): neither is durably blocked.
type stallWatch[M Method] struct {
	k     *Kata[M]
	t     testing.TB
	pkg   string
	limit time.Duration // the harness watchdog's
	ticks atomic.Int64
	mu    sync.Mutex
	recs  []*record[M] // of the schedule being played, nil between schedules
	sched string
	tl    *timeline.Timeline // its timeline
	stop  chan struct{}
	done  chan struct{}
	// company is how many instances were in use at once in the latest schedule that
	// failed with several: shared state it corrupted can fail later schedules of one.
	company atomic.Int64
}

func startStallWatch[M Method](t testing.TB, pkg string, k *Kata[M]) *stallWatch[M] {
	limit := harness.Deadline
	if d, err := time.ParseDuration(os.Getenv("KATA_STALL")); err == nil && d > 0 {
		limit = d
	}
	s := &stallWatch[M]{k: k, t: t, pkg: pkg, limit: limit, stop: make(chan struct{}), done: make(chan struct{})}
	go s.run()
	t.Cleanup(func() {
		close(s.stop)
		<-s.done
	})
	return s
}

func (s *stallWatch[M]) progress() { s.ticks.Add(1) }

// playing records the schedule being played and its timeline (recs nil: none).
func (s *stallWatch[M]) playing(recs []*record[M], sched string, tl *timeline.Timeline) {
	s.mu.Lock()
	s.recs, s.sched, s.tl = recs, sched, tl
	s.mu.Unlock()
	s.progress()
}

func (s *stallWatch[M]) run() {
	defer close(s.done)
	tick := time.NewTicker(s.limit / 20)
	defer tick.Stop()
	seen, last := s.ticks.Load(), time.Now()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		if n := s.ticks.Load(); n != seen {
			seen, last = n, time.Now()
			continue
		}
		since := time.Since(last)
		if since < s.limit/2 {
			continue
		}
		if msg := s.verdict(since >= s.limit*9/10); msg != "" {
			s.report(msg, since)
			return
		}
	}
}

// verdict returns the verdict on the schedule being played, stuck for a while: the
// first wrong call made so far, or (when late is set, just before the harness's
// watchdog would report) which methods never returned, unless a goroutine is running or
// runnable (the watchdog tells spinning). It returns "" when there is nothing
// to say.
func (s *stallWatch[M]) verdict(late bool) string {
	s.mu.Lock()
	recs, sched := s.recs, s.sched
	s.mu.Unlock()
	if len(recs) == 0 {
		return ""
	}
	company := func(i int) string {
		if len(recs) == 1 {
			if k := s.company.Load(); k > 1 {
				return fmt.Sprintf("\n    (an earlier failing schedule had %d %s in use at once: if yours passes this schedule alone, separate %s share state)", k, s.k.Types, s.k.Types)
			}
			return ""
		}
		return fmt.Sprintf("\n    in %s %d of %d in use at once (if each behaves when used alone, separate %s share state)", s.k.Type, i+1, len(recs), s.k.Types)
	}
	for i, rec := range recs {
		rec.mu.Lock()
		msg := s.k.Sequence(rec.printed, rec.n, false)
		if msg == "" {
			msg = rec.overlap
		}
		rec.mu.Unlock()
		if msg != "" {
			return msg + company(i) + "\n    schedule: " + sched
		}
	}
	if !late {
		return ""
	}
	// Any goroutine on a CPU or waiting for one may still move on (the learner's, or one
	// of the judge's not yet in the learner's code): then the watchdog tells.
	me := fmt.Sprint(goid())
	for _, g := range harness.Goroutines() {
		if g.Busy() && g.ID != me {
			return ""
		}
	}
	var hung, printed []string
	for i, rec := range recs {
		rec.mu.Lock()
		for _, m := range s.k.Methods {
			if rec.started[m] && rec.returned[m] < 0 {
				name := m.String()
				if len(recs) > 1 {
					name = fmt.Sprintf("%s (%s %d)", name, s.k.Type, i+1)
				}
				hung = append(hung, name)
			}
		}
		if len(recs) == 1 {
			printed = append(printed, "printed so far: "+s.k.show(rec.printed, len(rec.printed)))
		} else {
			printed = append(printed, fmt.Sprintf("%s %d printed so far: %s", s.k.Type, i+1, s.k.show(rec.printed, len(rec.printed))))
		}
		rec.mu.Unlock()
	}
	if len(hung) == 0 {
		return ""
	}
	msg := fmt.Sprintf("deadlock: %s never returned and every goroutine is blocked\n    %s", strings.Join(hung, ", "), strings.Join(printed, "\n    "))
	if len(recs) == 1 {
		msg += company(0)
	}
	if len(recs) > 1 {
		msg += fmt.Sprintf("\n    (%d %s were in use at once: if each behaves when used alone, separate %s share state)", len(recs), s.k.Types, s.k.Types)
	}
	return msg + "\n    schedule: " + sched
}

func (s *stallWatch[M]) report(msg string, since time.Duration) {
	var b strings.Builder
	fmt.Fprintf(&b, "--- FAIL: %s (stuck)\n", s.t.Name())
	fmt.Fprintf(&b, "    %s\n", msg)
	then := "then the run got stuck: "
	if strings.HasPrefix(msg, "deadlock:") {
		then = ""
	}
	fmt.Fprintf(&b, "    %sno progress for %v; your goroutines and where they are:\n", then, since.Round(100*time.Millisecond))
	for _, line := range strings.Split(harness.Describe(s.pkg, harness.Of(s.pkg, harness.Goroutines())), "\n") {
		fmt.Fprintf(&b, "    %s\n", line)
	}
	if seed := harness.Seed(); seed != 0 {
		fmt.Fprintf(&b, "    To reproduce: go test -race -run='^%s$' -rapid.seed=%d (in the kata's folder)\n", s.t.Name(), seed)
	}
	// The run is stuck in its bubble, so its timeline ends at its last event: no
	// mark of where it broke can be given a fake time from here.
	s.mu.Lock()
	tl := s.tl
	s.mu.Unlock()
	fmt.Fprint(harness.Stderr, strings.TrimSuffix(harness.Draw(tl.Attach(b.String())), "\n")+"\nFAIL\n")
	harness.Exit()
}
