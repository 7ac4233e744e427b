// Package latch is a correct Latch whose state lives in a channel: whoever holds the
// state has received it, and hands it back with a send.
package latch

import "context"

type state struct {
	count int
	done  chan struct{} // the current round's; closed exactly when count is zero
}

// A Latch holds its state in a channel with room for one. Receiving the state is taking
// the lock; sending it back is releasing it.
type Latch struct {
	state chan *state
}

func New(count int) *Latch {
	if count < 0 {
		panic("latch: negative count")
	}
	s := &state{count: count, done: make(chan struct{})}
	if count == 0 {
		close(s.done)
	}
	l := &Latch{state: make(chan *state, 1)}
	l.state <- s
	return l
}

func (l *Latch) CountDown() {
	s := <-l.state
	defer func() { l.state <- s }()
	if s.count == 0 {
		return
	}
	s.count--
	if s.count == 0 {
		close(s.done)
	}
}

func (l *Latch) Count() int {
	s := <-l.state
	defer func() { l.state <- s }()
	return s.count
}

func (l *Latch) Wait(ctx context.Context) error {
	s := <-l.state
	done := s.done
	l.state <- s
	select {
	case <-done:
		return nil
	default:
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *Latch) TrySetCount(count int) bool {
	s := <-l.state
	defer func() { l.state <- s }()
	if s.count != 0 || count <= 0 {
		return false
	}
	s.count = count
	s.done = make(chan struct{})
	return true
}
