package webcrawlertest

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestWebsCoverTheTraps checks that the generated webs put every trap the judge relies on
// within reach of the crawl, often enough for 300 schedules to meet each many times.
func TestWebsCoverTheTraps(t *testing.T) {
	gen := rapid.Custom(func(t *rapid.T) *web { return drawWeb(t, true) })
	const n = 1000
	count := map[string]int{}
	for seed := range n {
		w := gen.Example(seed)
		full, _ := w.full()
		start, _ := url.Parse(w.start)
		in := func(u string) bool { return slices.Contains(full, u) }
		seen := map[string]bool{}
		note := func(trap string, ok bool) {
			if ok && !seen[trap] {
				seen[trap] = true
				count[trap]++
			}
		}
		note("at least 6 pages reachable", len(full) >= 6)
		note("cancelled before the call", w.cancel.mode == "before")
		note("cancelled during the crawl", w.cancel.mode == "cancel" && w.cancel.at > 0)
		note("deadline during the crawl", w.cancel.mode == "deadline" && w.cancel.at > 0)
		note("parallel < 1", w.parallel < 1)
		note("parallel 64", w.parallel == 64)
		for _, u := range full {
			pu, _ := url.Parse(u)
			note("reachable URL with another port", pu.Host != start.Host)
			note("reachable URL with another scheme", pu.Scheme != start.Scheme)
			note("reachable URL with a fragment or query", pu.Fragment != "" || pu.RawQuery != "")
			note("reachable URL with a user", pu.User != nil)
			if pu.Fragment != "" || pu.RawQuery != "" {
				plain := *pu
				plain.Fragment, plain.RawQuery = "", ""
				note("two reachable URLs that differ only by a fragment or query", in(plain.String()))
			}
			p := w.pages[u]
			if p.fail != "" {
				note("reachable failing page", true)
				note("reachable failing page returning a link to a private URL", p.leaky && slices.ContainsFunc(p.links, func(l string) bool { return strings.Contains(l, "/private/") }))
				continue
			}
			for i, l := range p.links {
				note("self-link", l == u)
				note("a page linking to one URL twice", slices.Contains(p.links[i+1:], l))
				note("link back to the start URL", l == w.start && u != w.start)
				note("link to a hostname sharing a prefix", strings.HasPrefix(l, "http://example.com.") || strings.HasPrefix(l, "http://example.community"))
				note("link with no hostname", l == "/about" || l == "example.com/about" || strings.HasPrefix(l, "mailto:"))
				_, err := url.Parse(l)
				note("malformed link", err != nil)
				note("link to a same-host URL that no page links to", w.follows(l) && w.pages[l] == nil)
			}
		}
	}
	traps := []string{
		"at least 6 pages reachable", "cancelled before the call", "cancelled during the crawl",
		"deadline during the crawl", "parallel < 1", "parallel 64",
		"reachable URL with another port", "reachable URL with another scheme",
		"reachable URL with a fragment or query", "reachable URL with a user",
		"two reachable URLs that differ only by a fragment or query",
		"reachable failing page", "reachable failing page returning a link to a private URL",
		"self-link", "a page linking to one URL twice", "link back to the start URL",
		"link to a hostname sharing a prefix", "link with no hostname", "malformed link",
	}
	for _, trap := range traps {
		if count[trap] < n/50 {
			t.Errorf("%s: in %d of %d webs, want at least %d", trap, count[trap], n, n/50)
		}
	}
	if c := count["link to a same-host URL that no page links to"]; c != 0 {
		t.Errorf("%d webs link to a same-host URL outside the web from a page that loads; every such link must lead to a page", c)
	}
	t.Logf("webs meeting each trap, of %d: %v", n, count)
}
