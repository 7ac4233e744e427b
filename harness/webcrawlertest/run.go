package webcrawlertest

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
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

	tl      *timeline.Timeline // what the goroutines did
	verdict string             // judged at the end of the run, in the bubble
}

// run plays one schedule in a synctest bubble: it calls Crawl with the fake fetcher,
// cancels ctx as planned, and after Crawl returns lets the bubble settle, lists the
// learner's goroutines still there and judges the run. Its timeline is given to record
// at the start.
//
// leftovers holds the learner's goroutines that earlier schedules left behind (blocked
// forever in their bubbles); run adds the ones this schedule leaves.
func run(t *testing.T, pkg string, w *web, crawl crawlFunc, progress func(), record func(*timeline.Timeline), leftovers map[string]bool) outcome {
	t.Helper()
	var o outcome
	fk := newFake(w, progress)
	o.stuck = harness.Bubble(t, pkg, func() {
		tl := timeline.New()
		o.tl, fk.tl = tl, tl
		record(tl)
		lanes(tl, w)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		stop := func() bool { return false }
		done := "cancelled ctx"
		switch w.cancel.mode {
		case "before":
			cancel()
			tl.Mark(judged, done)
		case "cancel":
			stop = time.AfterFunc(w.cancel.at, cancel).Stop
		case "deadline":
			var cancelTimeout context.CancelFunc
			ctx, cancelTimeout = context.WithTimeout(ctx, w.cancel.at)
			defer cancelTimeout()
			done = "deadline passed"
		}
		if w.cancel.mode == "cancel" || w.cancel.mode == "deadline" {
			unmark := context.AfterFunc(ctx, func() { tl.Mark(judged, done) })
			defer unmark()
		}
		// Last of all, before ctx is cancelled: judge while the time is still the
		// bubble's.
		defer o.judge(pkg, w, fk, true)
		before := runtime.NumGoroutine()

		fk.t0 = time.Now()
		var result []string
		var err error
		sp := tl.Begin(caller, timeline.Call, "Crawl")
		o.panicked = harness.Call(pkg, "Crawl", func() { result, err = crawl(ctx, w.start, fk, w.parallel) })
		sp.End(crawled(o.panicked, result, err))
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
	if o.stuck != nil || len(o.alive) > 0 {
		// A deadlock or a leak shows once the bubble has ended, and so does what the
		// goroutines left behind did after the run.
		b := blameOf(o.verdict, w, o)
		o.judge(pkg, w, fk, false)
		if nb := blameOf(o.verdict, w, o); nb != b {
			nb.broke(o.tl)
		}
	}
	return o
}

// judge records what the fake fetcher saw and judges the run, and marks where it broke
// if mark.
func (o *outcome) judge(pkg string, w *web, fk *fake, mark bool) {
	o.fetches = fk.record()
	fk.mu.Lock()
	o.nilCtx, o.over, o.overAt = fk.nilCtx, fk.over, fk.overAt
	fk.mu.Unlock()
	o.verdict = judge(pkg, w, *o)
	if b := blameOf(o.verdict, w, *o); b.lane != "" && mark {
		b.broke(o.tl)
	}
}
