// Package latch is the Latch kata: a reusable countdown latch, in the spirit of Java's
// CountDownLatch and Hazelcast's CP CountDownLatch, whose waiters take a context.
package latch

import "context"

// A Latch lets goroutines wait until a count of events has happened. Its life is a series
// of rounds: a round starts with a count n > 0 (given to New, or to TrySetCount when the
// count is zero), each CountDown takes one off, and when the count reaches zero the round
// ends and every goroutine waiting in that round is released. A new round can then be
// started with TrySetCount.
//
// Each CountDown that takes a count down happens before (in the sense of the Go memory
// model) every Wait released by its round returns, so a waiter may read what the
// counting goroutines wrote before they counted down.
//
// All methods are safe for concurrent use, and every concurrent history is explainable
// by some order of the calls (linearizable). Waiting blocks the goroutine (a channel, a
// sync.Cond, ...): it never spins, polls or sleeps, and it leaves no goroutine or
// registration behind when it returns. Separate Latches are independent.
type Latch struct {
	// Add the fields you need.
}

// New returns a Latch whose count is count; New(0) returns a Latch with no round
// running, which Wait passes at once. New panics with "latch: negative count" when
// count < 0.
func New(count int) *Latch {
	panic("latch: not implemented")
}

// CountDown takes one off the count. When that brings the count to zero, every goroutine
// waiting in this round is released. At zero, CountDown does nothing: the count never
// goes negative. CountDown never blocks.
func (l *Latch) CountDown() {
	panic("latch: not implemented")
}

// Count returns the current count.
func (l *Latch) Count() int {
	panic("latch: not implemented")
}

// Wait blocks until the count of the round running when Wait was called reaches zero,
// and then returns nil at once. When the count is zero when Wait is called, Wait returns
// nil at once, even if ctx is already done. When ctx ends first, Wait returns ctx.Err().
//
// A waiter released by one round is never held by the next: once its round has reached
// zero, Wait returns nil even if TrySetCount starts a new round before the waiting
// goroutine runs again. Either way Wait leaves no goroutine or registration behind.
func (l *Latch) Wait(ctx context.Context) error {
	panic("latch: not implemented")
}

// TrySetCount starts a new round with the given count when the count is zero and
// count > 0, and reports true. Otherwise it changes nothing and reports false.
func (l *Latch) TrySetCount(count int) bool {
	panic("latch: not implemented")
}
