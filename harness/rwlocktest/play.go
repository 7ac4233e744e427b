package rwlocktest

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// SettleYields is how many times the judge yields between two steps (on one P), so that
// every goroutine runs as far as it can: a waiter let in returns, and a goroutine the
// step woke up (a writer taking an inner mutex, say) gets where it blocks.
const SettleYields = 20

// A report says that the call of a step returned (or panicked), and when, in fake time.
type report struct {
	step  int
	panic string
	at    time.Duration
}

// judge plays s and returns the first rule the learner's lock broke, or "". When a
// schedule with two locks fails, it replays each lock's part alone: if each passes
// alone (a few times), the locks share state.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newRWMutex func() RWMutex, s schedule) string {
	msg := play(t, pkg, w, newRWMutex, s)
	if msg == "" || s.Locks == 1 {
		return msg
	}
	for l := range s.Locks {
		for range 5 { // a bug can depend on timing: each part gets a few tries alone
			if alone := play(t, pkg, w, newRWMutex, s.only(l)); alone != "" {
				return alone
			}
		}
	}
	return fmt.Sprintf("separate RWMutexes must not share state: with %d RWMutexes in use at once (each one alone passes), %s", s.Locks, msg)
}

// play runs s step by step in a synctest bubble. Each RLock and Lock is made by a
// goroutine of its own, which then waits for the judge to tell it to unlock (or leaves
// the unlock to another goroutine). After each step the judge waits, on a channel, for
// the calls the step must let return, then yields until every goroutine has run as far
// as it can, and checks that no other call returned.
//
// The judge never waits for fake time to pass, so a correct lock may keep a goroutine
// waiting in sync.Mutex.Lock (not durably blocked in a bubble) for as long as it likes.
// Fake time passes only when every goroutine is durably blocked and a call the model
// expects has not returned (then the judge's own timer ends the wait), or when the
// learner's code sleeps: every call must return at the instant the schedule began.
//
// The verdict carries the run's timeline, which only the judge's goroutine records (see
// drive).
func play(t *testing.T, pkg string, w *harness.Watchdog, newRWMutex func() RWMutex, s schedule) (verdict string) {
	names := s.names()
	var msg string
	var tl *timeline.Timeline
	defer w.Record(nil)
	stuck := harness.Bubble(t, pkg, func() {
		tl = timeline.New()
		w.Record(tl)
		s.lanes(tl, names)
		msg = drive(pkg, w, newRWMutex, s, names, tl)
	})
	if stuck != nil && msg == "" {
		tlmark.Stuck(tl, stuck)
	}
	switch {
	case msg != "":
		return tl.Attach(msg)
	case stuck != nil && stuck.Leak:
		return tl.Attach(fmt.Sprintf("goroutine leak: every call returned and every lock was released, but goroutines of yours were left blocked; an RWMutex starts no goroutine of its own (nothing would ever stop it)\n  schedule:%s\n  your goroutines:\n%s", s, stuck.Goroutines))
	case stuck != nil:
		return tl.Attach(fmt.Sprintf("deadlock: every goroutine is blocked\n  schedule:%s\n  your goroutines:\n%s", s, stuck.Goroutines))
	}
	return ""
}

// The longest the judge waits, in fake time, for the calls a step must let return. It
// ends only when every goroutine is durably blocked (a lock that never lets the call in).
const patience = time.Hour

// drive plays the steps of s and returns the first rule broken, or "". It records the
// calls in tl from the judge's goroutine alone, each from the step that makes it to the
// report of its return, so that the learner's goroutines share nothing more of the
// judge's than the reports channel.
func drive(pkg string, w *harness.Watchdog, newRWMutex func() RWMutex, s schedule, names []string, tl *timeline.Timeline) string {
	spans := make([]*timeline.Span, len(s.Calls))
	lanes := make([]string, len(s.Calls))
	broke := func(step int, msg string) string {
		tl.Broke(lanes[step], timeline.Rule(msg))
		return msg
	}
	locks := make([]RWMutex, s.Locks)
	for l := range locks {
		sp := tl.Begin(tlmark.Judge, timeline.Call, "New()")
		if msg := harness.Call(pkg, "New", func() { locks[l] = newRWMutex() }); msg != "" {
			sp.End("panicked")
			tl.Broke(tlmark.Judge, timeline.Rule(msg))
			return msg
		}
		sp.End("")
	}
	t0 := time.Now()
	reports := make(chan report, len(s.Calls))
	unlockBy := make([]chan int, len(s.Calls)) // per RLock and Lock step: the unlock step its goroutine makes
	call := func(i int, c call, rw RWMutex) {
		r := report{step: i}
		r.panic = harness.Call(pkg, c.Kind.String(), func() {
			switch c.Kind {
			case rlock:
				rw.RLock()
			case lock:
				rw.Lock()
			case runlock:
				rw.RUnlock()
			case unlock:
				rw.Unlock()
			}
		})
		r.at = time.Since(t0)
		reports <- r
	}
	defer func() {
		for _, ch := range unlockBy {
			if ch != nil {
				close(ch)
			}
		}
	}()

	m := newModel(s.Locks)
	returned := make([]int, len(s.Calls)) // per step: 1 + the step at which its call returned
	for i, c := range s.Calls {
		w.Progress()
		rw := locks[c.Lock]
		// The goroutine that locked, for an unlock made by it.
		holder := c.Of
		if c.Kind == unlock {
			holder = m.locks[c.Lock].writer
		}
		lanes[i] = s.lane(i, names, holder)
		spans[i] = tl.Begin(lanes[i], timeline.Call, s.label(i))
		e := m.apply(i, c)
		switch {
		case c.Kind == rlock || c.Kind == lock:
			ch := make(chan int, 1)
			unlockBy[i] = ch
			go func() {
				call(i, c, rw)
				if j, ok := <-ch; ok {
					call(j, s.Calls[j], rw)
				}
			}()
		case c.Other:
			close(unlockBy[holder])
			unlockBy[holder] = nil
			go call(i, c, rw)
		default:
			unlockBy[holder] <- i
			close(unlockBy[holder])
			unlockBy[holder] = nil
		}

		// The calls this step must let return, and at most one of oneOf.
		want := slices.Clone(e.returns)
		oneOf := e.oneOf
		timeout := time.After(patience)
		for len(want) > 0 || len(oneOf) > 0 {
			select {
			case r := <-reports:
				if r.panic != "" {
					spans[r.step].End("panicked")
					return broke(r.step, r.panic+"\n  at "+s.describe(r.step, names)+"\n  schedule:"+s.String())
				}
				spans[r.step].End("")
				switch {
				case slices.Contains(want, r.step):
					want = slices.DeleteFunc(want, func(x int) bool { return x == r.step })
				case slices.Contains(oneOf, r.step):
					m.admit(e.lock, r.step)
					oneOf = nil
				default:
					return broke(r.step, unexpected(s, names, m, i, r.step))
				}
				returned[r.step] = i + 1
				if r.at != 0 {
					return broke(r.step, late(s, names, i, r))
				}
			case <-timeout:
				waiting := append(slices.Clone(want), oneOf...)
				return broke(waiting[0], missing(s, names, m, i, e, want, oneOf))
			}
		}
		settle()
		select {
		case r := <-reports:
			if r.panic != "" {
				spans[r.step].End("panicked")
				return broke(r.step, r.panic+"\n  at "+s.describe(r.step, names)+"\n  schedule:"+s.String())
			}
			spans[r.step].End("")
			return broke(r.step, unexpected(s, names, m, i, r.step))
		default:
		}
	}
	return ""
}

// settle yields until every goroutine of the bubble has run as far as it can. The
// schedules rule runs on one P: a goroutine made runnable by a step runs before the
// judge's goroutine comes back from runtime.Gosched.
func settle() {
	for range SettleYields {
		runtime.Gosched()
	}
}
