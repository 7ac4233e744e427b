// Package pubsub is the Publish/Subscribe kata: a broker that delivers every message of a
// topic to every subscription, in one order, with backpressure instead of loss.
package pubsub

import (
	"context"
	"errors"
)

// ErrClosed is returned by Subscribe and Publish once Close has been called, and by Next
// once the subscription is over.
var ErrClosed = errors.New("pubsub: closed")

// Broker routes messages from publishers to the subscriptions of their topic. Its methods,
// and those of its Subscriptions, are safe to call from many goroutines at once. Waiting
// blocks (a channel, sync.Cond): it never spins, polls or sleeps. Separate Brokers are
// independent.
type Broker struct {
	// Add the fields you need.
}

// New returns a Broker with no subscriptions.
func New() *Broker {
	panic("pubsub: not implemented")
}

// Subscribe returns a new subscription to topic that holds up to buffer messages not yet
// taken by Next (a buffer below 1 counts as 1). It never waits. Once Close has been called
// it returns nil and ErrClosed.
//
// Every message published to topic after Subscribe returned, until Unsubscribe or Close
// is called, is delivered to the subscription exactly once. A Publish that overlaps
// Subscribe may or may not reach it; one that returned before Subscribe was called never
// does.
func (b *Broker) Subscribe(topic string, buffer int) (*Subscription, error) {
	panic("pubsub: not implemented")
}

// Publish delivers msg to every subscription of topic and returns nil; with no
// subscription it returns nil at once.
//
// Backpressure, not loss: Publish waits while a subscription of topic has buffer messages
// not yet taken by Next, and delivers msg to all the subscriptions at once as soon as
// every one of them has room. All subscriptions of a topic receive its messages in one and
// the same order, which respects the order of Publish calls that did not overlap (Publish
// of m1 returned before Publish of m2 was called: m1 comes first). A slow subscription
// holds up only its own topic.
//
// If ctx ends first, Publish returns ctx.Err() and msg is delivered to no subscription
// (all or nothing). Once Close has been called, Publish returns ErrClosed, also a Publish
// that was waiting, and msg is delivered to none. If ctx is already done when Publish
// could deliver at once, it may do either.
func (b *Broker) Publish(ctx context.Context, topic, msg string) error {
	panic("pubsub: not implemented")
}

// Close ends every subscription and returns without waiting for publishers or readers.
// Waiting and later Publish calls return ErrClosed; Subscribe returns ErrClosed; Next
// returns the messages already delivered to its subscription, then ErrClosed. Close is
// idempotent, and once it returns no goroutine of the Broker is left running.
func (b *Broker) Close() {
	panic("pubsub: not implemented")
}

// Subscription is one subscriber's view of a topic.
type Subscription struct {
	// Add the fields you need.
}

// Next takes the oldest message delivered to the subscription and not taken yet, waiting
// while there is none. If ctx ends first it returns "" and ctx.Err() and takes nothing; if
// ctx is already done when a message is there, it may do either. After Unsubscribe it
// returns ErrClosed (messages still buffered are dropped); after Close it returns the
// messages already delivered, then ErrClosed.
func (s *Subscription) Next(ctx context.Context) (string, error) {
	panic("pubsub: not implemented")
}

// Unsubscribe ends the subscription: no message is delivered to it any more, and a
// Publish waiting for room in its buffer stops waiting for it. It never waits (not for a
// publisher, not for a reader), leaves no goroutine of the subscription running, and is
// idempotent. Next, waiting or later, returns ErrClosed.
func (s *Subscription) Unsubscribe() {
	panic("pubsub: not implemented")
}
