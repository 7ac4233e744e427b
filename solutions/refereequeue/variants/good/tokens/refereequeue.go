// Package refereequeue is a correct Referee Queue with referee tokens: a dispatcher
// takes the oldest user from a linked list, waits for a free referee's number on a
// channel, and verifies the user on a new goroutine that gives the number back. A
// buffered channel of one wakes the dispatcher without ever blocking Enqueue.
package refereequeue

import (
	"container/list"
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu      sync.Mutex
	waiting list.List // of User
	closed  bool
	wake    chan struct{} // buffer 1: something changed
	done    chan struct{} // closed when every verification has finished
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{wake: make(chan struct{}, 1), done: make(chan struct{})}
	free := make(chan int, referees)
	for i := range referees {
		free <- i
	}
	go q.dispatch(free, verify)
	return q
}

func (q *Queue) dispatch(free chan int, verify func(referee int, u User)) {
	defer close(q.done)
	var verifying sync.WaitGroup
	defer verifying.Wait()
	for {
		u, ok := q.take()
		if !ok {
			return
		}
		referee := <-free
		verifying.Add(1)
		go func() {
			defer verifying.Done()
			verify(referee, u)
			free <- referee
		}()
	}
}

// take waits for the oldest user; ok is false once the queue is closed and empty.
func (q *Queue) take() (u User, ok bool) {
	for {
		q.mu.Lock()
		if e := q.waiting.Front(); e != nil {
			q.waiting.Remove(e)
			q.mu.Unlock()
			return e.Value.(User), true
		}
		closed := q.closed
		q.mu.Unlock()
		if closed {
			return User{}, false
		}
		<-q.wake
	}
}

func (q *Queue) notify() {
	select {
	case q.wake <- struct{}{}:
	default: // a wakeup is already pending
	}
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return ErrClosed
	}
	q.waiting.PushBack(u)
	q.mu.Unlock()
	q.notify()
	return nil
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.notify()
	<-q.done
}
