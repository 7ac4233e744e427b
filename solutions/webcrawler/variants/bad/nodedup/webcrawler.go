// Package webcrawler is a known-bad Web Crawler.
//
// Bug: no visited set. Every link is crawled, so a page that two pages link to, or
// that a cycle leads back to, is fetched again and again (the Go Tour's exercise
// before its TODO is done). Verdict: "Crawl fetched a URL twice".
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
		wg     sync.WaitGroup
		mu     sync.Mutex
		result []string
	)
	var visit func(u string)
	visit = func(u string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			links, err := f.Fetch(ctx, u)
			<-slots
			mu.Lock()
			result = append(result, u)
			mu.Unlock()
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
