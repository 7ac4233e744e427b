// Package pubsub is a known-bad Publish/Subscribe broker.
//
// Bug: Publish delivers to each subscription as soon as that one has room, and
// waits only for the others; when its ctx ends meanwhile it returns ctx.Err(), but the
// subscriptions that had room already got the message: partly delivered. Verdict: "was
// delivered to subscription ... although its Publish returned context deadline exceeded
// ... (all or nothing)".
package pubsub

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned by Subscribe and Publish once Close has been called, and by Next
// once the subscription is over.
var ErrClosed = errors.New("pubsub: closed")

// Broker keeps, under one mutex, each topic's subscriptions and each subscription's
// buffered messages. Nobody waits with the lock held: a waiter takes its topic's changed
// channel, unlocks, and waits on it (and on ctx); whoever changes the topic closes the
// channel and makes a new one, waking every waiter of that topic to look again.
type Broker struct {
	mu     sync.Mutex
	topics map[string]*topic
	closed bool
}

// topic is the state of one topic.
type topic struct {
	subs    map[*Subscription]bool
	changed chan struct{} // closed and replaced whenever the topic changes
}

// broadcast wakes every waiter of t; b.mu is held.
func (t *topic) broadcast() {
	close(t.changed)
	t.changed = make(chan struct{})
}

// New returns a Broker with no subscriptions.
func New() *Broker {
	return &Broker{topics: map[string]*topic{}}
}

// topic returns the topic named name, making it if need be; b.mu is held.
func (b *Broker) topic(name string) *topic {
	t := b.topics[name]
	if t == nil {
		t = &topic{subs: map[*Subscription]bool{}, changed: make(chan struct{})}
		b.topics[name] = t
	}
	return t
}

// Subscribe returns a new subscription to topic with room for buffer messages (at least
// one), or ErrClosed after Close.
func (b *Broker) Subscribe(topic string, buffer int) (*Subscription, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, ErrClosed
	}
	s := &Subscription{b: b, t: b.topic(topic), size: max(buffer, 1), got: map[string]bool{}}
	s.t.subs[s] = true
	return s, nil
}

// Publish waits until every subscription of topic has room, then appends msg to all of
// them at once. It returns ctx.Err() or ErrClosed, having delivered nothing, if ctx ends
// or the Broker closes first.
func (b *Broker) Publish(ctx context.Context, topic, msg string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		if b.closed {
			return ErrClosed
		}
		t := b.topic(topic)
		delivered := false
		for s := range t.subs {
			if len(s.queue) < s.size && !s.got[msg] {
				s.queue = append(s.queue, msg)
				s.got[msg] = true
				delivered = true
			}
		}
		if delivered {
			t.broadcast() // wake the readers; only on a change, or two waiting publishers would wake each other forever
		}
		if t.allGot(msg) {
			return nil
		}
		changed := t.changed
		b.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
		}
		b.mu.Lock()
		if ctx.Err() != nil && !b.closed {
			return ctx.Err()
		}
	}
}

// hasRoom reports whether every subscription of t can take one more message; b.mu is
// held.
func (t *topic) hasRoom() bool {
	for s := range t.subs {
		if len(s.queue) >= s.size {
			return false
		}
	}
	return true
}

// allGot reports whether every subscription of t got msg; b.mu is held.
func (t *topic) allGot(msg string) bool {
	for s := range t.subs {
		if !s.got[msg] {
			return false
		}
	}
	return true
}

// Close ends every subscription and wakes every waiter. It is idempotent.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	for _, t := range b.topics {
		t.broadcast()
	}
}

// Subscription is one subscriber's view of a topic: the messages delivered to it and not
// taken yet, oldest first.
type Subscription struct {
	b     *Broker
	t     *topic
	size  int
	queue []string
	gone  bool // unsubscribed
	got   map[string]bool
}

// Next takes the oldest buffered message, waiting while there is none; it returns
// ErrClosed after Unsubscribe, or after Close once the buffer is empty.
func (s *Subscription) Next(ctx context.Context) (string, error) {
	b := s.b
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		switch {
		case s.gone:
			return "", ErrClosed
		case len(s.queue) > 0:
			msg := s.queue[0]
			s.queue[0] = ""
			s.queue = s.queue[1:]
			s.t.broadcast() // wake the publishers: there is room
			return msg, nil
		case b.closed:
			return "", ErrClosed
		}
		changed := s.t.changed
		b.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
		}
		b.mu.Lock()
		if ctx.Err() != nil && !s.gone && !(b.closed && len(s.queue) == 0) {
			return "", ctx.Err()
		}
	}
}

// Unsubscribe ends the subscription and wakes its topic's waiters: a publisher waiting
// for room here stops waiting, and a waiting Next returns ErrClosed.
func (s *Subscription) Unsubscribe() {
	b := s.b
	b.mu.Lock()
	defer b.mu.Unlock()
	if s.gone {
		return
	}
	s.gone = true
	s.queue = nil
	delete(s.t.subs, s)
	s.t.broadcast()
}
