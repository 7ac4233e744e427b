// Package webcrawler is the reference solution of the Web Crawler kata.
package webcrawler

import (
	"context"
	"net/url"
)

// A Fetcher fetches web pages. Fetch may be called from many goroutines at once.
type Fetcher interface {
	// Fetch returns the links on the page at url, as they are written on the page:
	// absolute, relative or malformed. When err is not nil, links means nothing. Once ctx
	// is done, Fetch returns promptly with ctx.Err().
	Fetch(ctx context.Context, url string) (links []string, err error)
}

// A page is the outcome of one fetch.
type page struct {
	url   string
	links []string
	err   error
}

// Crawl returns startURL and every URL reachable from it through links whose hostname
// equals startURL's, each exactly once, in any order, with at most parallel fetches in
// flight (see the kata's README for the whole contract).
//
// The calling goroutine coordinates the crawl, as in the worklist pattern of The Go
// Programming Language (section 8.6): it alone owns the set of URLs seen and the queue
// of URLs to fetch, so they need no lock. Each fetch runs in a goroutine of its own that
// sends its page back on a channel. The coordinator starts a fetch whenever a slot is
// free and a URL is queued, and returns when no fetch is in flight and none can start.
func Crawl(ctx context.Context, startURL string, f Fetcher, parallel int) ([]string, error) {
	parallel = max(parallel, 1)
	host := hostname(startURL)
	seen := map[string]bool{startURL: true}
	queue := []string{startURL} // discovered, not fetched yet
	var fetched []string        // the result: every URL passed to Fetch
	pages := make(chan page)
	inFlight := 0
	for {
		// Fill the free slots, unless ctx is done.
		for inFlight < parallel && len(queue) > 0 && ctx.Err() == nil {
			u := queue[0]
			queue = queue[1:]
			fetched = append(fetched, u)
			inFlight++
			go func() {
				links, err := f.Fetch(ctx, u)
				pages <- page{u, links, err}
			}()
		}
		if inFlight == 0 {
			// Done, or cancelled: nothing is left running.
			return fetched, ctx.Err()
		}
		p := <-pages // a fetch in flight returns promptly once ctx is done
		inFlight--
		if p.err != nil {
			continue // a failed page stays in the result but contributes no links
		}
		for _, link := range p.links {
			if !seen[link] && host != "" && hostname(link) == host {
				seen[link] = true
				queue = append(queue, link)
			}
		}
	}
}

// hostname returns the hostname of rawURL, or "" when it does not parse or has none
// (a relative link).
func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
