// Package webcrawler is a known-bad Web Crawler.
//
// Bug: it follows the links Fetch returns along with an error (it never looks at the
// error). A failed page must contribute no links. Verdict: "Crawl fetched a link of a
// failed page".
package webcrawler

import (
	"context"
	"net/url"
)

type Fetcher interface {
	Fetch(ctx context.Context, url string) (links []string, err error)
}

func Crawl(ctx context.Context, startURL string, f Fetcher, parallel int) ([]string, error) {
	parallel = max(parallel, 1)
	host := hostname(startURL)
	seen := map[string]bool{startURL: true}
	queue := []string{startURL}
	var fetched []string
	pages := make(chan page)
	inFlight := 0
	for {
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
			return fetched, ctx.Err()
		}
		p := <-pages
		inFlight--
		if p.err != nil {
			// the error is ignored
		}
		for _, link := range p.links {
			if !seen[link] && host != "" && hostname(link) == host {
				seen[link] = true
				queue = append(queue, link)
			}
		}
	}
}

type page struct {
	url   string
	links []string
	err   error
}

func hostname(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
