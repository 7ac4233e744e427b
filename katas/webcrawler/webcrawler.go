// Package webcrawler is the Web Crawler kata: fetch every page of one website in
// parallel, each once, with a limit on the fetches in flight.
package webcrawler

import "context"

// A Fetcher fetches web pages. Fetch may be called from many goroutines at once.
type Fetcher interface {
	// Fetch returns the links on the page at url, as they are written on the page:
	// absolute, relative or malformed. When err is not nil, links means nothing. Once ctx
	// is done, Fetch returns promptly with ctx.Err().
	Fetch(ctx context.Context, url string) (links []string, err error)
}

// Crawl returns startURL and every URL reachable from it through links whose hostname
// equals startURL's, each exactly once, in any order.
//
// Which links to follow: a link is followed when url.Parse(link) succeeds and its
// Hostname() equals url.Parse(startURL).Hostname(). A link that does not parse is
// skipped, and so is a relative link (it has no hostname). Only the hostname decides,
// not the scheme, port, user, path, query or fragment, and hostnames are compared whole:
// "example.com.evil.org" and "example.community" are other hosts than "example.com".
// URLs are compared as exact strings, with no normalization: "http://example.com/a" and
// "http://example.com/a#top" are two URLs. Crawl may assume that startURL parses and has
// a hostname.
//
// Fetches: Crawl calls f.Fetch(ctx, u) exactly once for each URL u of the result, and
// for no other URL, passing the ctx it was given (or one derived from it). At most
// parallel fetches are in flight at any moment (parallel < 1 means 1), and no fetch
// waits while a slot is free: whenever fewer than parallel fetches are in flight, every
// URL discovered so far (startURL, and the followed links of every page whose fetch
// has succeeded) is being fetched or has been. A page whose fetch fails stays in the
// result but contributes no links, whatever Fetch returned with its error; the error is
// not returned.
//
// Return: when every fetch is done, Crawl returns the result and a nil error, at once.
// Crawl never returns while a fetch or a goroutine it started is still running, and no
// fetch starts after it returns.
//
// Cancellation: when ctx is done, Crawl stops starting new work and returns promptly
// (its fetches in flight return promptly too) with a partial result and ctx.Err(). The
// partial result holds every URL Crawl passed to Fetch (a fetch cut short by the
// cancellation is a failed fetch), and may also hold URLs it had discovered but not
// fetched yet; nothing else, each once. It is a subset of the full result.
func Crawl(ctx context.Context, startURL string, f Fetcher, parallel int) ([]string, error) {
	panic("webcrawler: not implemented")
}
