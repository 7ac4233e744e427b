// Package refereequeue is a correct Referee Queue with a channel per referee: a mutex
// guards the waiting line and the list of idle referees. Enqueue hands a user straight
// to an idle referee, or queues it; a referee that finishes takes the next user itself,
// or goes idle.
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu       sync.Mutex
	waiting  []User      // non-empty only while no referee is idle
	idle     []int       // idle referees, longest idle first
	inbox    []chan User // inbox[i]: the next user of referee i (buffer 1)
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
		q.inbox = append(q.inbox, make(chan User, 1))
		q.idle = append(q.idle, i)
	}
	for i := range referees {
		go func() {
			defer q.referees.Done()
			for u := range q.inbox[i] {
				verify(i, u)
				q.finished(i)
			}
		}()
	}
	return q
}

// finished gives referee i the next user, or makes it idle, or lets it go.
func (q *Queue) finished(i int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case len(q.waiting) > 0:
		q.inbox[i] <- q.waiting[0] // the inbox is empty: its referee just took a user
		q.waiting = q.waiting[1:]
	case q.closed:
		close(q.inbox[i])
	default:
		q.idle = append(q.idle, i)
	}
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	if len(q.idle) == 0 {
		q.waiting = append(q.waiting, u)
		return nil
	}
	i := q.idle[0]
	q.idle = q.idle[1:]
	q.inbox[i] <- u
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		for _, i := range q.idle {
			close(q.inbox[i])
		}
		q.idle = nil
	}
	q.mu.Unlock()
	q.referees.Wait()
}
