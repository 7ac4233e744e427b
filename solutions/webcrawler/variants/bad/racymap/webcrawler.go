// Package webcrawler is a known-bad Web Crawler.
//
// Bug: the visited map is read and written by many goroutines without a lock.
// Verdict: the race detector's "DATA RACE".
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
		if visited[u] {
			return
		}
		visited[u] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			mu.Lock()
			result = append(result, u)
			mu.Unlock()
			links, err := f.Fetch(ctx, u)
			<-slots
			if err != nil {
				return
			}
			for _, link := range links {
				if hostname(link) == host {
					visit(link)
				}
			}
		}()
	}
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
