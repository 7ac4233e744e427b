// Package pubsub is a correct Publish/Subscribe broker with room tokens: each
// subscription has a channel of free slots (its buffer); Publish takes one slot from every
// subscription of the topic, always in the order they were made (so two publishers never
// hold each other's slots), gives them back if ctx ends or the Broker closes first, and
// only then appends the message to all of them at once under the topic's lock.
package pubsub

import (
	"context"
	"errors"
	"slices"
	"sync"
)

var ErrClosed = errors.New("pubsub: closed")

type Broker struct {
	mu     sync.Mutex
	topics map[string]*topic
	closed chan struct{}
	once   sync.Once
	nextID int
}

type topic struct {
	mu   sync.Mutex // guards subs and every subscription's queue
	subs []*Subscription
}

func New() *Broker {
	return &Broker{topics: map[string]*topic{}, closed: make(chan struct{})}
}

func (b *Broker) isClosed() bool {
	select {
	case <-b.closed:
		return true
	default:
		return false
	}
}

func (b *Broker) topic(name string) *topic {
	b.mu.Lock()
	defer b.mu.Unlock()
	t := b.topics[name]
	if t == nil {
		t = &topic{}
		b.topics[name] = t
	}
	return t
}

func (b *Broker) Subscribe(name string, buffer int) (*Subscription, error) {
	t := b.topic(name)
	size := max(buffer, 1)
	s := &Subscription{b: b, t: t, free: make(chan struct{}, size), ready: make(chan struct{}, size), gone: make(chan struct{})}
	for range size {
		s.free <- struct{}{}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.isClosed() {
		return nil, ErrClosed
	}
	b.nextID++
	s.id = b.nextID
	t.mu.Lock()
	t.subs = append(t.subs, s)
	t.mu.Unlock()
	return s, nil
}

func (b *Broker) Publish(ctx context.Context, name, msg string) error {
	if b.isClosed() {
		return ErrClosed
	}
	t := b.topic(name)
	t.mu.Lock()
	subs := slices.Clone(t.subs) // in the order they were made
	t.mu.Unlock()
	var held []*Subscription
	release := func() {
		for _, s := range held {
			s.free <- struct{}{}
		}
	}
	for _, s := range subs {
		select {
		case <-s.free:
			held = append(held, s)
		case <-s.gone: // it ended: stop waiting for it
		case <-ctx.Done():
			release()
			return ctx.Err()
		case <-b.closed:
			release()
			return ErrClosed
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if b.isClosed() {
		release()
		return ErrClosed
	}
	for _, s := range held {
		if s.ended {
			s.free <- struct{}{}
			continue
		}
		s.queue = append(s.queue, msg)
		s.ready <- struct{}{} // never blocks: one per queued message
	}
	return nil
}

func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.once.Do(func() { close(b.closed) })
}

type Subscription struct {
	b     *Broker
	t     *topic
	id    int
	free  chan struct{} // a token per free slot
	ready chan struct{} // a token per queued message
	gone  chan struct{} // closed by Unsubscribe
	once  sync.Once
	queue []string // guarded by t.mu
	ended bool     // guarded by t.mu
}

// take takes the oldest message, for which a ready token was received.
func (s *Subscription) take() (string, error) {
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	if s.ended {
		return "", ErrClosed
	}
	m := s.queue[0]
	s.queue = s.queue[1:]
	s.free <- struct{}{}
	return m, nil
}

func (s *Subscription) Next(ctx context.Context) (string, error) {
	select {
	case <-s.gone:
		return "", ErrClosed
	default:
	}
	select {
	case <-s.ready:
		return s.take()
	default:
	}
	select {
	case <-s.ready:
		return s.take()
	case <-s.gone:
		return "", ErrClosed
	case <-s.b.closed:
		// A Publish that found the Broker open appends under t.mu: let it finish.
		s.t.mu.Lock()
		s.t.mu.Unlock() // an empty critical section: a barrier
		select {
		case <-s.ready:
			return s.take()
		default:
			return "", ErrClosed
		}
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (s *Subscription) Unsubscribe() {
	s.t.mu.Lock()
	defer s.t.mu.Unlock()
	s.once.Do(func() {
		s.ended = true
		s.queue = nil
		s.t.subs = slices.DeleteFunc(s.t.subs, func(x *Subscription) bool { return x == s })
		close(s.gone)
	})
}
