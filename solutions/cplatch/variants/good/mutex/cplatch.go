// Package cplatch is a correct cplatch in another style: the client guards its state
// with a sync.Mutex (held only between calls to the cluster, never across one), and the
// state machine keeps the waiting awaits in a map with their arrival number, completing
// them in that order.
package cplatch

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/gokata/workbook/harness/cp"
)

type waiter struct {
	arrival  uint64
	deadline time.Time
}

type StateMachine struct {
	count    int
	arrivals uint64
	waiting  map[cp.InvocationID]waiter
	results  map[cp.InvocationID]cp.Result
}

func NewStateMachine() *StateMachine {
	return &StateMachine{waiting: map[cp.InvocationID]waiter{}, results: map[cp.InvocationID]cp.Result{}}
}

func (m *StateMachine) done(r cp.Result) cp.Result {
	m.results[r.ID] = r
	return r
}

// byArrival returns the waiting awaits in the order they arrived.
func (m *StateMachine) byArrival() []cp.InvocationID {
	ids := make([]cp.InvocationID, 0, len(m.waiting))
	for id := range m.waiting {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b cp.InvocationID) int {
		return int(m.waiting[a].arrival) - int(m.waiting[b].arrival)
	})
	return ids
}

func (m *StateMachine) Apply(index uint64, cmd cp.Command) []cp.Result {
	if cmd.Op == cp.Expire {
		if _, ok := m.waiting[cmd.ID]; !ok {
			return nil
		}
		delete(m.waiting, cmd.ID)
		return []cp.Result{m.done(cp.Result{ID: cmd.ID})}
	}
	if r, ok := m.results[cmd.ID]; ok {
		return []cp.Result{r}
	}
	switch cmd.Op {
	case cp.Await:
		if m.count == 0 {
			return []cp.Result{m.done(cp.Result{ID: cmd.ID, OK: true})}
		}
		if _, ok := m.waiting[cmd.ID]; !ok {
			m.arrivals++
			m.waiting[cmd.ID] = waiter{arrival: m.arrivals, deadline: cmd.Deadline}
		}
		return nil
	case cp.CountDown:
		if m.count > 0 {
			m.count--
		}
		out := []cp.Result{m.done(cp.Result{ID: cmd.ID})}
		if m.count == 0 {
			for _, id := range m.byArrival() {
				out = append(out, m.done(cp.Result{ID: id, OK: true}))
				delete(m.waiting, id)
			}
		}
		return out
	case cp.GetCount:
		return []cp.Result{m.done(cp.Result{ID: cmd.ID, Count: m.count})}
	case cp.TrySetCount:
		ok := m.count == 0 && cmd.Count > 0
		if ok {
			m.count = cmd.Count
		}
		return []cp.Result{m.done(cp.Result{ID: cmd.ID, OK: ok})}
	}
	return nil
}

func (m *StateMachine) Expired(now time.Time) []cp.InvocationID {
	var ids []cp.InvocationID
	for _, id := range m.byArrival() {
		if !m.waiting[id].deadline.After(now) {
			ids = append(ids, id)
		}
	}
	return ids
}

type Latch struct {
	c       cp.Cluster
	session uint64

	mu     sync.Mutex // guards seq and leader; never held across Invoke
	seq    uint64
	leader int
}

func NewLatch(c cp.Cluster, session uint64) *Latch {
	return &Latch{c: c, session: session}
}

func (l *Latch) next() cp.InvocationID {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	return cp.InvocationID{Session: l.session, Seq: l.seq}
}

func (l *Latch) guess() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.leader
}

func (l *Latch) setGuess(member int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.leader = member
}

func (l *Latch) invoke(ctx context.Context, cmd cp.Command) (cp.Result, error) {
	cmd.ID = l.next()
	for {
		member := l.guess()
		res, err := l.c.Invoke(ctx, member, cmd)
		switch {
		case err == nil:
			return res, nil
		case ctx.Err() != nil:
			return cp.Result{}, ctx.Err()
		}
		var nl *cp.NotLeaderError
		if errors.As(err, &nl) && nl.Leader >= 0 && nl.Leader != member {
			l.setGuess(nl.Leader)
			continue
		}
		l.setGuess((member + 1) % l.c.Members())
		t := time.NewTimer(15 * time.Millisecond)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return cp.Result{}, ctx.Err()
		}
	}
}

func (l *Latch) Await(ctx context.Context, timeout time.Duration) (bool, error) {
	if timeout <= 0 {
		n, err := l.GetCount(ctx)
		return err == nil && n == 0, err
	}
	res, err := l.invoke(ctx, cp.Command{Op: cp.Await, Deadline: time.Now().Add(timeout)})
	return res.OK, err
}

func (l *Latch) CountDown(ctx context.Context) error {
	_, err := l.invoke(ctx, cp.Command{Op: cp.CountDown})
	return err
}

func (l *Latch) GetCount(ctx context.Context) (int, error) {
	res, err := l.invoke(ctx, cp.Command{Op: cp.GetCount})
	return res.Count, err
}

func (l *Latch) TrySetCount(ctx context.Context, count int) (bool, error) {
	res, err := l.invoke(ctx, cp.Command{Op: cp.TrySetCount, Count: count})
	return res.OK, err
}
