// Package webcrawler is a known-bad Web Crawler.
//
// Bug: when ctx is done it throws its work away and returns nil, ctx.Err() (the
// habit of "return nil, err"). The partial result must hold every URL fetched.
// Verdict: "partial result lacks".
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
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return fetched, nil
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
