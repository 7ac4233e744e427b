// Package refereequeue is a known-bad Referee Queue.
//
// Bug: an idle referee spins: it locks, looks at the queue, unlocks and looks again,
// the "while True" loop of the well-known answers. The schedule is right, but every
// idle referee burns a CPU. Verdict: "busy-wait".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu       sync.Mutex
	waiting  []User
	closed   bool
	referees sync.WaitGroup
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{}
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
		if len(q.waiting) > 0 {
			u := q.waiting[0]
			q.waiting = q.waiting[1:]
			q.mu.Unlock()
			verify(i, u)
			continue
		}
		closed := q.closed
		q.mu.Unlock()
		if closed {
			return
		}
	}
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	q.waiting = append(q.waiting, u)
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.referees.Wait()
}
