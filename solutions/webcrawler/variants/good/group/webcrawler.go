// Package webcrawler is a correct Web Crawler on a hand-made group in the style of
// errgroup.Group with SetLimit: at most limit goroutines run functions at once. Unlike
// errgroup's Go, which blocks while every slot is busy (and so deadlocks when a running
// function starts another), this group's Go queues the function, and a goroutine that
// finishes one runs the next queued. Wait waits on a sync.Cond.
package webcrawler

import (
	"context"
	"net/url"
	"sync"
)

type Fetcher interface {
	Fetch(ctx context.Context, url string) (links []string, err error)
}

func Crawl(ctx context.Context, startURL string, f Fetcher, parallel int) ([]string, error) {
	host := hostname(startURL)
	g := newGroup(max(parallel, 1))
	var (
		mu      sync.Mutex
		seen    = map[string]bool{startURL: true}
		fetched []string
	)
	var crawl func(u string) func()
	crawl = func(u string) func() {
		return func() {
			if ctx.Err() != nil {
				return // cancelled while queued
			}
			mu.Lock()
			fetched = append(fetched, u)
			mu.Unlock()
			links, err := f.Fetch(ctx, u)
			if err != nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, link := range links {
				if !seen[link] && host != "" && hostname(link) == host {
					seen[link] = true
					g.Go(crawl(link))
				}
			}
		}
	}
	g.Go(crawl(startURL))
	g.Wait()
	mu.Lock()
	defer mu.Unlock()
	return fetched, ctx.Err()
}

// A group runs functions in at most limit goroutines at once.
type group struct {
	mu      sync.Mutex
	idle    sync.Cond // signalled when running drops to zero
	limit   int
	running int      // goroutines running functions
	queue   []func() // functions waiting for a goroutine
}

func newGroup(limit int) *group {
	g := &group{limit: limit}
	g.idle.L = &g.mu
	return g
}

// Go runs fn in a new goroutine if fewer than limit are running, and otherwise queues
// it. It never blocks.
func (g *group) Go(fn func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.running == g.limit {
		g.queue = append(g.queue, fn)
		return
	}
	g.running++
	go g.work(fn)
}

// work runs fn, then the queued functions, until the queue is empty.
func (g *group) work(fn func()) {
	for fn != nil {
		fn()
		g.mu.Lock()
		fn = nil
		if len(g.queue) > 0 {
			fn, g.queue = g.queue[0], g.queue[1:]
		} else {
			g.running--
			if g.running == 0 {
				g.idle.Broadcast()
			}
		}
		g.mu.Unlock()
	}
}

// Wait waits until every function given to Go, and every function they gave to Go,
// has returned.
func (g *group) Wait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for g.running > 0 {
		g.idle.Wait()
	}
}

func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
