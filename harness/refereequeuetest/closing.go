package refereequeuetest

import (
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// The closing rule runs up to ClosingTrials trials, at least ClosingMinTrials, and starts
// no new one once ClosingBudget (real time) has passed. In each, ClosingEnqueuers
// goroutines call Enqueue while another calls Close.
const (
	ClosingTrials    = 10000
	ClosingMinTrials = 400
	ClosingEnqueuers = 4
	ClosingBudget    = 500 * time.Millisecond
)

// LateGrace is how long, in real time, the closing rule waits after Close returned for
// the verification of a user Enqueue accepted before it calls the user never verified.
const LateGrace = 100 * time.Millisecond

// closing checks, in real time, Enqueue calls racing the first Close: ClosingEnqueuers
// goroutines and a goroutine that calls Close are let go together on a Queue whose
// referees are idle, with the judge's yield points on (when the learner's code has them)
// at a share of points that changes from trial to trial. Each Enqueue may go either way,
// but a user it accepted must have been verified, once, by the time Close returns, and a
// user it refused never. An Enqueue that looks at "closed" in one critical section and
// adds the user in the next lets Close, and the referees' exit, slip in between; the
// schedules rule finds that too, but only on the rare schedules that put Close at the
// instant of an Enqueue from another goroutine with a yield in that window.
func closing(t *testing.T, pkg string, w *harness.Watchdog, newQueue newQueueFunc, errClosed error) {
	t.Helper()
	begin := time.Now()
	for i := 0; i < ClosingTrials && (i < ClosingMinTrials || time.Since(begin) < ClosingBudget); i++ {
		referees := 1 + i%2
		what := fmt.Sprintf("%d referee%s; %d goroutines call Enqueue (users 1 to %d) while another calls Close, all let go at once (real time, trial %d)",
			referees, plural(referees), ClosingEnqueuers, ClosingEnqueuers, i+1)
		w.Notef("closing: %s", what)
		if msg := closingTrial(t, pkg, w, newQueue, errClosed, referees, i); msg != "" {
			t.Fatalf("%s\n  schedule: %s", msg, what)
		}
	}
}

// closingTrial plays trial i of the closing rule and returns its verdict, "" when it
// passed.
func closingTrial(t *testing.T, pkg string, w *harness.Watchdog, newQueue newQueueFunc, errClosed error, referees, i int) string {
	t.Helper()
	defer harness.YieldAt(10+i%50, uint64(i))()
	var mu sync.Mutex
	verified := map[int]int{} // by user: how many times verify was called
	var q queue
	if msg := harness.Call(pkg, "New", func() {
		q = newQueue(referees, func(_, user int) {
			mu.Lock()
			defer mu.Unlock()
			verified[user]++
		})
	}); msg != "" {
		return msg
	}

	gate := make(chan struct{})
	errs := make([]error, ClosingEnqueuers)
	msgs := make([]string, ClosingEnqueuers+1)          // the calls' panics; Close's is last
	returned := make([]atomic.Bool, ClosingEnqueuers+1) // Close's is last
	var atClose map[int]int                             // verified, when Close returned
	var wg sync.WaitGroup
	for k := range ClosingEnqueuers {
		wg.Go(func() {
			<-gate
			msgs[k] = harness.Call(pkg, fmt.Sprintf("Enqueue(User{ID: %d})", k+1), func() { errs[k] = q.Enqueue(k + 1) })
			returned[k].Store(true)
		})
	}
	wg.Go(func() {
		<-gate
		msgs[ClosingEnqueuers] = harness.Call(pkg, "Close", q.Close)
		mu.Lock()
		atClose = maps.Clone(verified)
		mu.Unlock()
		returned[ClosingEnqueuers].Store(true)
	})
	done := harness.Joined(&wg)
	close(gate)
	select {
	case <-done:
	case <-time.After(harness.Deadline):
		var hung []string
		for k := range ClosingEnqueuers {
			if !returned[k].Load() {
				hung = append(hung, fmt.Sprintf("Enqueue(User{ID: %d})", k+1))
			}
		}
		hint := "; Enqueue must never wait"
		if !returned[ClosingEnqueuers].Load() {
			hung = append(hung, "Close (called at once with the Enqueue calls)")
			hint = "; Close must wake every idle referee and return once every accepted user has been verified"
		}
		return fmt.Sprintf("deadlock: %s never returned (waited %v in real time)%s\n  your goroutines:\n%s",
			strings.Join(hung, ", "), harness.Deadline, hint, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
	}
	w.Progress()
	for _, msg := range msgs {
		if msg != "" {
			return msg
		}
	}

	for k, err := range errs {
		user := k + 1
		if err == nil && atClose[user] == 0 {
			// Close returned first: was the user verified late, or never?
			for wait := time.Now(); count(&mu, verified, user) == 0 && time.Since(wait) < LateGrace; {
				time.Sleep(time.Millisecond)
			}
		}
		n := count(&mu, verified, user)
		switch {
		case err != nil && !errors.Is(err, errClosed):
			return fmt.Sprintf("wrong result: Enqueue(User{ID: %d}) returned %v, concurrently with Close; want nil or ErrClosed", user, err)
		case err != nil && n > 0:
			return fmt.Sprintf("user %d was verified, although Enqueue returned ErrClosed: a refused user is never verified", user)
		case err != nil:
		case n == 0:
			return fmt.Sprintf("user %d was never verified, although Enqueue accepted it, concurrently with Close (waited %v after Close returned): an Enqueue concurrent with Close must either accept the user (and Close then waits until it has been verified) or return ErrClosed; an Enqueue that checks closed in one critical section and adds the user in another lets Close and the referees' exit slip in between", user, LateGrace)
		case atClose[user] == 0:
			return fmt.Sprintf("late: user %d was verified after Close returned, although Enqueue accepted it: Close must wait until every user Enqueue accepted has been verified", user)
		case n > 1:
			return fmt.Sprintf("user %d verified %d times: each accepted user is verified once", user, n)
		}
	}
	return ""
}

// count returns how many times user was verified.
func count(mu *sync.Mutex, verified map[int]int, user int) int {
	mu.Lock()
	defer mu.Unlock()
	return verified[user]
}
