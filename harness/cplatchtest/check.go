// Package cplatchtest checks implementations of the cplatch kata on a simulated Raft cluster.
package cplatchtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/cp"
	"github.com/gokata/workbook/harness/raftsim"
)

// StateMachine is Part A of the kata: one member's copy of the latch.
type StateMachine interface {
	Apply(index uint64, cmd cp.Command) []cp.Result
	Expired(now time.Time) []cp.InvocationID
}

// Latch is Part B of the kata: the client.
type Latch interface {
	Await(ctx context.Context, timeout time.Duration) (bool, error)
	CountDown(ctx context.Context) error
	GetCount(ctx context.Context) (int, error)
	TrySetCount(ctx context.Context, count int) (bool, error)
}

const (
	// Logs is how many generated logs the statemachine rule applies.
	Logs = 300
	// Runs is how many fault plans the faults rule plays, each with Calls calls.
	Runs  = 20
	Calls = 300
)

// Check judges newStateMachine and newLatch, rule by rule: "statemachine", Part A alone:
// generated logs of commands, retries and Expires, applied by the judge's state machine
// and by three of yours at different instants, answers compared; "client", Part B on a
// healthy cluster with a fixed script; "faults", fault plans drawn by rapid (crashes,
// partitions, lost, duplicated and late messages, lost replies) with up to eight client
// goroutines: every call completes once the cluster heals, an Await that says false
// waited its timeout, the members agree, each applied what the judge's state machine
// would, and the history is linearizable (porcupine). Before the faults, "stress": four
// goroutines share a Latch in real time on a cluster that shares no memory, so that the
// race detector sees the client's own synchronization.
func Check[M StateMachine, L Latch](t *testing.T, newStateMachine func() M, newLatch func(c cp.Cluster, session uint64) L) {
	t.Helper()
	pkg := harness.PackageOf(newStateMachine)
	w := harness.StartWatchdog(t, pkg)
	newSM := func() StateMachine { return newStateMachine() }
	mkLatch := func(c cp.Cluster, session uint64) Latch { return newLatch(c, session) }
	harness.Rules(t,
		harness.Rule{Name: "statemachine", Check: func(t *testing.T) {
			if msg := harness.Call(pkg, "NewStateMachine", func() { newSM() }); msg != "" {
				t.Fatal(msg)
			}
			harness.Check(t, Logs, func(rt *rapid.T) {
				steps := drawLog(rt)
				w.Notef("Part A: a log of %d steps", len(steps))
				if msg := judgeMachine(t, pkg, newSM, steps); msg != "" {
					rt.Fatal(msg)
				}
				w.Progress()
			})
		}},
		harness.Rule{Name: "client", Check: func(t *testing.T) {
			w.Notef("Part B: one client on a healthy cluster")
			if msg := script(t, pkg, w, newSM, mkLatch); msg != "" {
				t.Fatal(harness.Draw(msg))
			}
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mkLatch) }},
		harness.Rule{Name: "faults", Check: func(t *testing.T) {
			harness.Check(t, Runs, func(rt *rapid.T) {
				r := drawRun(rt, Calls)
				w.Notef("Part B: %s", r)
				if msg := judgeRun(t, pkg, w, newSM, mkLatch, r); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
	)
}

// script runs one client through every method on a cluster without faults and checks
// each answer. The verdict carries the timeline of the run.
func script(t *testing.T, pkg string, w *harness.Watchdog, newSM func() StateMachine, newLatch func(cp.Cluster, uint64) Latch) (verdict string) {
	healthy := raftsim.Plan{Members: 3, Seed: 1, MaxDelay: 1}
	type step struct {
		call call
		want string
	}
	steps := []step{
		{call{Op: cp.GetCount}, "0"},
		{call{Op: cp.Await, Timeout: 50 * time.Millisecond}, "true"}, // zero now
		{call{Op: cp.TrySetCount, Count: 2}, "true"},
		{call{Op: cp.TrySetCount, Count: 5}, "false"}, // a round is running
		{call{Op: cp.GetCount}, "2"},
		{call{Op: cp.CountDown}, "ok"},
		{call{Op: cp.Await, Timeout: 100 * time.Millisecond}, "false"}, // count 1: times out
		{call{Op: cp.Await, Timeout: 0}, "false"},
		{call{Op: cp.CountDown}, "ok"},
		{call{Op: cp.CountDown}, "ok"}, // at zero: nothing
		{call{Op: cp.GetCount}, "0"},
		{call{Op: cp.Await, Timeout: 0}, "true"},
		{call{Op: cp.TrySetCount, Count: 0}, "false"},
	}
	r := run{Plan: healthy, Latches: 1, Clients: []client{{}}}
	for _, s := range steps {
		r.Clients[0].Calls = append(r.Clients[0].Calls, s.call)
	}
	r.Plan.HealAt = 0
	history, sim, msg, brk := play(t, pkg, w, newSM, newLatch, r)
	defer func() {
		if verdict != "" {
			verdict = picture(history, r, brk).Attach(verdict)
		}
	}()
	if msg != "" {
		return msg
	}
	for i, e := range history {
		got := ""
		switch {
		case e.TooLong:
			brk = at(e, e.End, "did not complete")
			return fmt.Sprintf("call did not complete: %s was still running %v after it was called on a healthy cluster; every call must complete (an Await by its timeout)\n  one client, no faults; the calls so far:\n%s", e, settle, showHistory(history[:i+1]))
		case e.Err != nil:
			brk = at(e, e.End, "unexpected error")
			return fmt.Sprintf("unexpected error: %s; a call retries (through the leader a member names, or the next member) until it has an answer or its ctx ends\n  one client, no faults; the calls so far:\n%s", e, showHistory(history[:i+1]))
		case e.Err != nil:
			got = fmt.Sprintf("error %q", e.Err)
		case e.Call.Op == cp.Await || e.Call.Op == cp.TrySetCount:
			got = fmt.Sprint(e.OK)
		case e.Call.Op == cp.GetCount:
			got = fmt.Sprint(e.Count)
		default:
			got = "ok"
		}
		if got != steps[i].want {
			brk = at(e, e.End, "want "+steps[i].want)
			return fmt.Sprintf("%s returned %s, want %s\n  one client, no faults; the calls so far:\n%s", e.Call, got, steps[i].want, showHistory(history[:i+1]))
		}
		if e.Call.Op == cp.Await && !e.OK && e.End-e.Start < e.Call.Timeout {
			brk = at(e, e.End, "early")
			return fmt.Sprintf("early: %s returned false after %v, before its timeout", e.Call, e.End-e.Start)
		}
	}
	if msg := sim.Agree(); msg != "" {
		brk = atEnd("members diverge")
		return "members diverge: " + msg
	}
	brk = atEnd("wrong answer of Apply")
	return replay(sim)
}

func showHistory(h []event) string {
	s := ""
	for _, e := range h {
		s += "    " + e.String() + "\n"
	}
	return s
}
