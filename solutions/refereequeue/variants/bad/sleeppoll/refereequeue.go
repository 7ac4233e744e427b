// Package refereequeue is a known-bad Referee Queue.
//
// Bug: an idle referee polls: it looks at the queue, and when it is empty sleeps a
// millisecond and looks again. Every user that arrives while the referees are idle
// starts up to 1ms late, and idle referees wake a thousand times a second. Verdict:
// "sleep-polling".
package refereequeue

import (
	"errors"
	"sync"
	"time"
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
		time.Sleep(time.Millisecond)
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
