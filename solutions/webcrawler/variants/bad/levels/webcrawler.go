// Package webcrawler is a known-bad Web Crawler.
//
// Bug: it crawls level by level (a common answer to LeetCode 1242): it fetches the
// URLs of one level in parallel and waits for the slowest before it starts the next,
// so a link found early waits for pages it does not depend on. Verdict: "late: a
// fetch waited while a slot was free".
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
	seen := map[string]bool{startURL: true}
	level := []string{startURL}
	var result []string
	for len(level) > 0 && ctx.Err() == nil {
		result = append(result, level...)
		found := make([][]string, len(level))
		var wg sync.WaitGroup
		for i, u := range level {
			wg.Go(func() {
				slots <- struct{}{}
				defer func() { <-slots }()
				if links, err := f.Fetch(ctx, u); err == nil {
					found[i] = links
				}
			})
		}
		wg.Wait()
		level = nil
		for _, links := range found {
			for _, link := range links {
				if !seen[link] && hostname(link) == host {
					seen[link] = true
					level = append(level, link)
				}
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
