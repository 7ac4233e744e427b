// Package refereequeue is a known-bad Referee Queue.
//
// Bug: a dispatcher starts a goroutine per user, at most referees at a time (a
// semaphore), but numbers them round-robin instead of by the referee that came free:
// when verifications take different times, a user is given to a referee that is still
// verifying someone else. Verdict: "referee 0 started verifying user N at ... while it
// was still verifying user M".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu      sync.Mutex
	changed *sync.Cond
	waiting []User
	closed  bool
	done    chan struct{}
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{done: make(chan struct{})}
	q.changed = sync.NewCond(&q.mu)
	go q.dispatch(referees, verify)
	return q
}

func (q *Queue) dispatch(referees int, verify func(referee int, u User)) {
	defer close(q.done)
	var wg sync.WaitGroup
	defer wg.Wait()
	slots := make(chan struct{}, referees)
	for next := 0; ; next = (next + 1) % referees {
		u, ok := q.next()
		if !ok {
			return
		}
		slots <- struct{}{}
		wg.Add(1)
		go func(referee int) {
			defer wg.Done()
			verify(referee, u)
			<-slots
		}(next) // round-robin, whether or not that referee is free
	}
}

func (q *Queue) next() (User, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.waiting) == 0 && !q.closed {
		q.changed.Wait()
	}
	if len(q.waiting) == 0 {
		return User{}, false
	}
	u := q.waiting[0]
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
	q.changed.Signal()
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.changed.Broadcast()
	q.mu.Unlock()
	<-q.done
}
