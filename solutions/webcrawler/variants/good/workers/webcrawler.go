// Package webcrawler is a correct Web Crawler in the style of crawl3 in The Go
// Programming Language (section 8.6): a coordinator hands URLs to worker goroutines on
// one channel and receives their links on another, with a select so that it never
// blocks on one while the other is ready. Workers start lazily, up to parallel, and
// the coordinator waits for them to exit before it returns.
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
	limit := max(parallel, 1)
	unseen := make(chan string)     // URLs to fetch, to the workers
	worklist := make(chan []string) // the links of each page fetched, from the workers
	var wg sync.WaitGroup
	worker := func() {
		for u := range unseen {
			links, err := f.Fetch(ctx, u)
			if err != nil {
				links = nil
			}
			worklist <- links
		}
	}

	seen := map[string]bool{startURL: true}
	queue := []string{startURL}
	var fetched []string
	workers, busy := 0, 0
	for {
		// ctx.Err() is read once per round: read twice, ctx could be cancelled in
		// between, and the select would wait for a worker that was never sent a URL.
		cancelled := ctx.Err() != nil
		if busy == 0 && (len(queue) == 0 || cancelled) {
			break
		}
		var send chan string // nil, and so never ready, unless a URL can go out now
		var next string
		if len(queue) > 0 && busy < limit && !cancelled {
			send, next = unseen, queue[0]
			if workers == busy { // no worker is idle
				workers++
				wg.Go(worker)
			}
		}
		select {
		case send <- next:
			queue = queue[1:]
			fetched = append(fetched, next)
			busy++
		case links := <-worklist:
			busy--
			for _, link := range links {
				if !seen[link] && host != "" && hostname(link) == host {
					seen[link] = true
					queue = append(queue, link)
				}
			}
		}
	}
	close(unseen)
	wg.Wait()
	return fetched, ctx.Err()
}

func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
