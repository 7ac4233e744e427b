// Package refereequeue is a known-bad Referee Queue.
//
// Bug: Enqueue appends to the shared slice without holding the mutex the referees
// hold when they take from it: a data race on the slice, as in the well-known answers
// that share a plain list between threads. Verdict: the race detector's "DATA RACE".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu       sync.Mutex
	changed  *sync.Cond
	waiting  []User
	closed   bool
	referees sync.WaitGroup
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
		verify(i, u)
	}
}

func (q *Queue) Enqueue(u User) error {
	if q.closed { // unsynchronized read
		return ErrClosed
	}
	q.waiting = append(q.waiting, u) // unsynchronized write
	q.changed.Signal()
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.changed.Broadcast()
	q.mu.Unlock()
	q.referees.Wait()
}
