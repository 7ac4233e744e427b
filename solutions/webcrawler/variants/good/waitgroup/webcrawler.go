// Package webcrawler is a correct Web Crawler with a goroutine per URL, a
// sync.WaitGroup, a mutex-guarded visited set and a buffered channel as a semaphore.
// Its partial result on cancellation is every URL it discovered, fetched or not.
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
		wg      sync.WaitGroup
		mu      sync.Mutex
		visited = map[string]bool{} // claimed URLs: discovered, maybe not fetched yet
	)
	// visit claims u and, unless it was claimed before, crawls it in a new goroutine.
	var visit func(u string)
	visit = func(u string) {
		mu.Lock()
		defer mu.Unlock()
		if visited[u] {
			return
		}
		visited[u] = true
		wg.Add(1) // before the goroutine starts, so that Wait cannot miss it
		go func() {
			defer wg.Done()
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
	wg.Wait()

	result := make([]string, 0, len(visited))
	for u := range visited {
		result = append(result, u)
	}
	return result, ctx.Err()
}

func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
