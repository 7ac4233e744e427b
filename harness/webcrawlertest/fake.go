package webcrawlertest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// A fetch is one call of Fetch, as the fake fetcher saw it. Times are fake, measured
// from the call of Crawl.
type fetch struct {
	url         string
	start, end  time.Duration
	ended       bool
	cut         bool     // ctx was done: Fetch returned ctx.Err()
	ok          bool     // Fetch returned links and no error
	links       []string // the links returned, when ok
	afterReturn bool     // started after Crawl had returned
	slot        int      // the slot it took in the timeline, from 0
}

// errRunaway ends a crawl that fetches far more than the web holds (one that never
// deduplicates, on a web with cycles).
var errRunaway = errors.New("webcrawlertest: too many fetches")

// fake is the Fetcher of a schedule. Fetch sleeps for the page's latency in fake time
// and returns at once with ctx.Err() when ctx is done. It records every call; it never
// fails a run itself (the verdict comes later, from the record).
type fake struct {
	web      *web
	t0       time.Time // when Crawl was called (fake time)
	progress func()    // called at each fetch start and end
	tl       *timeline.Timeline

	mu       sync.Mutex
	fetches  []*fetch
	inFlight []*fetch
	returned bool
	slots    []bool   // the timeline's slots in use
	runaway  int      // fetches after which every Fetch fails at once
	nilCtx   string   // the first URL fetched with a nil context
	over     []string // the URLs in flight when the limit was first exceeded
	overAt   time.Duration
}

func newFake(w *web, progress func()) *fake {
	full, _ := w.full()
	return &fake{web: w, progress: progress, runaway: 4*len(full) + 20}
}

// Fetch implements the kata's Fetcher.
func (f *fake) Fetch(ctx context.Context, url string) ([]string, error) {
	f.progress()
	defer f.progress()
	f.mu.Lock()
	rec := &fetch{url: url, start: time.Since(f.t0), afterReturn: f.returned, slot: f.takeSlot()}
	sp := f.tl.Begin(slot(rec.slot), timeline.Wait, "Fetch "+short(url, f.web.start))
	if ctx == nil && f.nilCtx == "" {
		f.nilCtx = url
	}
	f.fetches = append(f.fetches, rec)
	f.inFlight = append(f.inFlight, rec)
	if len(f.inFlight) > f.web.limit() && f.over == nil {
		for _, r := range f.inFlight {
			f.over = append(f.over, r.url)
		}
		f.overAt = rec.start
	}
	runaway := len(f.fetches) > f.runaway
	p := f.web.pages[url]
	f.mu.Unlock()

	if ctx == nil {
		ctx = context.Background()
	}
	latency := time.Nanosecond
	if p != nil {
		latency = p.latency
	}
	cut := ctx.Err() != nil
	if !cut && !runaway {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			cut = true
		}
	}

	var links []string
	var err error
	switch {
	case cut:
		err = ctx.Err()
	case runaway:
		err = errRunaway
	case p == nil:
		err = fmt.Errorf("404 not found: %s", url)
	case p.fail != "":
		err = errors.New(p.fail)
		if p.leaky {
			links = slices.Clone(p.links)
		}
	default:
		links = slices.Clone(p.links)
	}

	f.mu.Lock()
	sp.End(fetched(links, err, cut))
	f.slots[rec.slot] = false
	rec.end, rec.ended, rec.cut = time.Since(f.t0), true, cut
	if err == nil {
		rec.ok, rec.links = true, slices.Clone(links)
	}
	f.inFlight = slices.DeleteFunc(f.inFlight, func(r *fetch) bool { return r == rec })
	f.mu.Unlock()
	return links, err
}

// markReturned records that Crawl returned, and returns the fetches then in flight.
func (f *fake) markReturned() []fetch {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.returned = true
	var running []fetch
	for _, r := range f.inFlight {
		running = append(running, *r)
	}
	return running
}

// record returns a copy of every fetch so far.
func (f *fake) record() []fetch {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]fetch, len(f.fetches))
	for i, r := range f.fetches {
		out[i] = *r
	}
	return out
}
