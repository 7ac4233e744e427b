// Package webcrawlertest checks implementations of the webcrawler kata.
package webcrawlertest

import (
	"context"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// Fetcher is the kata's Fetcher interface.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (links []string, err error)
}

// Schedules is how many generated schedules each of the rules "crawl" and "cancel" runs.
const Schedules = 300

// Check judges crawl, an implementation of the kata's Crawl, rule by rule, with a fake
// Fetcher that sleeps in the fake time of testing/synctest bubbles, so that every
// schedule is exact:
//
//   - "tour": the Go Tour's fake web, with parallel 1, 2 and 8;
//   - "crawl": generated webs (cycles, self-links, other hosts, hostnames that share a
//     prefix, ports, malformed and relative links, failing pages) and parallel limits:
//     each URL of the result fetched exactly once and no other; at most parallel fetches
//     in flight; no fetch waiting while a slot is free; Crawl returning, with the full
//     result and a nil error, the instant the last fetch ends; no goroutine left;
//   - "diamond": one web crawled Diamonds times, on which Fan goroutines discover the
//     same URL at one instant, with the yield points at a share that changes from run
//     to run (a check and a mark in two critical sections fetch it twice);
//   - "cancel": the same, with ctx cancelled (or past its deadline) at a random
//     instant or before the call: Crawl returns at that instant with ctx.Err() and a
//     partial result, and nothing of it outlives the call.
//
// A run that gets stuck (a goroutine spinning, or waiting in sync.Mutex.Lock while a
// fetch is in flight) is reported within seconds, and the test binary exits.
func Check[F Fetcher](t *testing.T, crawl func(ctx context.Context, startURL string, f F, parallel int) ([]string, error)) {
	t.Helper()
	pkg := harness.PackageOf(crawl)
	var probe any = (*fake)(nil)
	if _, ok := probe.(F); !ok {
		t.Fatalf("webcrawler: Crawl's Fetcher must be an interface with the one method Fetch(ctx context.Context, url string) (links []string, err error)")
	}
	call := func(ctx context.Context, startURL string, f *fake, parallel int) ([]string, error) {
		return crawl(ctx, startURL, any(f).(F), parallel)
	}
	w := harness.StartWatchdog(t, pkg)
	locks := startLockWatch(t, pkg)
	progress := func() {
		w.Progress()
		locks.progress()
	}
	leftovers := map[string]bool{}
	play := func(t *testing.T, web *web) string {
		t.Helper()
		w.Notef("%s", web.summary())
		locks.notef("%s", web.summary())
		o := run(t, pkg, web, call, progress, w.Record, leftovers)
		msg := o.verdict
		if msg == "" || strings.HasPrefix(msg, "webcrawler: not implemented yet") {
			return msg
		}
		return o.tl.Attach(msg + "\n  " + web.String())
	}

	harness.Rules(t,
		harness.Rule{Name: "tour", Check: func(t *testing.T) {
			for _, parallel := range []int{1, 2, 8} {
				if msg := play(t, tourWeb(parallel)); msg != "" {
					t.Fatal(harness.Draw(msg))
				}
			}
		}},
		harness.Rule{Name: "crawl", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				if msg := play(t, drawWeb(rt, false)); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "diamond", Check: func(t *testing.T) {
			for i := range Diamonds {
				// Each run yields at a share of the yield points of its own, so that
				// the goroutines that discover the last page interleave differently.
				restore := harness.YieldAt(5+i%40, uint64(i))
				msg := play(t, diamondWeb())
				restore()
				if msg != "" {
					t.Fatal(harness.Draw(msg))
				}
			}
		}},
		harness.Rule{Name: "cancel", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				if msg := play(t, drawWeb(rt, true)); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
	)
}
