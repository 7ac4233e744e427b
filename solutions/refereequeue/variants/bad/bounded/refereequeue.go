// Package refereequeue is a known-bad Referee Queue.
//
// Bug: the waiting line is a buffered channel of 64 users; when every referee is busy
// and 64 users wait, Enqueue blocks until a referee frees up. Correct in small tests,
// wrong under load. Verdict: "Enqueue(User{ID: 67}) was called at 0s and returned at
// 1h0m0s".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu       sync.Mutex
	closed   bool
	waiting  chan User
	referees sync.WaitGroup
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{waiting: make(chan User, 64)}
	q.referees.Add(referees)
	for i := range referees {
		go func() {
			defer q.referees.Done()
			for u := range q.waiting {
				verify(i, u)
			}
		}()
	}
	return q
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	q.waiting <- u // blocks when the buffer is full
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		close(q.waiting)
	}
	q.mu.Unlock()
	q.referees.Wait()
}
