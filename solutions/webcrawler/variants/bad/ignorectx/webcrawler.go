// Package webcrawler is a known-bad Web Crawler.
//
// Bug: it ignores ctx: it fetches with context.Background() and never looks at ctx
// until it returns, so a cancelled crawl runs to its end. Verdict: "late: ctx was
// done at ..., but Crawl returned only at ...".
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
		for inFlight < parallel && len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			fetched = append(fetched, u)
			inFlight++
			go func() {
				links, err := f.Fetch(context.Background(), u)
				pages <- page{u, links, err}
			}()
		}
		if inFlight == 0 {
			return fetched, ctx.Err()
		}
		p := <-pages
		inFlight--
		if p.err != nil {
			continue
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
