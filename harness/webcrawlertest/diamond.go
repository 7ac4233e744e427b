package webcrawlertest

import (
	"fmt"
	"slices"
	"time"
)

// Diamonds is how many times the "diamond" rule crawls its web.
const Diamonds = 200

// Fan is how many pages of the diamond web discover the same URLs at one instant.
const Fan = 4

// diamondWeb is a web on which Fan goroutines discover the same URL at one instant: the
// start page links to Fan pages that all load in 1ns, and each of them links to all of
// them and to one more page. A crawler that checks "visited" in one critical section and
// marks the URL in another fetches that page more than once whenever two of them look
// before either marks; generated webs rarely line that up.
func diamondWeb() *web {
	w := &web{start: "http://example.com/", host: host, pages: map[string]*page{}, parallel: 8}
	add := func(u string, links ...string) {
		w.pages[u] = &page{url: u, latency: time.Nanosecond, links: links}
		w.order = append(w.order, u)
	}
	var fan []string
	for i := range Fan {
		fan = append(fan, fmt.Sprintf("http://example.com/%s", names[i]))
	}
	last := "http://example.com/z"
	links := append(slices.Clone(fan), last) // every fan page's links
	add(w.start, fan...)
	for _, u := range fan {
		add(u, links...)
	}
	add(last)
	return w
}
