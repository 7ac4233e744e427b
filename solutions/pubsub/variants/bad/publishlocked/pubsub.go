// Package pubsub is a known-bad Publish/Subscribe broker.
//
// Bug: each subscription is a buffered channel, and Publish holds the Broker's mutex
// while it sends to them (to keep one order for all subscriptions). When a subscription's
// buffer is full and its reader decides to Unsubscribe instead of reading, Unsubscribe
// waits for the mutex, and the publisher waits for room that never comes: a deadlock. A
// message can also be partly delivered when ctx ends. Verdict: "deadlock: Unsubscribe did
// not return while a Publish was waiting for room in its subscription's full buffer".
package pubsub

import (
	"context"
	"errors"
	"sync"
)

var ErrClosed = errors.New("pubsub: closed")

type Broker struct {
	mu     sync.Mutex
	topics map[string]map[*Subscription]bool
	closed bool
	done   chan struct{}
}

func New() *Broker {
	return &Broker{topics: map[string]map[*Subscription]bool{}, done: make(chan struct{})}
}

func (b *Broker) Subscribe(topic string, buffer int) (*Subscription, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, ErrClosed
	}
	s := &Subscription{b: b, topic: topic, ch: make(chan string, max(buffer, 1)), gone: make(chan struct{})}
	if b.topics[topic] == nil {
		b.topics[topic] = map[*Subscription]bool{}
	}
	b.topics[topic][s] = true
	return s, nil
}

func (b *Broker) Publish(ctx context.Context, topic, msg string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return ErrClosed
	}
	for s := range b.topics[topic] {
		select {
		case s.ch <- msg:
		case <-ctx.Done():
			return ctx.Err()
		case <-b.done:
			return ErrClosed
		}
	}
	return nil
}

func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.done)
	}
}

type Subscription struct {
	b     *Broker
	topic string
	ch    chan string
	once  sync.Once
	gone  chan struct{}
}

func (s *Subscription) Next(ctx context.Context) (string, error) {
	select {
	case <-s.gone:
		return "", ErrClosed
	default:
	}
	select {
	case m := <-s.ch:
		return m, nil
	case <-s.gone:
		return "", ErrClosed
	case <-s.b.done:
		select {
		case m := <-s.ch:
			return m, nil
		default:
			return "", ErrClosed
		}
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (s *Subscription) Unsubscribe() {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	delete(s.b.topics[s.topic], s)
	s.once.Do(func() { close(s.gone) })
}
