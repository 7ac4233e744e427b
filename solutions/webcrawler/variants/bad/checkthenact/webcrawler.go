// Package webcrawler is a known-bad Web Crawler.
//
// Bug: check-then-act. A goroutine checks the visited set in one critical section and
// marks its URL in another, after fetching it: two goroutines given the same URL both
// find it unvisited, and both fetch it. Verdict: "Crawl fetched a URL twice".
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
	slots := make(chan struct{}, max(parallel, 1))
	visited := map[string]bool{}
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		result []string
	)
	var visit func(u string)
	visit = func(u string) {
		defer wg.Done()
		mu.Lock()
		done := visited[u]
		mu.Unlock()
		if done {
			return
		}
		slots <- struct{}{}
		links, err := f.Fetch(ctx, u)
		<-slots
		mu.Lock()
		visited[u] = true
		result = append(result, u)
		mu.Unlock()
		if err != nil {
			return
		}
		for _, link := range links {
			if hostname(link) == host {
				wg.Add(1)
				go visit(link)
			}
		}
	}
	wg.Add(1)
	go visit(startURL)
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
