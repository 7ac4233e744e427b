// Package refereequeue is a known-bad Referee Queue.
//
// Bug: Close waits until the queue is empty and every referee idle, but never tells
// the referees to stop: they stay asleep on the Cond forever, one leaked goroutine per
// referee per Queue. Verdict: "goroutine leak".
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
	busy     int            // referees verifying
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
		q.mu.Lock()
		q.busy--
		q.changed.Broadcast()
		q.mu.Unlock()
	}
}

func (q *Queue) next() (u User, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.waiting) == 0 {
		q.changed.Wait() // never woken for Close
	}
	q.busy++
	u = q.waiting[0]
	q.waiting[0] = User{}
	q.waiting = q.waiting[1:]
	return u, true
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	q.waiting = append(q.waiting, u)
	q.changed.Broadcast() // Close waits on the same Cond
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	for len(q.waiting) > 0 || q.busy > 0 {
		q.changed.Wait()
	}
	q.mu.Unlock()
}
