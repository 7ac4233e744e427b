// Package refereequeue is a known-bad Referee Queue.
//
// Bug: check, unlock, lock, act. Enqueue checks closed in one critical section and
// appends the user in a second one right after: every access is locked, so the race
// detector has nothing to say, but a Close that runs between the two (its referees find
// the queue closed and empty, and exit) leaves the user accepted and never verified, or
// verified late by a referee still busy with an earlier user. The judge's yield points
// make that window common; the schedules rule finds it on most runs, and the closing
// rule, which races Enqueue with Close hundreds of times, on the others. Verdict: "was never verified, although Enqueue accepted it"
// (or "late: user", when a busy referee verifies it after it finishes).
package refereequeue

import (
	"errors"
	"sync"
)

// ErrClosed is returned by Enqueue once Close has been called.
var ErrClosed = errors.New("refereequeue: closed")

// User is someone waiting to have their identity verified.
type User struct{ ID int }

// Queue keeps the waiting users in a slice guarded by a mutex. Each referee is a
// goroutine that takes the user at the head of the slice, verifies it without holding
// the lock, and comes back for the next one; idle referees sleep on a sync.Cond.
type Queue struct {
	mu       sync.Mutex
	changed  *sync.Cond // a user joined, or the queue closed
	waiting  []User     // first come, first served
	closed   bool
	referees sync.WaitGroup // one per referee goroutine
}

// New returns a Queue served by referees referees, which calls verify(referee, u) to
// verify each user u. It panics if referees < 1.
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

// referee verifies users until the queue is closed and empty.
func (q *Queue) referee(i int, verify func(referee int, u User)) {
	defer q.referees.Done()
	for {
		u, ok := q.next()
		if !ok {
			return
		}
		verify(i, u)
	}
}

// next waits for a user and takes it from the head of the queue; ok is false once the
// queue is closed and empty.
func (q *Queue) next() (u User, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.waiting) == 0 && !q.closed {
		q.changed.Wait()
	}
	if len(q.waiting) == 0 {
		return User{}, false
	}
	u = q.waiting[0]
	q.waiting[0] = User{}
	q.waiting = q.waiting[1:]
	return u, true
}

// Enqueue adds u to the end of the queue and returns at once; after Close it returns
// ErrClosed.
func (q *Queue) Enqueue(u User) error {
	q.mu.Lock()
	closed := q.closed
	q.mu.Unlock()
	if closed {
		return ErrClosed
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.waiting = append(q.waiting, u)
	// One user needs one referee: Signal wakes one idle referee, if any. A busy
	// referee looks at the queue again when it is done, so no user is forgotten.
	q.changed.Signal()
	return nil
}

// Close stops accepting users and returns once every accepted user has been verified
// and every referee has exited. Every call waits, so it is idempotent.
func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.changed.Broadcast() // every idle referee must see closed and exit
	q.mu.Unlock()
	q.referees.Wait()
}
