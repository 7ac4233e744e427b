// Package cplatch is a known-bad cplatch.
//
// Bug: the state machine dedupes by the highest sequence number seen per session, as
// if each session made one call at a time. But goroutines share a Latch, so a call with
// a lower number can be committed after one with a higher number: it is taken for a
// retry and never applied (and answered with another call's result). Verdict: "not
// linearizable" or "Apply ... returned".
package cplatch

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/gokata/workbook/harness/cp"
)

// StateMachine is one member's copy of the latch. Every member applies the same commands
// in the same order, so Apply uses nothing but the command and the state: no clock, no
// randomness, no map order.
type StateMachine struct {
	count   int
	pending []cp.Command                  // awaits of the current round, in the order they came
	done    map[cp.InvocationID]cp.Result // the result of every completed invocation
	high    map[uint64]uint64             // per session, the highest sequence number applied
}

// NewStateMachine returns a state machine with count 0 and no round running.
func NewStateMachine() *StateMachine {
	return &StateMachine{done: map[cp.InvocationID]cp.Result{}, high: map[uint64]uint64{}}
}

// Apply applies the command of log entry index and returns the invocations it
// completes: the command's own, unless it is an Await that must wait, and the awaits that
// a CountDown to zero or an Expire completes. A command whose invocation is already
// complete is a retry: Apply answers it from its record and changes nothing.
func (m *StateMachine) Apply(index uint64, cmd cp.Command) []cp.Result {
	if cmd.Op == cp.Expire {
		return m.expire(cmd.ID)
	}
	if r, ok := m.done[cmd.ID]; ok {
		return []cp.Result{r}
	}
	if cmd.ID.Seq <= m.high[cmd.ID.Session] && cmd.Op != cp.Await {
		return nil // an old retry, already applied
	}
	m.high[cmd.ID.Session] = cmd.ID.Seq
	switch cmd.Op {
	case cp.Await:
		if m.count == 0 {
			return m.complete(cp.Result{ID: cmd.ID, OK: true})
		}
		if !m.waiting(cmd.ID) {
			m.pending = append(m.pending, cmd)
		}
		return nil // the answer comes with the CountDown to zero, or with the Expire
	case cp.CountDown:
		if m.count == 0 {
			return m.complete(cp.Result{ID: cmd.ID})
		}
		m.count--
		results := m.complete(cp.Result{ID: cmd.ID, Count: m.count})
		if m.count == 0 {
			for _, a := range m.pending {
				results = append(results, m.complete(cp.Result{ID: a.ID, OK: true})...)
			}
			m.pending = nil
		}
		return results
	case cp.GetCount:
		return m.complete(cp.Result{ID: cmd.ID, Count: m.count})
	case cp.TrySetCount:
		ok := m.count == 0 && cmd.Count > 0
		if ok {
			m.count = cmd.Count
		}
		return m.complete(cp.Result{ID: cmd.ID, Count: m.count, OK: ok})
	}
	return nil
}

// complete records r as the result of its invocation and returns it.
func (m *StateMachine) complete(r cp.Result) []cp.Result {
	m.done[r.ID] = r
	return []cp.Result{r}
}

func (m *StateMachine) waiting(id cp.InvocationID) bool {
	for _, a := range m.pending {
		if a.ID == id {
			return true
		}
	}
	return false
}

// expire ends the await id with false if it still waits.
func (m *StateMachine) expire(id cp.InvocationID) []cp.Result {
	for i, a := range m.pending {
		if a.ID == id {
			m.pending = append(m.pending[:i], m.pending[i+1:]...)
			return m.complete(cp.Result{ID: id})
		}
	}
	return nil
}

// Expired returns the awaits whose deadline is not after now, in the order they came.
// The leader logs an Expire for each, so that every member ends them at the same entry.
func (m *StateMachine) Expired(now time.Time) []cp.InvocationID {
	var ids []cp.InvocationID
	for _, a := range m.pending {
		if !a.Deadline.After(now) {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

// retryPause is how long a client waits before it tries another member.
const retryPause = 20 * time.Millisecond

// Latch is a client of the replicated latch. It is safe for concurrent use: each call
// takes the next invocation id of the session, and keeps it through every retry.
type Latch struct {
	c       cp.Cluster
	session uint64
	seq     atomic.Uint64
	leader  atomic.Int64 // the member the client tries first
}

// NewLatch returns a client of the latch that cluster c replicates. Each Latch needs a
// session of its own.
func NewLatch(c cp.Cluster, session uint64) *Latch {
	return &Latch{c: c, session: session}
}

// invoke runs cmd, under a new invocation id, until the cluster answers or ctx ends. A
// member that is not the leader names the leader, if it knows one; after a timeout the
// client cannot know whether cmd was applied, so it retries with the same id and the
// state machine answers a retry from its record.
func (l *Latch) invoke(ctx context.Context, cmd cp.Command) (cp.Result, error) {
	cmd.ID = cp.InvocationID{Session: l.session, Seq: l.seq.Add(1)}
	for {
		member := int(l.leader.Load())
		res, err := l.c.Invoke(ctx, member, cmd)
		if err == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return cp.Result{}, ctx.Err()
		}
		var nl *cp.NotLeaderError
		if errors.As(err, &nl) && nl.Leader >= 0 && nl.Leader != member {
			l.leader.Store(int64(nl.Leader))
			continue
		}
		l.leader.Store(int64((member + 1) % l.c.Members()))
		if err := pause(ctx, retryPause); err != nil {
			return cp.Result{}, err
		}
	}
}

// pause waits for d or until ctx ends.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Await waits until the count is zero and returns true, at once if it is zero now. It
// returns false when timeout passes first; with timeout <= 0 it does not wait. It
// returns ctx's error if ctx ends first.
func (l *Latch) Await(ctx context.Context, timeout time.Duration) (bool, error) {
	if timeout <= 0 {
		n, err := l.GetCount(ctx)
		return n == 0 && err == nil, err
	}
	res, err := l.invoke(ctx, cp.Command{Op: cp.Await, Deadline: time.Now().Add(timeout)})
	return res.OK, err
}

// CountDown takes one off a positive count; at zero it completes every await of the
// round. It happens exactly once, however often it is retried.
func (l *Latch) CountDown(ctx context.Context) error {
	_, err := l.invoke(ctx, cp.Command{Op: cp.CountDown})
	return err
}

// GetCount returns the count, read through the log, so that it is never stale.
func (l *Latch) GetCount(ctx context.Context) (int, error) {
	res, err := l.invoke(ctx, cp.Command{Op: cp.GetCount})
	return res.Count, err
}

// TrySetCount starts a new round of count when the count is zero and count > 0, and
// reports whether it did.
func (l *Latch) TrySetCount(ctx context.Context, count int) (bool, error) {
	res, err := l.invoke(ctx, cp.Command{Op: cp.TrySetCount, Count: count})
	return res.OK, err
}
