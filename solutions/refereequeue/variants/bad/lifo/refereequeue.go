// Package refereequeue is a known-bad Referee Queue.
//
// Bug: the referees take the newest user, from the end of the slice, not the oldest:
// last come, first served. When users pile up, a later one starts before an earlier
// one. Verdict: "started verification before user N, which was enqueued first".
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
		u := q.waiting[len(q.waiting)-1] // the newest
		q.waiting = q.waiting[:len(q.waiting)-1]
		q.mu.Unlock()
		verify(i, u)
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
