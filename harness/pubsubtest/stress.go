package pubsubtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// The stress rule runs up to StressRuns Brokers in real time, and starts no new one once
// StressBudget has passed. In each, StressPublishers goroutines publish StressMessages
// messages each to one topic with three subscriptions, each read by a goroutine of its
// own; another goroutine unsubscribes the third subscription and another calls Close, at
// random moments.
const (
	StressRuns       = 60
	StressBudget     = time.Second
	StressPublishers = 2
	StressMessages   = 15
)

// stress runs Brokers in real time and adds no synchronization of its own between the
// learner's goroutines: each goroutine records only into memory of its own, which the
// harness reads once they have all ended. The race detector then sees exactly the
// learner's synchronization.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newBroker newBrokerFunc, errClosed error) {
	t.Helper()
	begin := time.Now()
	for run := 0; run < StressRuns && (run == 0 || time.Since(begin) < StressBudget); run++ {
		buffers := []int{1 + rand.IntN(3), 1 + rand.IntN(3), 1 + rand.IntN(3)}
		what := fmt.Sprintf("stress run %d of %d (real time): subscriptions to topic t with buffers %v, each read by a goroutine until ErrClosed; %d goroutines publish %d messages each; one goroutine unsubscribes subscription 3 and another calls Close at random moments",
			run+1, StressRuns, buffers, StressPublishers, StressMessages)
		w.Notef("%s", what)
		var b broker
		if msg := harness.Call(pkg, "New", func() { b = newBroker() }); msg != "" {
			t.Fatal(msg)
		}
		subs := make([]subscription, len(buffers))
		for i, size := range buffers {
			var err error
			if msg := harness.Call(pkg, "Subscribe", func() { subs[i], err = b.Subscribe("t", size) }); msg != "" {
				t.Fatal(msg)
			}
			if err != nil {
				t.Fatalf("Subscribe(t, %d) returned %v on a Broker that was not closed", size, err)
			}
		}
		got := make([][]string, len(subs))
		results := make([][]error, StressPublishers)
		verdicts := make([]string, len(subs)+StressPublishers+2)
		gate := make(chan struct{})
		var wg sync.WaitGroup
		spawn := func(i int, fn func() string) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				verdicts[i] = fn()
			}()
		}
		for i, s := range subs {
			spawn(i, func() string {
				for range 10 * StressPublishers * StressMessages {
					var m string
					var err error
					if msg := harness.Call(pkg, fmt.Sprintf("Next (subscription %d)", i+1), func() { m, err = s.Next(context.Background()) }); msg != "" {
						return msg
					}
					if errors.Is(err, errClosed) {
						return ""
					}
					if err != nil {
						return fmt.Sprintf("Next (subscription %d) returned %v; want a message, or ErrClosed once the subscription is over", i+1, err)
					}
					got[i] = append(got[i], m)
				}
				return fmt.Sprintf("Next (subscription %d) returned more messages than were published", i+1)
			})
		}
		for g := range StressPublishers {
			spawn(len(subs)+g, func() string {
				for k := range StressMessages {
					var err error
					m := fmt.Sprintf("p%d-%d", g+1, k+1)
					if msg := harness.Call(pkg, fmt.Sprintf("Publish(t, %s)", m), func() { err = b.Publish(context.Background(), "t", m) }); msg != "" {
						return msg
					}
					results[g] = append(results[g], err)
					if rand.IntN(4) == 0 {
						runtime.Gosched()
					}
				}
				return ""
			})
		}
		spawn(len(subs)+StressPublishers, func() string {
			for range rand.IntN(20) {
				runtime.Gosched()
			}
			return harness.Call(pkg, "Unsubscribe (subscription 3)", subs[2].Unsubscribe)
		})
		spawn(len(subs)+StressPublishers+1, func() string {
			for range rand.IntN(60) {
				runtime.Gosched()
			}
			return harness.Call(pkg, "Close", b.Close)
		})
		close(gate)
		wg.Wait()
		w.Progress()
		for _, v := range verdicts {
			if v != "" {
				t.Fatal(v)
			}
		}
		if msg := judgeStress(got, results, errClosed); msg != "" {
			t.Fatalf("%s\n  schedule: %s", msg, what)
		}
	}
}

// judgeStress checks what the readers got against what the publishers were told.
func judgeStress(got [][]string, results [][]error, errClosed error) string {
	ok := map[string]bool{} // published with nil
	for g, errs := range results {
		for k, err := range errs {
			m := fmt.Sprintf("p%d-%d", g+1, k+1)
			switch {
			case err == nil:
				ok[m] = true
			case !errors.Is(err, errClosed):
				return fmt.Sprintf("Publish(t, %s) returned %v; with no ctx deadline want nil, or ErrClosed once Close has been called", m, err)
			}
		}
	}
	for i, ms := range got {
		seen := map[string]bool{}
		last := map[byte]int{}
		for _, m := range ms {
			var g, k int
			if _, err := fmt.Sscanf(m, "p%d-%d", &g, &k); err != nil || g < 1 || g > len(results) {
				return fmt.Sprintf("subscription %d got %q, which was never published", i+1, m)
			}
			switch {
			case seen[m]:
				return fmt.Sprintf("message %s was delivered twice to subscription %d; every message is delivered to each subscription exactly once", m, i+1)
			case !ok[m]:
				return fmt.Sprintf("message %s was delivered to subscription %d although its Publish returned ErrClosed: a Publish that fails delivers to no subscription (all or nothing)", m, i+1)
			case k < last[byte(g)]:
				return fmt.Sprintf("subscription %d got p%d-%d after p%d-%d, but one goroutine published them in the other order: messages must arrive in the order they were published", i+1, g, k, g, last[byte(g)])
			}
			seen[m] = true
			last[byte(g)] = k
		}
		if i < 2 { // never unsubscribed, read until ErrClosed
			for m := range ok {
				if !seen[m] {
					return fmt.Sprintf("lost: message %s was published (Publish returned nil) but never reached subscription %d, which was read until Next returned ErrClosed", m, i+1)
				}
			}
		}
	}
	for i := range got {
		for j := i + 1; j < len(got); j++ {
			var a, b []string
			for _, m := range got[i] {
				if slices.Contains(got[j], m) {
					a = append(a, m)
				}
			}
			for _, m := range got[j] {
				if slices.Contains(got[i], m) {
					b = append(b, m)
				}
			}
			if !slices.Equal(a, b) {
				return fmt.Sprintf("subscriptions %d and %d got their common messages in different orders: %v and %v; all subscriptions of a topic must receive its messages in one and the same order", i+1, j+1, a, b)
			}
		}
	}
	return ""
}
