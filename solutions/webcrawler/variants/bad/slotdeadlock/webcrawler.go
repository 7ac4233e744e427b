// Package webcrawler is a known-bad Web Crawler.
//
// Bug: each page's goroutine holds its slot of the semaphore while it waits for the
// goroutines of its links, which need slots too: once every slot is held by a waiting
// parent, nobody can proceed (at once with parallel 1). Verdict: "deadlock: Crawl never
// returned".
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
	var (
		mu      sync.Mutex
		visited = map[string]bool{startURL: true}
		result  []string
	)
	var crawl func(u string)
	crawl = func(u string) {
		slots <- struct{}{}
		defer func() { <-slots }()
		mu.Lock()
		result = append(result, u)
		mu.Unlock()
		links, err := f.Fetch(ctx, u)
		if err != nil {
			return
		}
		var wg sync.WaitGroup
		for _, link := range links {
			mu.Lock()
			fresh := !visited[link] && host != "" && hostname(link) == host
			visited[link] = true
			mu.Unlock()
			if fresh {
				wg.Go(func() { crawl(link) })
			}
		}
		wg.Wait()
	}
	crawl(startURL)
	return result, ctx.Err()
}

func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
