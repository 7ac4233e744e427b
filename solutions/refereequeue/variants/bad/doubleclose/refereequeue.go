// Package refereequeue is a known-bad Referee Queue.
//
// Bug: Close closes the dispatcher's channel every time it is called; the second call
// panics with "close of closed channel". Close must be idempotent. Verdict: "Close
// panicked: close of closed channel".
package refereequeue

import (
	"errors"
	"sync"
)

var ErrClosed = errors.New("refereequeue: closed")

type User struct{ ID int }

type Queue struct {
	mu     sync.Mutex // guards closed, and orders sends on in with close(in)
	closed bool
	in     chan User     // Enqueue -> dispatcher; the dispatcher always receives
	done   chan struct{} // closed when every referee has exited
}

func New(referees int, verify func(referee int, u User)) *Queue {
	if referees < 1 {
		panic("refereequeue: referees must be at least 1")
	}
	q := &Queue{in: make(chan User), done: make(chan struct{})}
	work := make(chan User)
	var wg sync.WaitGroup
	for i := range referees {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				verify(i, u)
			}
		}()
	}
	go func() {
		dispatch(q.in, work)
		wg.Wait()
		close(q.done)
	}()
	return q
}

// dispatch queues the users from in and offers the oldest one on work, until in is
// closed and the line is empty; then it closes work.
func dispatch(in <-chan User, work chan<- User) {
	defer close(work)
	var waiting []User
	for in != nil || len(waiting) > 0 {
		var offer chan<- User // nil (never ready) while nobody waits
		var head User
		if len(waiting) > 0 {
			offer, head = work, waiting[0]
		}
		select {
		case u, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			waiting = append(waiting, u)
		case offer <- head:
			waiting = waiting[1:]
		}
	}
}

func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return ErrClosed
	}
	q.in <- u
	return nil
}

func (q *Queue) Close() {
	q.stop()
	<-q.done
}

func (q *Queue) stop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	close(q.in) // a second Close panics
}
