package pubsubtest

import (
	"context"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe watches the learner's goroutines wait.
const ProbeWindow = 100 * time.Millisecond

// Grace is how long, in real time, a probe lets a call that must not wait take.
const Grace = time.Second

// probe checks, in real time, how an idle Broker, a Next on an empty subscription and a
// Publish blocked on a full buffer wait (a blocked goroutine uses no CPU and is not found
// in time.Sleep), and that Unsubscribe returns while a Publish waits for room in its
// subscription, which then stops waiting for it. It runs first, outside bubbles: in a
// bubble a spinning goroutine, or one parked in sync.Mutex.Lock, stops fake time.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newBroker newBrokerFunc) {
	t.Helper()
	// within runs fn on a goroutine and waits up to limit for it.
	within := func(what string, limit time.Duration, fn func(), stuck string) {
		t.Helper()
		w.Progress()
		done := make(chan string, 1)
		go func() { done <- harness.Call(pkg, what, fn) }()
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
		case <-time.After(limit):
			t.Fatalf("%s\n  your goroutines:\n%s", stuck, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		w.Progress()
	}
	var b broker
	within("New", Grace, func() { b = newBroker() }, "deadlock: New did not return")

	w.Notef("an idle Broker, and Next on an empty subscription (real time)")
	var s1 subscription
	within("Subscribe", Grace, func() { s1, _ = b.Subscribe("news", 1) }, "Subscribe(news, 1) did not return on a new Broker: Subscribe never waits")
	if s1 == nil {
		t.Fatal("Subscribe(news, 1) on a new Broker returned an error; want a subscription")
	}
	got := make(chan string, 1)
	go func() {
		var m string
		msg := harness.Call(pkg, "Next", func() { m, _ = s1.Next(context.Background()) })
		if msg == "" {
			msg = "got " + m
		}
		got <- msg
	}()
	rep := harness.ObserveWait(pkg, ProbeWindow)
	within("Publish(news, m1)", Grace, func() { _ = b.Publish(context.Background(), "news", "m1") },
		"Publish(news, m1) did not return, with one subscription that had room and a Next waiting: it must deliver at once")
	select {
	case msg := <-got:
		if msg != "got m1" {
			t.Fatal(msg)
		}
	case <-time.After(harness.Deadline):
		t.Fatalf("deadlock: Next never returned, %v after m1 was published to its subscription (real time)", harness.Deadline)
	}
	if msg := rep.Verdict("Next", "a message"); msg != "" {
		t.Fatal(msg)
	}

	w.Notef("Publish waits for room in a full buffer; Unsubscribe ends the wait (real time)")
	first := make(chan string, 1)
	go func() {
		first <- harness.Call(pkg, "Publish(news, m2)", func() { _ = b.Publish(context.Background(), "news", "m2") })
	}()
	select {
	case msg := <-first:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-time.After(Grace):
		// It waits with room in the buffer: the schedules say exactly what went wrong.
		within("Close", Grace, b.Close, "deadlock: Close did not return while a Publish waited")
		return
	}
	published := make(chan string, 1)
	go func() {
		var err error
		msg := harness.Call(pkg, "Publish(news, m3)", func() { err = b.Publish(context.Background(), "news", "m3") })
		if msg == "" && err != nil {
			msg = "Publish(news, m3) returned " + err.Error() + " after the only subscription of news unsubscribed; want nil: with no subscription left, it delivers to none and returns nil"
		}
		published <- msg
	}()
	rep = harness.ObserveWait(pkg, ProbeWindow)
	select {
	case msg := <-published:
		if msg != "" {
			t.Fatal(msg)
		}
		// It did not wait: the schedules say how that goes wrong (a lost message, or an
		// overfilled buffer).
		within("Close", Grace, b.Close, "deadlock: Close did not return")
		return
	default:
	}
	if msg := rep.Verdict("Publish", "room in a full buffer"); msg != "" {
		t.Fatal(msg)
	}
	within("Unsubscribe", Grace, s1.Unsubscribe,
		"deadlock: Unsubscribe did not return while a Publish was waiting for room in its subscription's full buffer (waited "+Grace.String()+" in real time): Unsubscribe never waits for a publisher")
	select {
	case msg := <-published:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-time.After(harness.Deadline):
		t.Fatalf("deadlock: Publish(news, m3) never returned, %v after the only subscription it waited for unsubscribed: a waiting Publish stops waiting for a subscription that ends", harness.Deadline)
	}
	within("Unsubscribe", Grace, s1.Unsubscribe, "Unsubscribe, called a second time, did not return: Unsubscribe is idempotent")
	var m string
	var err error
	within("Next", Grace, func() { m, err = s1.Next(context.Background()) },
		"Next after Unsubscribe did not return: after Unsubscribe, Next returns ErrClosed at once")
	if err == nil {
		t.Fatalf("Next after Unsubscribe returned (%q, nil) (m2 was still buffered); after Unsubscribe, Next must return ErrClosed", m)
	}

	w.Notef("a slow subscription holds up only its own topic (real time)")
	var s2 subscription
	within("Subscribe", Grace, func() { s2, _ = b.Subscribe("news", 1) }, "Subscribe(news, 1) did not return: Subscribe never waits")
	if s2 == nil {
		t.Fatal("Subscribe(news, 1) on a Broker that was not closed returned an error; want a subscription")
	}
	within("Publish(news, n1)", Grace, func() { _ = b.Publish(context.Background(), "news", "n1") },
		"Publish(news, n1) did not return, with one subscription with room for one message and none buffered")
	blocked := make(chan string, 1)
	go func() {
		blocked <- harness.Call(pkg, "Publish(news, n2)", func() { _ = b.Publish(context.Background(), "news", "n2") })
	}()
	time.Sleep(ProbeWindow)
	within("Publish(sports, s1)", Grace, func() { _ = b.Publish(context.Background(), "sports", "s1") },
		"Publish(sports, s1) did not return while a Publish to news waited for room in a full buffer (waited "+Grace.String()+" in real time): sports has no subscription, so it returns at once; a slow subscription holds up only its own topic")
	within("Close", Grace, b.Close, "deadlock: Close did not return while a Publish waited")
	select {
	case msg := <-blocked:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-time.After(harness.Deadline):
		t.Fatalf("deadlock: Publish(news, n2), waiting for room, never returned, %v after Close (real time): Close must end every waiting Publish, with ErrClosed", harness.Deadline)
	}

	w.Notef("an idle Broker (real time)")
	b = nil
	within("New", Grace, func() { b = newBroker() }, "deadlock: New did not return")
	rep = harness.ObserveWait(pkg, ProbeWindow)
	within("Close", Grace, b.Close, "deadlock: Close did not return on an idle Broker")
	if msg := rep.Verdict("the idle Broker", "a call"); msg != "" {
		t.Fatal(msg)
	}
}
