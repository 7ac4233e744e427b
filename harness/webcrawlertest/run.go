package webcrawlertest

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness"
)

// crawlFunc is the learner's Crawl, with the fake fetcher converted to their Fetcher.
type crawlFunc func(ctx context.Context, startURL string, f *fake, parallel int) ([]string, error)

// An outcome is what happened in one schedule.
type outcome struct {
	panicked string         // a verdict for a panic in Crawl
	stuck    *harness.Stuck // the bubble deadlocked, or goroutines were left blocked
	returned bool           // Crawl returned
	at       time.Duration  // when Crawl returned, in fake time since the call
	result   []string
	err      error
	running  []fetch // fetches in flight when Crawl returned
	alive    []harness.Goroutine
	fetches  []fetch // every fetch, in start order
	nilCtx   string
	over     []string
	overAt   time.Duration
}

// run plays one schedule in a synctest bubble: it calls Crawl with the fake fetcher,
// cancels ctx as planned, and after Crawl returns lets the bubble settle and lists the
// learner's goroutines still there.
//
// leftovers holds the learner's goroutines that earlier schedules left behind (blocked
// forever in their bubbles); run adds the ones this schedule leaves.
func run(t *testing.T, pkg string, w *web, crawl crawlFunc, progress func(), leftovers map[string]bool) outcome {
	t.Helper()
	var o outcome
	fk := newFake(w, progress)
	o.stuck = harness.Bubble(t, pkg, func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		stop := func() bool { return false }
		switch w.cancel.mode {
		case "before":
			cancel()
		case "cancel":
			stop = time.AfterFunc(w.cancel.at, cancel).Stop
		case "deadline":
			var cancelTimeout context.CancelFunc
			ctx, cancelTimeout = context.WithTimeout(ctx, w.cancel.at)
			defer cancelTimeout()
		}
		before := runtime.NumGoroutine()

		fk.t0 = time.Now()
		var result []string
		var err error
		o.panicked = harness.Call(pkg, "Crawl", func() { result, err = crawl(ctx, w.start, fk, w.parallel) })
		o.at = time.Since(fk.t0)
		o.running = fk.markReturned()
		o.returned = true
		o.result, o.err = slices.Clone(result), err
		stop()
		if o.panicked != "" {
			return
		}
		// Let goroutines that are on their way out finish; whatever is left after
		// that outlived the call.
		synctest.Wait()
		if runtime.NumGoroutine() == before {
			return // the usual case, without a costly stack dump
		}
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			if !leftovers[g.ID] {
				o.alive = append(o.alive, g)
			}
		}
	})
	if o.stuck != nil || len(o.alive) > 0 || o.panicked != "" {
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			leftovers[g.ID] = true
		}
	}
	o.fetches = fk.record()
	fk.mu.Lock()
	o.nilCtx, o.over, o.overAt = fk.nilCtx, fk.over, fk.overAt
	fk.mu.Unlock()
	return o
}
