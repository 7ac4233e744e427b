// Package webcrawler is a known-bad Web Crawler.
//
// Bug: it crawls serially, one fetch at a time, whatever parallel says: correct
// results, but the crawl takes the sum of the latencies instead of the critical path.
// Verdict: "late: a fetch waited while a slot was free".
package webcrawler

import (
	"context"
	"net/url"
)

type Fetcher interface {
	Fetch(ctx context.Context, url string) (links []string, err error)
}

func Crawl(ctx context.Context, startURL string, f Fetcher, parallel int) ([]string, error) {
	host := hostname(startURL)
	seen := map[string]bool{startURL: true}
	queue := []string{startURL}
	var result []string
	for len(queue) > 0 && ctx.Err() == nil {
		u := queue[0]
		queue = queue[1:]
		result = append(result, u)
		links, err := f.Fetch(ctx, u)
		if err != nil {
			continue
		}
		for _, link := range links {
			if !seen[link] && hostname(link) == host {
				seen[link] = true
				queue = append(queue, link)
			}
		}
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
