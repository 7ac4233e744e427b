// Package refereequeue is a known-bad Referee Queue.
//
// Bug: one service loop takes the users in order and verifies each inline, handing
// them to the referees in turn; the referees never work in parallel, so with two
// referees the second user starts at 4s instead of 2s. Verdict: "late: user 2 started
// verification at 4s, want 2s".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu      sync.Mutex
	changed *sync.Cond
	waiting []User
	closed  bool
	done    chan struct{}
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{done: make(chan struct{})}
	q.changed = sync.NewCond(&q.mu)
	go q.serve(referees, verify)
	return q
}

func (q *Queue) serve(referees int, verify func(referee int, u User)) {
	defer close(q.done)
	for next := 0; ; next = (next + 1) % referees {
		q.mu.Lock()
		for len(q.waiting) == 0 && !q.closed {
			q.changed.Wait()
		}
		if len(q.waiting) == 0 {
			q.mu.Unlock()
			return
		}
		u := q.waiting[0]
		q.waiting = q.waiting[1:]
		q.mu.Unlock()
		verify(next, u) // inline: the next user waits even if another referee is free
	}
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	q.waiting = append(q.waiting, u)
	q.changed.Signal()
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.changed.Broadcast()
	q.mu.Unlock()
	<-q.done
}
