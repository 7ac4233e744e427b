package cplatchtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/cryptotest"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/cp"
	"github.com/gokata/workbook/harness/raftsim"
)

// A run is one fault plan and the calls that clients make during it.
type run struct {
	Plan    raftsim.Plan
	Latches int // Latches (client sessions) in use
	Clients []client
}

type client struct {
	Latch int // which Latch the client's goroutine calls
	Calls []call
}

type call struct {
	Op          cp.Op
	Count       int           // TrySetCount
	Timeout     time.Duration // Await
	Pause       time.Duration // before the call
	CancelAfter time.Duration // if > 0, the call's ctx ends this long after the call
}

func (c call) String() string {
	var s string
	switch c.Op {
	case cp.Await:
		s = fmt.Sprintf("Await(%v)", c.Timeout)
	case cp.TrySetCount:
		s = fmt.Sprintf("TrySetCount(%d)", c.Count)
	default:
		s = c.Op.String() + "()"
	}
	if c.CancelAfter > 0 {
		s += fmt.Sprintf(" with ctx canceled after %v", c.CancelAfter)
	}
	return s
}

func (r run) String() string {
	n := 0
	for _, c := range r.Clients {
		n += len(c.Calls)
	}
	return fmt.Sprintf("%s; %d Latches, %d client goroutines, %d calls", r.Plan, r.Latches, len(r.Clients), n)
}

// settle is how long after the cluster heals every call must have returned.
const settle = 3 * time.Second

// drawRun draws a fault plan and a workload of about calls calls.
func drawRun(rt *rapid.T, calls int) run {
	members := rapid.SampledFrom([]int{3, 3, 5}).Draw(rt, "members")
	p := raftsim.Plan{
		Members:   members,
		Seed:      rapid.Uint64().Draw(rt, "seed"),
		Drop:      float64(rapid.IntRange(0, 10).Draw(rt, "drop %")) / 100,
		Duplicate: float64(rapid.IntRange(0, 10).Draw(rt, "duplicate %")) / 100,
		MaxDelay:  rapid.IntRange(1, 4).Draw(rt, "max delay ticks"),
		LoseReply: float64(rapid.IntRange(0, 25).Draw(rt, "lost replies %")) / 100,
		HealAt:    rapid.IntRange(100, 250).Draw(rt, "heal at tick"),
	}
	tick := 20
	for i := range rapid.IntRange(0, 5).Draw(rt, "faults") {
		tick += rapid.IntRange(5, 60).Draw(rt, fmt.Sprintf("fault %d after ticks", i+1))
		e := raftsim.Event{Tick: tick}
		switch rapid.IntRange(0, 5).Draw(rt, fmt.Sprintf("fault %d kind", i+1)) {
		case 0:
			e.Kind, e.Leader = raftsim.Crash, true
		case 1:
			e.Kind, e.Member = raftsim.Crash, rapid.IntRange(0, members-1).Draw(rt, fmt.Sprintf("fault %d member", i+1))
		case 2:
			e.Kind, e.Member = raftsim.Restart, rapid.IntRange(0, members-1).Draw(rt, fmt.Sprintf("fault %d member", i+1))
		case 3:
			e.Kind, e.Leader = raftsim.Partition, true
		case 4:
			e.Kind = raftsim.Partition
			e.Minority = []int{rapid.IntRange(0, members-1).Draw(rt, fmt.Sprintf("fault %d member", i+1))}
			if members == 5 {
				e.Minority = append(e.Minority, (e.Minority[0]+1)%members)
			}
		case 5:
			e.Kind = raftsim.Heal
		}
		p.Events = append(p.Events, e)
	}
	r := run{Plan: p, Latches: rapid.IntRange(1, 3).Draw(rt, "latches")}
	unit := raftsim.ReplySpacing
	clients := rapid.IntRange(3, 8).Draw(rt, "clients")
	for c := range clients {
		cl := client{Latch: c % r.Latches}
		for i := range calls / clients {
			label := fmt.Sprintf("client %d call %d", c+1, i+1)
			k := call{Pause: unit * time.Duration(rapid.IntRange(0, 1_250_000).Draw(rt, label+" pause/16ns"))}
			switch rapid.IntRange(0, 9).Draw(rt, label+" op") {
			case 0, 1, 2:
				k.Op = cp.CountDown
			case 3, 4:
				k.Op = cp.TrySetCount
				k.Count = rapid.IntRange(0, 4).Draw(rt, label+" count")
			case 5, 6, 7:
				k.Op = cp.Await
				k.Timeout = time.Duration(rapid.IntRange(-1, 150).Draw(rt, label+" timeout ms")) * time.Millisecond
			default:
				k.Op = cp.GetCount
			}
			if rapid.IntRange(0, 9).Draw(rt, label+" cancel") == 0 {
				k.CancelAfter = unit * time.Duration(rapid.IntRange(1, 12_500_000).Draw(rt, label+" cancel after/16ns"))
			}
			cl.Calls = append(cl.Calls, k)
		}
		r.Clients = append(r.Clients, cl)
	}
	return r
}

// An event of the history at the learner's API boundary.
type event struct {
	Client   int
	Call     call
	Start    time.Duration // since the run started
	End      time.Duration
	Returned bool
	OK       bool // Await, TrySetCount
	Count    int  // GetCount
	Err      error
	Canceled bool              // the call's own ctx ended before it returned
	TooLong  bool              // the judge ended the call's ctx: it had not completed in time
	IDs      []cp.InvocationID // the invocation ids it sent, as far as the judge could see
}

// callKey is the context key under which the judge passes the event of a call to the
// cluster, so that the cluster can note the invocation ids the call uses.
type callKey struct{}

func (e event) String() string {
	res := ""
	switch {
	case !e.Returned:
		res = "never returned"
	case e.Err != nil:
		res = fmt.Sprintf("error %q", e.Err)
	case e.Call.Op == cp.Await || e.Call.Op == cp.TrySetCount:
		res = fmt.Sprintf("%t", e.OK)
	case e.Call.Op == cp.GetCount:
		res = fmt.Sprintf("%d", e.Count)
	default:
		res = "ok"
	}
	return fmt.Sprintf("[%v - %v] client %d: %s = %s", e.Start, e.End, e.Client+1, e.Call, res)
}

// play runs r in a bubble against the learner's state machine and client, and returns the
// history and the first rule broken while running (or ""), with where it broke for the
// timeline.
func play(t *testing.T, pkg string, w *harness.Watchdog, newSM func() StateMachine, newLatch func(cp.Cluster, uint64) Latch, r run) ([]event, *raftsim.Sim, string, *broke) {
	cryptotest.SetGlobalRandom(t, r.Plan.Seed)
	w.Record(nil) // the timeline is drawn from the history after the run (see picture)
	var (
		mu      sync.Mutex
		history []event
		sim     *raftsim.Sim
		failure string
		brk     *broke
	)
	fail := func(msg, lane string) {
		mu.Lock()
		defer mu.Unlock()
		if failure == "" {
			failure = msg
			brk = &broke{lane: lane, label: "panicked", atEnd: true}
		}
	}
	stuck := harness.Bubble(t, pkg, func() {
		start := time.Now()
		newMachine := func() raftsim.StateMachine {
			var sm StateMachine
			if msg := harness.Call(pkg, "NewStateMachine", func() { sm = newSM() }); msg != "" {
				panic(msg)
			}
			return sm
		}
		sim = raftsim.New(r.Plan, newMachine)
		sim.Observe = func(ctx context.Context, cmd cp.Command) {
			if e, ok := ctx.Value(callKey{}).(*event); ok {
				mu.Lock()
				if !slices.Contains(e.IDs, cmd.ID) {
					e.IDs = append(e.IDs, cmd.ID)
				}
				mu.Unlock()
			}
		}
		latches := make([]Latch, r.Latches)
		for i := range latches {
			if msg := harness.Call(pkg, "NewLatch", func() { latches[i] = newLatch(sim, uint64(i+1)) }); msg != "" {
				fail(msg, judgeLane)
				return
			}
		}
		stop, ran := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(ran)
			sim.Run(stop)
		}()
		healed := start.Add(time.Duration(r.Plan.HealAt) * raftsim.Tick)
		done := make(chan struct{}, len(r.Clients))
		returned := make(chan struct{}, len(r.Clients))
		for c, cl := range r.Clients {
			go func() {
				defer func() { done <- struct{}{} }()
				for _, k := range cl.Calls {
					// Client c calls only at instants (c+1) mod raftsim.ReplySpacing, where
					// no other client acts and no reply arrives, so that the order of
					// everything the clients do is the same in every replay.
					at := time.Since(start) + k.Pause
					at += (time.Duration(c+1) - at%raftsim.ReplySpacing + raftsim.ReplySpacing) % raftsim.ReplySpacing
					time.Sleep(at - time.Since(start))
					// every call must complete by settle after the later of its call and
					// the healing of the cluster (an Await: plus its timeout)
					now := time.Now()
					limit := now
					if healed.After(limit) {
						limit = healed
					}
					limit = limit.Add(settle + max(0, k.Timeout))
					e := &event{Client: c, Call: k, Start: now.Sub(start)}
					judged, endJudged := context.WithDeadline(context.WithValue(context.Background(), callKey{}, e), limit)
					ctx, cancel := judged, context.CancelFunc(func() {})
					if k.CancelAfter > 0 {
						ctx, cancel = context.WithTimeout(judged, k.CancelAfter)
					}
					mu.Lock()
					i := len(history)
					history = append(history, *e)
					mu.Unlock()
					var res event // the learner's goroutine writes only this
					res.Call = k
					msg := harness.Call(pkg, k.Op.String(), func() { invoke(ctx, latches[cl.Latch], &res) })
					end := time.Since(start)
					tooLong := judged.Err() != nil
					canceled := !tooLong && ctx.Err() != nil
					cancel()
					endJudged()
					mu.Lock()
					e.End, e.Returned, e.TooLong, e.Canceled = end, msg == "", tooLong, canceled
					e.OK, e.Count, e.Err = res.OK, res.Count, res.Err
					history[i] = *e
					mu.Unlock()
					w.Progress()
					returned <- struct{}{}
					if msg != "" {
						fail(msg, clientLane(c))
						return
					}
					if e.TooLong {
						return
					}
				}
			}()
		}
		// Each call ends by its limit if the client honours ctx; a client that does not
		// is given up on once no call has returned for a while.
		quiet := settle + 2*time.Second + 150*time.Millisecond
		timer := time.NewTimer(time.Duration(r.Plan.HealAt)*raftsim.Tick + quiet)
		for finished := 0; finished < len(r.Clients); {
			select {
			case <-done:
				finished++
			case <-returned:
				timer.Reset(quiet)
				continue
			case <-timer.C:
				finished = len(r.Clients)
			}
		}
		timer.Stop()
		close(stop)
		<-ran
	})
	mu.Lock()
	defer mu.Unlock()
	if failure != "" {
		return history, sim, failure, brk
	}
	if sim != nil && sim.Failure() != "" {
		return history, sim, sim.Failure(), atEnd("the cluster failed")
	}
	if stuck != nil {
		var hung []string
		for _, e := range history {
			if !e.Returned && e.End == 0 {
				hung = append(hung, e.String())
			}
		}
		what := "goroutine leak: every call returned but goroutines of yours were left behind; a Latch must not leave goroutines running"
		brk = atEnd("goroutine leak")
		if len(hung) > 0 || !stuck.Leak {
			what = fmt.Sprintf("deadlock: calls never returned, even after their ctx ended:\n    %s", strings.Join(hung, "\n    "))
			brk = atEnd("deadlock")
		}
		return history, sim, fmt.Sprintf("%s\n  run: %s\n  your goroutines:\n%s", what, r, stuck.Goroutines), brk
	}
	return history, sim, "", nil
}

// invoke makes e's call on l and records its result in e.
func invoke(ctx context.Context, l Latch, e *event) {
	switch e.Call.Op {
	case cp.Await:
		e.OK, e.Err = l.Await(ctx, e.Call.Timeout)
	case cp.CountDown:
		e.Err = l.CountDown(ctx)
	case cp.GetCount:
		e.Count, e.Err = l.GetCount(ctx)
	case cp.TrySetCount:
		e.OK, e.Err = l.TrySetCount(ctx, e.Call.Count)
	}
}

// judgeRun plays r and checks its history: every call returns in time with no error but
// its ctx's, an Await that says false waited its timeout, the members agree, each member's
// state machine answered as the judge's on the log it applied, and the history is
// linearizable.
//
// The verdict carries the timeline of the run.
func judgeRun(t *testing.T, pkg string, w *harness.Watchdog, newSM func() StateMachine, newLatch func(cp.Cluster, uint64) Latch, r run) (verdict string) {
	history, sim, msg, brk := play(t, pkg, w, newSM, newLatch, r)
	defer func() {
		if verdict != "" {
			verdict = picture(history, r, brk).Attach(verdict)
		}
	}()
	if msg != "" {
		return msg
	}
	if testing.Verbose() {
		t.Logf("%+v", sim.Stats())
	}
	healed := time.Duration(r.Plan.HealAt) * raftsim.Tick
	for _, e := range history {
		switch {
		case e.TooLong:
			brk = at(e, e.End, "did not complete")
			return fmt.Sprintf("call did not complete: %s was still running %v after the later of its call and the healing of the cluster at %v; once the cluster is whole every call must complete (an Await by its timeout)\n  run: %s", e, settle, healed, r)
		case e.Err != nil && e.Canceled && errors.Is(e.Err, context.DeadlineExceeded):
			// its own ctx ended: fine, whatever the outcome
		case e.Err != nil:
			brk = at(e, e.End, "unexpected error")
			return fmt.Sprintf("unexpected error: %s; a call retries (with the same invocation id) until it has an answer or its ctx ends, and returns only ctx's error\n  run: %s", e, r)
		case e.Call.Op == cp.Await && !e.OK && e.Call.Timeout > 0 && e.End-e.Start < e.Call.Timeout:
			brk = at(e, e.End, "early")
			return fmt.Sprintf("early: %s returned false after %v, before its timeout of %v\n  run: %s", e, e.End-e.Start, e.Call.Timeout, r)
		}
	}
	if msg := sim.Agree(); msg != "" {
		brk = atEnd("members diverge")
		return fmt.Sprintf("members diverge: %s; Apply must be deterministic: no clock, no randomness, no map order in its results\n  run: %s", msg, r)
	}
	if msg := replay(sim); msg != "" {
		brk = atEnd("wrong answer of Apply")
		return fmt.Sprintf("%s\n  run: %s", msg, r)
	}
	applied, entries := appliedOf(sim.Logs())
	if msg, e := once(history, entries, r); msg != "" {
		brk = at(e, e.Start, "applied twice")
		return msg
	}
	msg, brk = linearizable(history, applied, r, w)
	return msg
}

// replay feeds the log each member applied to the judge's state machine and compares the
// answers.
func replay(sim *raftsim.Sim) string {
	for i, log := range sim.Logs() {
		m := newMachine()
		ops := map[cp.InvocationID]cp.Op{}
		for _, a := range log {
			if a.Cmd.Op == 0 {
				continue
			}
			if a.Cmd.Op != cp.Expire {
				ops[a.Cmd.ID] = a.Cmd.Op
			}
			before := m.state()
			want := answerOf(ops, m.apply(a.Cmd))
			if got := answerOf(ops, a.Results); !equal(got, want) {
				return fmt.Sprintf("Apply on member %d at entry %d (%s) returned %s, want %s: the state before it was %s", i, a.Index, describe(a.Cmd), got, want, before)
			}
		}
	}
	return ""
}

func equal(a, b answer) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
