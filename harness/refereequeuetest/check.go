// Package refereequeuetest checks implementations of the refereequeue kata.
package refereequeuetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// Queue is the API of the kata, for users of type U.
type Queue[U any] interface {
	Enqueue(u U) error
	Close()
}

// User is the kata's User type: struct{ ID int }.
type User interface{ ~struct{ ID int } }

// Schedules is how many generated schedules Check runs.
const Schedules = 1000

// Burst is how many users the "unbounded" rule enqueues at one instant while every
// referee is busy.
const Burst = 20000

// Check hammers newQueue's Queues, rule by rule: "blocking", real-time probes of how
// idle referees and queued users wait (spinning, sleep-polling); "story", the kata's
// example (6 users 2 s apart, verified in 4 s by 2 referees, then by 1), on one Queue
// and on two at once; "unbounded", Enqueue never waits, even with thousands of users
// queued; "schedules", generated schedules in synctest bubbles (arrivals, service
// times, referees, concurrent enqueuers, Close at any point, compared with an ideal
// first-come-first-served queue); "closing", Enqueue calls racing Close in real time,
// hundreds of times (a user accepted is verified before Close returns); "misuse", New panics for referees < 1 and ErrClosed
// is the kata's error.
//
// errClosed is the kata's ErrClosed.
func Check[Q Queue[U], U User](t *testing.T, newQueue func(referees int, verify func(referee int, u U)) Q, errClosed error) {
	t.Helper()
	pkg := harness.PackageOf(newQueue)
	w := harness.StartWatchdog(t, pkg)
	mk := func(referees int, verify func(referee, user int)) queue {
		return adapter[Q, U]{newQueue(referees, func(referee int, u U) { verify(referee, struct{ ID int }(u).ID) })}
	}
	judge := func(t *testing.T, plans []plan, context string) string {
		t.Helper()
		return judge(t, pkg, w, mk, errClosed, plans, context)
	}

	harness.Rules(t,
		harness.Rule{Name: "blocking", Check: func(t *testing.T) { w.Record(nil); probe(t, pkg, w, mk) }},
		harness.Rule{Name: "story", Check: func(t *testing.T) {
			for _, run := range []struct {
				what, rule string
				plans      []plan
			}{
				{"2 referees", "", []plan{story(2, 1)}},
				{"1 referee", "", []plan{story(1, 1)}},
				{"2 referees and 1 referee, on two Queues at once (users 1-6 and 7-12)",
					"separate Queues must not share state (each passed the story on its own): ",
					[]plan{story(2, 1), story(1, 7)}},
			} {
				w.Notef("story: 6 users 2s apart, verify takes 4s, %s", run.what)
				if msg := judge(t, run.plans, "story: 6 users 2s apart, verify takes 4s, "+run.what+"; schedule: "+describe(run.plans)); msg != "" {
					t.Fatal(harness.Draw(run.rule + msg))
				}
			}
		}},
		harness.Rule{Name: "unbounded", Check: func(t *testing.T) {
			const hold = time.Hour
			what := fmt.Sprintf("2 referees verify users 1 and 2 for %v; meanwhile one goroutine enqueues users 3..%d at the same instant, then calls Close", hold, Burst+2)
			w.Notef("%s", what)
			if msg := judge(t, []plan{burst(2, Burst, hold)}, "schedule: "+what); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				plans := drawPlans(rt)
				s := describe(plans)
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				if msg := judge(t, plans, "schedule: "+s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "closing", Check: func(t *testing.T) { w.Record(nil); closing(t, pkg, w, mk, errClosed) }},
		harness.Rule{Name: "misuse", Check: func(t *testing.T) { w.Record(nil); misuse(t, mk, errClosed) }},
	)
}

// judge plays plans in a bubble and returns the first rule they broke, followed by
// context, with the run's timeline attached; "" when no rule broke.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newQueue newQueueFunc, errClosed error, plans []plan, context string) string {
	t.Helper()
	r, stuck := play(t, pkg, w, newQueue, plans, errClosed)
	msg := r.msg
	if stuck != nil || !r.settled || r.seq.Load() != r.judged {
		// A deadlock or a leak shows once the bubble has ended, as does what the
		// learner's goroutines did after the run.
		var b blame
		msg, b = r.verdict(stuck, errClosed)
		if b != r.culprit && b.lane != "" {
			b.broke(r.tl)
		}
	}
	if msg == "" {
		return ""
	}
	return r.tl.Attach(msg + "\n  " + context)
}

// adapter turns the learner's Queue into a queue of user IDs.
type adapter[Q Queue[U], U User] struct{ q Q }

func (a adapter[Q, U]) Enqueue(user int) error { return a.q.Enqueue(U{ID: user}) }
func (a adapter[Q, U]) Close()                 { a.q.Close() }

// misuse checks that New rejects referees < 1 with a panic that names the package, and
// that ErrClosed is the kata's error.
func misuse(t *testing.T, newQueue newQueueFunc, errClosed error) {
	t.Helper()
	const prefix = "refereequeue: "
	for _, n := range []int{0, -1} {
		var r any
		func() {
			defer func() { r = recover() }()
			newQueue(n, func(int, int) {})
		}()
		if kata, ok := harness.NotImplemented(r); ok {
			t.Fatal(harness.StubVerdict(kata))
		}
		if r == nil {
			t.Fatalf("New(%d, verify) returned; it must panic with a message that starts with %q when referees < 1", n, prefix)
		}
		msg := fmt.Sprint(r)
		if err, ok := r.(error); ok {
			msg = err.Error()
		}
		if !strings.HasPrefix(msg, prefix) {
			t.Fatalf("New(%d, verify) panicked with %q; the message must start with %q", n, msg, prefix)
		}
	}
	if errClosed == nil || errClosed.Error() != "refereequeue: closed" {
		t.Fatalf("ErrClosed is %v; want errors.New(\"refereequeue: closed\")", errClosed)
	}
}
