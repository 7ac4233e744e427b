// Package refereequeue is the Referee Queue kata: users queue for identity verification
// and a fixed team of referees verifies them, first come, first served, in parallel.
package refereequeue

import "errors"

// ErrClosed is returned by Enqueue once Close has been called.
var ErrClosed = errors.New("refereequeue: closed")

// User is someone waiting to have their identity verified.
type User struct{ ID int }

// Queue is a waiting line served by a team of referees. Its methods are safe to call
// from many goroutines at once.
//
// Every user that Enqueue accepts is verified exactly once, by one call of verify made
// on a referee's goroutine (never inside Enqueue or Close). Referees are numbered
// 0..referees-1; a referee verifies one user at a time, so two calls of verify with
// the same referee number never overlap, while different referees work in parallel.
//
// Users start verification in the order they were enqueued (first come, first served),
// and no user waits while a referee is free: a user starts as soon as it has been
// enqueued and a referee is free. "Enqueued before" means that Enqueue(u) returned
// before Enqueue(v) was called; users enqueued by concurrent calls may go in either
// order. Waiting blocks (a channel, sync.Cond or sync.WaitGroup): it never spins, polls
// or sleeps. Separate Queues are independent.
type Queue struct {
	// Add the fields you need.
}

// New returns a Queue served by referees referees, which calls verify(referee, u) to
// verify each user u. It panics if referees < 1, with a message that starts with
// "refereequeue: ".
func New(referees int, verify func(referee int, u User)) *Queue {
	panic("refereequeue: not implemented")
}

// Enqueue adds u to the end of the queue and returns nil, without waiting for a referee
// or for anything else: the queue grows as long as needed. Once Close has been called it
// returns ErrClosed and u is never verified; an Enqueue concurrent with the first Close
// may go either way.
func (q *Queue) Enqueue(u User) error {
	panic("refereequeue: not implemented")
}

// Close stops accepting users, waits until every user Enqueue accepted has been
// verified (including the users still in the queue) and every referee's goroutine has
// exited, and then returns. It is idempotent: every call, including one made
// concurrently with the first, returns only when all of that is done.
func (q *Queue) Close() {
	panic("refereequeue: not implemented")
}
