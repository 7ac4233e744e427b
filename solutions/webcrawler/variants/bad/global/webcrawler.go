// Package webcrawler is a known-bad Web Crawler.
//
// Bug: its visited set is a package variable, as in the Go Tour's official answer, so
// it outlives the call: a second Crawl of the same site finds every URL visited and
// fetches nothing. Verdict: "state left over from an earlier call".
package webcrawler

import (
	"context"
	"net/url"
	"sync"
)

type Fetcher interface {
	Fetch(ctx context.Context, url string) (links []string, err error)
}

// fetched tracks the URLs that have been fetched (or are being fetched).
var fetched = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

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
		fetched.Lock()
		defer fetched.Unlock()
		if fetched.m[u] {
			return
		}
		fetched.m[u] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			mu.Lock()
			result = append(result, u)
			mu.Unlock()
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
