// Package pubsubtest checks implementations of the pubsub kata.
package pubsubtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// Broker is the kata's Broker, with subscriptions of type S.
type Broker[S any] interface {
	Subscribe(topic string, buffer int) (S, error)
	Publish(ctx context.Context, topic, msg string) error
	Close()
}

// Subscription is the kata's Subscription.
type Subscription interface {
	Next(ctx context.Context) (string, error)
	Unsubscribe()
}

// Schedules is how many generated schedules Check runs.
const Schedules = 500

// Churn is how many subscriptions the "unsubscribe" rule makes and ends.
const Churn = 20

// Check hammers the Brokers of newBroker, rule by rule: "waiting", real-time probes of
// how Next, a Publish blocked on a full buffer and an idle Broker wait, and whether
// Unsubscribe returns while a Publish waits for its subscription; "cancel", what a
// ctx that ends does to Next and Publish (nothing taken, nothing delivered); "story", the kata's
// example in fake time, on one Broker and on two at once; "unsubscribe", subscriptions
// that end leave no goroutine behind; "schedules", generated schedules in synctest
// bubbles (subscriptions with small buffers and slow readers, publishers with and without
// timeouts, Unsubscribe and Close at any point), checked for lost, duplicated, reordered
// or partly delivered messages, overfilled buffers, calls that wait when they must not or
// return late, deadlocks and leaks; "stress", real time with no synchronization of the
// harness between your goroutines, for the race detector; "misuse", ErrClosed is the
// kata's error.
//
// subscribe is the kata's (*Broker).Subscribe; errClosed its ErrClosed.
func Check[B Broker[S], S Subscription](t *testing.T, newBroker func() B, subscribe func(B, string, int) (S, error), errClosed error) {
	t.Helper()
	pkg := harness.PackageOf(newBroker)
	w := harness.StartWatchdog(t, pkg)
	mk := func() broker { return adapter[B, S]{newBroker()} }
	judge := func(t *testing.T, plans []plan, context string) string {
		t.Helper()
		return judge(t, pkg, w, mk, errClosed, plans, context)
	}
	harness.Rules(t,
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { w.Record(nil); probe(t, pkg, w, mk) }},
		harness.Rule{Name: "story", Check: func(t *testing.T) {
			for _, run := range []struct {
				what, rule string
				plans      []plan
			}{
				{"one Broker", "", []plan{story()}},
				{"two Brokers at once, each with the same topic", "with two Brokers in use at once (each passed the story on its own; separate Brokers must not share state): ", []plan{story(), story()}},
			} {
				w.Notef("story, %s", run.what)
				if msg := judge(t, run.plans, "story, "+run.what+"; schedule: "+story().String()); msg != "" {
					t.Fatal(harness.Draw(run.rule + msg))
				}
			}
		}},
		harness.Rule{Name: "cancel", Check: func(t *testing.T) { cancel(t, pkg, w, mk) }},
		harness.Rule{Name: "unsubscribe", Check: func(t *testing.T) { churn(t, pkg, w, mk) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				p := drawPlan(rt)
				s := p.String()
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				if msg := judge(t, []plan{p}, "schedule: "+s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { w.Record(nil); stress(t, pkg, w, mk, errClosed) }},
		harness.Rule{Name: "misuse", Check: func(t *testing.T) {
			if errClosed == nil || errClosed.Error() != "pubsub: closed" {
				t.Fatalf("ErrClosed is %v; want errors.New(\"pubsub: closed\")", errClosed)
			}
		}},
	)
}

// judge plays plans in a bubble and returns the first rule they broke, followed by
// context, with the run's timeline attached; "" when no rule broke.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newBroker newBrokerFunc, errClosed error, plans []plan, context string) string {
	t.Helper()
	r, stuck := play(t, pkg, w, newBroker, plans, errClosed)
	msg := r.msg
	if stuck != nil || !r.settled {
		// A deadlock or a leak shows once the bubble has ended.
		msg = r.verdict(stuck, errClosed)
		if b := r.blame(msg); msg != r.msg && b.lane != "" {
			r.broke(b)
		}
	}
	if msg == "" {
		return ""
	}
	return r.tl.Attach(msg + "\n  " + context)
}

// adapter turns the learner's Broker into a broker.
type adapter[B Broker[S], S Subscription] struct{ b B }

func (a adapter[B, S]) Subscribe(topic string, buffer int) (subscription, error) {
	s, err := a.b.Subscribe(topic, buffer)
	if err != nil {
		return nil, err
	}
	return s, nil
}
func (a adapter[B, S]) Publish(ctx context.Context, topic, msg string) error {
	return a.b.Publish(ctx, topic, msg)
}
func (a adapter[B, S]) Close() { a.b.Close() }

// churn makes Churn subscriptions to one topic, publishes to each and ends it, then lets
// fake time pass with no call in progress and counts the learner's goroutines: they must
// not grow with the subscriptions that ended.
func churn(t *testing.T, pkg string, w *harness.Watchdog, newBroker newBrokerFunc) {
	t.Helper()
	const allowed = 2
	what := fmt.Sprintf("%d times: Subscribe(t, 1), Publish(t, m), Next, Unsubscribe; then no call for a second (fake time), then Close", Churn)
	w.Notef("unsubscribe: %s", what)
	var msg string
	var left []harness.Goroutine
	var tl *timeline.Timeline
	stuck := harness.Bubble(t, pkg, func() {
		tl = timeline.New()
		w.Record(tl)
		tl.Lanes(caller, judged)
		call := func(name, label string, fn func()) string {
			sp := tl.Begin(caller, timeline.Call, label)
			msg := harness.Call(pkg, name, fn)
			if msg != "" {
				sp.End("panicked")
				tl.Broke(caller, "panicked")
				return msg
			}
			sp.End("returned")
			return ""
		}
		var b broker
		if msg = call("New", "New", func() { b = newBroker() }); msg != "" {
			return
		}
		for i := range Churn {
			var s subscription
			if msg = call("Subscribe", "Subscribe", func() { s, _ = b.Subscribe("t", 1) }); msg != "" || s == nil {
				return
			}
			m := fmt.Sprint("m", i)
			if msg = call("Publish", "Publish "+m, func() { _ = b.Publish(context.Background(), "t", m) }); msg != "" {
				return
			}
			if msg = call("Next", "Next", func() { _, _ = s.Next(context.Background()) }); msg != "" {
				return
			}
			if msg = call("Unsubscribe", "Unsubscribe", s.Unsubscribe); msg != "" {
				return
			}
			w.Progress()
		}
		sp := tl.Begin(judged, timeline.Wait, "no call for 1s")
		time.Sleep(time.Second)
		sp.End("")
		left = mine(pkg)
		if len(left) > allowed {
			tl.Broke(judged, fmt.Sprintf("%d goroutines left", len(left)))
		}
		msg = call("Close", "Close", b.Close)
	})
	switch {
	case msg != "":
		t.Fatal(harness.Draw(tl.Attach(msg)))
	case stuck != nil && !stuck.Leak:
		tl.Broke(judged, "deadlock")
		t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("deadlock: %s\n  schedule: %s", stuck.Goroutines, what))))
	case len(left) > allowed:
		t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("goroutine leak: %d goroutines of yours were left after %d subscriptions had been made and ended with Unsubscribe, with no call in progress; Unsubscribe must stop whatever its subscription started\n  your goroutines:\n%s\n  schedule: %s",
			len(left), Churn, harness.Describe(pkg, left), what))))
	case stuck != nil:
		tl.Broke(judged, "goroutine leak")
		t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("goroutine leak: goroutines of yours were left after Close returned; once Close has returned, no goroutine of the Broker may be left\n  your goroutines:\n%s\n  schedule: %s", stuck.Goroutines, what))))
	}
}

// mine returns the learner's goroutines of the newest bubble.
func mine(pkg string) []harness.Goroutine {
	all := harness.Goroutines()
	newest := 0
	for _, g := range all {
		newest = max(newest, g.Bubble)
	}
	var out []harness.Goroutine
	for _, g := range harness.Of(pkg, all) {
		if g.Bubble == newest {
			out = append(out, g)
		}
	}
	return out
}
