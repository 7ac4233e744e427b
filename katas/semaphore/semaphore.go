// Package semaphore is the Weighted kata: a weighted counting semaphore whose waiters are
// served first come, first served, and take a context.
package semaphore

import "context"

// A Weighted is a semaphore of size tokens: callers take tokens (Acquire, TryAcquire)
// and give them back (Release), and at most size are held at any time.
//
// Waiters are served first come, first served: a waiter gets its tokens only once every
// waiter that came before it has got its own or given up, so a large request is never
// starved by a stream of small ones. A waiter gets in at the moment the tokens it needs
// are free and it is first in line: when a Release frees them, or when the waiter ahead of
// it gives up.
//
// All methods are safe for concurrent use, and every concurrent history is explainable
// by some order of the calls (linearizable). Waiting blocks the goroutine (a channel, a
// sync.Cond, ...): it never spins, polls or sleeps, and it leaves no goroutine or
// registration behind when it returns. Separate Weighteds are independent. Do not use
// golang.org/x/sync (the judge rejects a file that imports it).
type Weighted struct {
	// Add the fields you need.
}

// New returns a Weighted of size tokens, all free. New panics with
// "semaphore: negative size" when size < 0.
func New(size int64) *Weighted {
	panic("semaphore: not implemented")
}

// Acquire takes n tokens, waiting until they are free and no earlier waiter is still
// waiting, and returns nil. When n tokens are free and nobody waits, it takes them at
// once. If ctx ends first, Acquire returns ctx.Err() (itself, not wrapped) holding
// nothing, and if it was first in line, the waiters behind it that now fit get in.
//
// When ctx is already done: if Acquire could take the tokens at once, it may either
// take them (and return nil) or return ctx.Err() changing nothing; both are accepted.
// Otherwise it returns ctx.Err() at once. Acquire(ctx, n) with n > size can never
// succeed: it waits, outside the line (holding up no other waiter), until ctx ends, and
// returns ctx.Err(). n = 0 is like any other n: it gets in at once unless someone waits.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	panic("semaphore: not implemented")
}

// TryAcquire takes n tokens and reports true if n tokens are free and nobody waits;
// otherwise it changes nothing and reports false. It never blocks.
func (s *Weighted) TryAcquire(n int64) bool {
	panic("semaphore: not implemented")
}

// Release gives back n tokens; the waiters at the head of the line that now fit get in,
// as many as fit, in order. It never blocks. Release panics with
// "semaphore: released more than held" when fewer than n tokens are held.
func (s *Weighted) Release(n int64) {
	panic("semaphore: not implemented")
}
