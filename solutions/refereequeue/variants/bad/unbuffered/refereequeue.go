// Package refereequeue is a known-bad Referee Queue.
//
// Bug: there is no waiting line: Enqueue hands the user to a referee over an
// unbuffered channel, so while every referee is busy the caller waits. With one
// referee, Enqueue of user 2 returns only when user 1 has been verified. Verdict:
// "Enqueue(User{ID: 2}) did not return while the only referee was verifying user 1".
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
	handoff  chan User
	referees sync.WaitGroup
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{handoff: make(chan User)}
	q.referees.Add(referees)
	for i := range referees {
		go func() {
			defer q.referees.Done()
			for u := range q.handoff {
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
	q.handoff <- u // waits for a free referee
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		close(q.handoff)
	}
	q.mu.Unlock()
	q.referees.Wait()
}
