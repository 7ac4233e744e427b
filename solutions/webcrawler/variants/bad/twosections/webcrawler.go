// Package webcrawler is a known-bad Web Crawler.
//
// Bug: check and mark in two adjacent critical sections. A goroutine checks whether its
// URL was visited under the mutex, unlocks, and marks it in a second critical section
// right after, with nothing in between: every access is locked, so the race detector has
// nothing to say, but two goroutines that discover the same URL can both find it
// unvisited before either marks it, and both fetch it. The judge's yield points make
// that window common; the crawl rule finds it on most runs (it passed once in about 50),
// and the diamond rule, where 4 goroutines discover one page at once, on the others.
// Verdict: "Crawl fetched a URL twice".
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
		mu.Lock()
		visited[u] = true
		result = append(result, u)
		mu.Unlock()
		if ctx.Err() != nil {
			return
		}
		slots <- struct{}{}
		links, err := f.Fetch(ctx, u)
		<-slots
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
