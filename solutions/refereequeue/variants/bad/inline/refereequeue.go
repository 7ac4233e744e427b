// Package refereequeue is a known-bad Referee Queue.
//
// Bug: Enqueue verifies the user itself, inline, with the first free referee, so the
// caller waits out the whole verification (and a second caller waits for the first).
// Verdict: "Enqueue(User{ID: 1}) did not return while the only referee was verifying
// user 1".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu     sync.Mutex
	verify func(referee int, u User)
	closed bool
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	return &Queue{verify: verify}
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	q.verify(0, u)
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
}
