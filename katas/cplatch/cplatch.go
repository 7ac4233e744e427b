// Package cplatch is the CP latch kata: a CountDownLatch replicated with Raft, whose
// every call takes effect exactly once although clients retry through crashes and
// partitions.
package cplatch

import (
	"context"
	"time"

	"github.com/gokata/workbook/harness/cp"
)

// Part A: the replicated state machine.

// StateMachine is one member's copy of the latch. The cluster gives every member the same
// commands in the same order (the committed Raft log), and each member's StateMachine
// applies them; a member that restarts gets a fresh StateMachine and the log again from
// its first entry.
//
// Apply must therefore be deterministic: its results may depend only on the commands
// applied so far, never on the clock, random numbers or the order of a map. It is called
// by one goroutine at a time and must return at once (never block).
//
// The latch starts with count 0 and no round running. Every invocation (a cp.InvocationID)
// is answered exactly once with a cp.Result carrying its id: OK for Await and
// TrySetCount, Count for GetCount; other fields are not looked at.
type StateMachine struct {
	// Add the fields you need.
}

// NewStateMachine returns a state machine with count 0.
func NewStateMachine() *StateMachine {
	panic("cplatch: not implemented")
}

// Apply applies the command of log entry index and returns the results of the
// invocations it completes, in any order:
//
//   - Await: true at once if the count is 0; otherwise nothing yet: the await waits, and
//     is completed with true by the CountDown that brings the count to 0, or with false by
//     an Expire of its id.
//   - CountDown: takes one off a positive count (at 0 it changes nothing), and completes
//     the CountDown itself and, when the count reaches 0, every waiting await.
//   - GetCount: the count.
//   - TrySetCount: if the count is 0 and cmd.Count > 0, sets the count to cmd.Count (a new
//     round) and answers true; otherwise changes nothing and answers false.
//   - Expire (cmd.ID is an await's id): completes that await with false if it still waits;
//     otherwise does nothing.
//
// A command whose invocation was already completed is a retry: Apply returns the same
// result again and changes nothing. A retried Await that still waits is not added twice.
func (m *StateMachine) Apply(index uint64, cmd cp.Command) []cp.Result {
	panic("cplatch: not implemented")
}

// Expired returns the ids of the waiting awaits whose Deadline is not after now, in any
// order. The leader calls it at every tick and logs an Expire for each, so that every
// member ends an await at the same entry. It must not change the state.
func (m *StateMachine) Expired(now time.Time) []cp.InvocationID {
	panic("cplatch: not implemented")
}

// Part B: the client.

// Latch is a client of the latch that a cluster replicates. All its methods are safe for
// concurrent use by several goroutines.
//
// Each call is one invocation: it takes a new id (the Latch's session and a sequence
// number that grows by one per call) and keeps that id through every retry, so that the
// state machine can answer a retry from its record instead of applying it again. A call
// sends its command through the member it believes leads (cp.Cluster.Invoke); when that
// member names another leader it tries that one, and after a timeout or when no leader is
// known it tries the next member after a short pause. It retries until it has an answer
// or its ctx ends; then it returns ctx.Err() (or an error that wraps it), and no other
// error. Once the cluster is healthy, every call completes within a few seconds (an Await
// within its timeout and a few seconds).
//
// Do not hold a mutex while calling Invoke: the judge's cluster runs in fake time, which
// stops while a goroutine waits to lock a mutex.
type Latch struct {
	// Add the fields you need.
}

// NewLatch returns a client of the latch that c replicates, with its own session (no two
// Latches share one).
func NewLatch(c cp.Cluster, session uint64) *Latch {
	panic("cplatch: not implemented")
}

// Await reports true once the count is 0, at once if it is 0 now. It reports false when
// timeout passes first, and never before; with timeout <= 0 it does not wait, and reports
// whether the count is 0. It returns ctx.Err() if ctx ends first.
func (l *Latch) Await(ctx context.Context, timeout time.Duration) (bool, error) {
	panic("cplatch: not implemented")
}

// CountDown takes one off a positive count, exactly once however often it is retried;
// the CountDown that brings it to 0 completes every await of the round.
func (l *Latch) CountDown(ctx context.Context) error {
	panic("cplatch: not implemented")
}

// GetCount returns the count, linearizably: through the log, never from what a member
// or the client remembers.
func (l *Latch) GetCount(ctx context.Context) (int, error) {
	panic("cplatch: not implemented")
}

// TrySetCount starts a new round of count when the count is 0 and count > 0, and reports
// whether it did. The check and the set are one command.
func (l *Latch) TrySetCount(ctx context.Context, count int) (bool, error) {
	panic("cplatch: not implemented")
}
