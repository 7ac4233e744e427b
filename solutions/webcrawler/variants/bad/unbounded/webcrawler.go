// Package webcrawler is a known-bad Web Crawler.
//
// Bug: it ignores parallel and starts every fetch at once, like the Go Tour's official
// answer. Verdict: "too many fetches in flight".
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
		mu.Lock()
		defer mu.Unlock()
		if visited[u] {
			return
		}
		visited[u] = true
		result = append(result, u)
		wg.Add(1)
		go func() {
			defer wg.Done()
			links, err := f.Fetch(ctx, u)
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
