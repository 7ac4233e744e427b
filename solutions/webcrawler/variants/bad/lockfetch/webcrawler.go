// Package webcrawler is a known-bad Web Crawler.
//
// Bug: each goroutine holds the mutex of the visited set for its whole step, Fetch
// included, so fetches never overlap. In fake time a goroutine waiting in
// sync.Mutex.Lock stops the clock, and the judge reports the lock. Verdict: "deadlock:
// a goroutine of yours waits in sync.Mutex.Lock while a fetch is in flight".
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
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		visited = map[string]bool{}
		result  []string
	)
	var visit func(u string)
	visit = func(u string) {
		defer wg.Done()
		mu.Lock()
		defer mu.Unlock()
		if visited[u] || ctx.Err() != nil {
			return
		}
		visited[u] = true
		result = append(result, u)
		links, err := f.Fetch(ctx, u)
		if err != nil {
			return
		}
		for _, link := range links {
			if host != "" && hostname(link) == host {
				wg.Add(1)
				go visit(link)
			}
		}
	}
	wg.Add(1)
	visit(startURL)
	wg.Wait()
	return result, ctx.Err()
}

func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
