// Package refereequeue is a known-bad Referee Queue.
//
// Bug: Enqueue never looks at closed: after Close it still returns nil, and the user,
// queued after the referees left, is never verified. Verdict: "returned nil after
// Close was called ... must return ErrClosed" (or, when the Enqueue was concurrent with
// Close, "never verified ... or return ErrClosed", or "late: user ..." when a referee
// still busy verified the user after the free one had left, which ends "where it must
// return ErrClosed").
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu       sync.Mutex
	changed  *sync.Cond // a user joined, or the queue closed
	waiting  []User     // first come, first served
	closed   bool
	referees sync.WaitGroup // one per referee goroutine
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{}
	q.changed = sync.NewCond(&q.mu)
	q.referees.Add(referees)
	for i := range referees {
		go q.referee(i, verify)
	}
	return q
}

func (q *Queue) referee(i int, verify func(referee int, u User)) {
	defer q.referees.Done()
	for {
		u, ok := q.next()
		if !ok {
			return
		}
		verify(i, u)
	}
}

func (q *Queue) next() (u User, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.waiting) == 0 && !q.closed {
		q.changed.Wait()
	}
	if len(q.waiting) == 0 {
		return User{}, false
	}
	u = q.waiting[0]
	q.waiting[0] = User{}
	q.waiting = q.waiting[1:]
	return u, true
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.waiting = append(q.waiting, u)
	q.changed.Signal()
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.changed.Broadcast() // every idle referee must see closed and exit
	q.mu.Unlock()
	q.referees.Wait()
}
