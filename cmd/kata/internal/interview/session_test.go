package interview

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A fakeClock moves only when the test advances it.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	c  chan time.Time
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) After(d time.Duration) <-chan time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := make(chan time.Time, 1)
	if d <= 0 {
		c <- f.now
	} else {
		f.waiters = append(f.waiters, waiter{f.now.Add(d), c})
	}
	return c
}

// advance moves the clock on by d, once the session waits for both its timers (the end
// of the time allowed and the next second of its clock), and fires the timers due.
func (f *fakeClock) advance(t *testing.T, d time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		f.mu.Lock()
		if len(f.waiters) >= 2 {
			break
		}
		f.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatal("the session does not wait for its timers")
		}
	}
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	kept := f.waiters[:0]
	for _, w := range f.waiters {
		if w.at.After(f.now) {
			kept = append(kept, w)
		} else {
			w.c <- f.now
		}
	}
	f.waiters = kept
}

// A judgeRun is one call of the fake judge: the test gives its verdict.
type judgeRun struct {
	ctx     context.Context
	verdict chan Verdict
}

// harness runs a session with a fake clock and a fake judge.
type harness struct {
	clock  *fakeClock
	saves  chan struct{}
	runs   chan judgeRun
	mu     sync.Mutex
	events []Event
	shown  chan Event // each event shown but ticks, as it is
	done   chan struct{}
	card   Scorecard
	err    error
}

func start(t *testing.T, ctx context.Context, limit time.Duration) *harness {
	h := &harness{
		clock: &fakeClock{now: time.Date(2026, 3, 14, 15, 0, 0, 0, time.UTC)},
		saves: make(chan struct{}),
		runs:  make(chan judgeRun),
		shown: make(chan Event, 100),
		done:  make(chan struct{}),
	}
	s := &Session{Limit: limit, Saves: h.saves, Clock: h.clock,
		Judge: func(ctx context.Context) (Verdict, bool) {
			r := judgeRun{ctx: ctx, verdict: make(chan Verdict)}
			h.runs <- r
			select {
			case v := <-r.verdict:
				return v, true
			case <-ctx.Done():
				return Verdict{}, false
			}
		},
		Show: func(ev Event) {
			h.mu.Lock()
			defer h.mu.Unlock()
			if ev.Kind != Tick {
				h.events = append(h.events, ev)
				h.shown <- ev
			}
		},
	}
	go func() {
		defer close(h.done)
		h.card, h.err = s.Run(ctx)
	}()
	t.Cleanup(func() { <-h.done })
	return h
}

// save saves the learner's files and returns the judge run it starts.
func (h *harness) save(t *testing.T) judgeRun {
	t.Helper()
	h.saves <- struct{}{}
	select {
	case r := <-h.runs:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("the save was not judged")
		return judgeRun{}
	}
}

// give gives the verdict of a judge run and waits until it is shown.
func (h *harness) give(t *testing.T, r judgeRun, v Verdict) Event {
	t.Helper()
	r.verdict <- v
	return h.next(t, Judged)
}

// next waits for the next event of kind k to be shown, passing the others.
func (h *harness) next(t *testing.T, k Kind) Event {
	t.Helper()
	for {
		select {
		case ev := <-h.shown:
			if ev.Kind == k {
				return ev
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no event of kind %d was shown", k)
			return Event{}
		}
	}
}

func (h *harness) wait(t *testing.T) {
	t.Helper()
	select {
	case <-h.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the interview did not end")
	}
}

func (h *harness) verdicts() []Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	var js []Event
	for _, ev := range h.events {
		if ev.Kind == Judged {
			js = append(js, ev)
		}
	}
	return js
}

var (
	fail = Verdict{Headline: `FAIL latch: rule "schedules" broke`, Message: "Wait returned early", Broken: "schedules"}
	pass = Verdict{Pass: true, Headline: "PASS latch: 5 rules hold"}
)

// TestSessionPass: a failing save, then a passing one; the time to pass is the time of
// the passing save.
func TestSessionPass(t *testing.T) {
	h := start(t, context.Background(), 45*time.Minute)
	r := h.save(t)
	h.clock.advance(t, 3*time.Minute) // the judge takes time
	h.give(t, r, fail)
	h.clock.advance(t, 2*time.Minute)
	r = h.save(t)
	h.clock.advance(t, time.Minute)
	h.give(t, r, pass)
	h.wait(t)

	require.NoError(t, h.err)
	assert.True(t, h.card.Passed)
	assert.Equal(t, 5*time.Minute, h.card.Time())
	assert.Equal(t, 2, h.card.Attempts)
	assert.Equal(t, []string{"schedules"}, h.card.Broken)
	assert.Equal(t, 45.0, h.card.Minutes)
	js := h.verdicts()
	require.Len(t, js, 2)
	assert.Equal(t, 3*time.Minute, js[0].Elapsed)
	assert.Equal(t, 42*time.Minute, js[0].Left)
	assert.Equal(t, fail, js[0].Verdict)
	assert.Equal(t, 6*time.Minute, js[1].Elapsed)
}

// TestSessionTimeUp: time runs out with no pass; the scorecard says so.
func TestSessionTimeUp(t *testing.T) {
	h := start(t, context.Background(), 30*time.Minute)
	r := h.save(t)
	h.give(t, r, fail)
	h.clock.advance(t, 10*time.Minute)
	r = h.save(t)
	h.give(t, r, Verdict{Headline: "ERROR latch: does not compile", Broken: "does not compile"})
	// The clock jumps over two marks at once: both are said, in order.
	h.clock.advance(t, 16*time.Minute)
	assert.Equal(t, "half time", h.next(t, Mark).Note)
	assert.Equal(t, "5 minutes left", h.next(t, Mark).Note)
	h.clock.advance(t, 3*time.Minute+30*time.Second)
	ev := h.next(t, Mark)
	assert.Equal(t, "1 minute left", ev.Note)
	assert.Equal(t, 30*time.Second, ev.Left)
	h.clock.advance(t, 30*time.Second)
	h.next(t, TimeUp)
	h.wait(t)

	require.NoError(t, h.err)
	assert.False(t, h.card.Passed)
	assert.Equal(t, 30*time.Minute, h.card.Time())
	assert.Equal(t, 2, h.card.Attempts)
	assert.Equal(t, []string{"schedules", "does not compile"}, h.card.Broken)
}

// TestSessionLastSave: a save made before the time is up is judged to its verdict, which
// counts; the time to pass is that of the save.
func TestSessionLastSave(t *testing.T) {
	h := start(t, context.Background(), 10*time.Minute)
	h.give(t, h.save(t), fail) // the session has started
	h.clock.advance(t, 9*time.Minute)
	r := h.save(t)
	h.clock.advance(t, 2*time.Minute) // time is up while the judge runs
	require.NoError(t, r.ctx.Err(), "the run of a save made in time was cancelled")
	h.give(t, r, pass)
	h.wait(t)
	require.NoError(t, h.err)
	assert.True(t, h.card.Passed)
	assert.Equal(t, 9*time.Minute, h.card.Time())
}

// TestSessionRestart: a save while the judge runs cancels that run, which is no attempt.
func TestSessionRestart(t *testing.T) {
	h := start(t, context.Background(), 45*time.Minute)
	r1 := h.save(t)
	r2 := h.save(t)
	require.Error(t, r1.ctx.Err(), "the run of the older save goes on")
	h.give(t, r2, pass)
	h.wait(t)
	require.NoError(t, h.err)
	assert.Equal(t, 1, h.card.Attempts)
}

// TestSessionInterrupted: Ctrl-C cancels the judge run and ends the interview without a
// scorecard.
func TestSessionInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h := start(t, ctx, 45*time.Minute)
	r := h.save(t)
	cancel()
	<-r.ctx.Done()
	h.wait(t)
	assert.ErrorIs(t, h.err, ErrInterrupted)
}

// TestSessionInterruptedTime: the card of an interrupted interview still says how long
// it ran, which kata interview prints ("interrupted after 7:00").
func TestSessionInterruptedTime(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h := start(t, ctx, 45*time.Minute)
	h.give(t, h.save(t), fail)
	h.clock.advance(t, 7*time.Minute)
	cancel()
	h.wait(t)
	require.ErrorIs(t, h.err, ErrInterrupted)
	assert.Equal(t, 7*time.Minute, h.card.Time())
}
