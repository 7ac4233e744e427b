// Package refereequeue is a known-bad Referee Queue.
//
// Bug: the waiting line lives in package variables, so every Queue shares one: a
// referee of one Queue verifies users of another, with the wrong verify. Verdict:
// "separate Queues must not share state".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

var (
	mu      sync.Mutex
	changed = sync.NewCond(&mu)
	waiting []User // shared by every Queue
)

type Queue struct {
	closed   bool // guarded by mu
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
		mu.Lock()
		for len(waiting) == 0 && !q.closed {
			changed.Wait()
		}
		if len(waiting) == 0 {
			mu.Unlock()
			return
		}
		u := waiting[0]
		waiting = waiting[1:]
		mu.Unlock()
		verify(i, u)
	}
}

func (q *Queue) Enqueue(u User) error {
	mu.Lock()
	defer mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	waiting = append(waiting, u)
	changed.Broadcast()
	return nil
}

func (q *Queue) Close() {
	mu.Lock()
	q.closed = true
	changed.Broadcast()
	mu.Unlock()
	q.referees.Wait()
}
