// Package refereequeue is a known-bad Referee Queue.
//
// Bug: a referee keeps the mutex locked while it calls verify, so for the whole
// verification Enqueue, and every other referee, wait in Mutex.Lock: no parallelism,
// and Enqueue waits for a referee. Verdict: "Enqueue(User{ID: 2}) did not return while
// the only referee was verifying user 1".
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
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		for len(q.waiting) == 0 && !q.closed {
			q.changed.Wait()
		}
		if len(q.waiting) == 0 {
			return
		}
		u := q.waiting[0]
		q.waiting = q.waiting[1:]
		verify(i, u) // with q.mu held
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
	q.referees.Wait()
}
