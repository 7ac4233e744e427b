// Package webcrawler is a known-bad Web Crawler.
//
// Bug: it waits for the crawl to end by spinning on a counter of pending goroutines
// (with runtime.Gosched): it burns a CPU, and in fake time the clock never moves, so
// the crawl never ends. Verdict: "busy-wait".
package webcrawler

import (
	"context"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
)

type Fetcher interface {
	Fetch(ctx context.Context, url string) (links []string, err error)
}

func Crawl(ctx context.Context, startURL string, f Fetcher, parallel int) ([]string, error) {
	host := hostname(startURL)
	slots := make(chan struct{}, max(parallel, 1))
	var (
		pending atomic.Int64 // goroutines not done yet
		mu      sync.Mutex
		visited = map[string]bool{}
		result  []string
	)
	var visit func(u string)
	visit = func(u string) {
		mu.Lock()
		defer mu.Unlock()
		if visited[u] {
			return
		}
		visited[u] = true
		result = append(result, u)
		pending.Add(1)
		go func() {
			defer pending.Add(-1)
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			links, err := f.Fetch(ctx, u)
			<-slots
			if err != nil {
				return
			}
			for _, link := range links {
				if host != "" && hostname(link) == host {
					visit(link)
				}
			}
		}()
	}
	visit(startURL)
	for pending.Load() > 0 {
		runtime.Gosched()
	}
	mu.Lock()
	defer mu.Unlock()
	return result, ctx.Err()
}

func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
