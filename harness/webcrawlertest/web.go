package webcrawlertest

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A web is one schedule: pages on one host, the crawl's parallel limit, and when (if
// ever) the context is cancelled.
type web struct {
	start    string
	host     string           // the start URL's hostname
	pages    map[string]*page // every page Fetch knows, by URL
	order    []string         // the pages in the order they were drawn, start first
	parallel int
	cancel   cancelPlan
}

// A page is what Fetch returns for one URL, after its latency in fake time.
type page struct {
	url     string
	latency time.Duration
	links   []string
	fail    string // the error of a page whose fetch fails; "" for a page that loads
	leaky   bool   // a failing page that returns links along with its error
}

// A cancelPlan says how the context given to Crawl ends.
type cancelPlan struct {
	mode string        // "" (never), "before" (cancelled before the call), "cancel", "deadline"
	at   time.Duration // fake time after the call at which ctx is done
}

const host = "example.com"

// Same-host spellings. A URL's hostname is what url.Parse(...).Hostname() says; the
// scheme, port, user, query and fragment do not change it, and each spelling is a
// different URL (URLs are compared as exact strings).
var (
	startForms = []string{"http://example.com/", "https://example.com/", "http://example.com:8080/"}
	pageForms  = []string{
		"http://example.com/%s",
		"https://example.com/%s",
		"http://example.com:8080/%s",
		"http://example.com/%s?q=1",
		"http://example.com/%s#top",
		"http://user@example.com/%s",
	}
	names = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"}
)

// Links a crawler must not follow.
var (
	foreignLinks = []string{
		"http://example.com.evil.org/", // shares a prefix with the hostname
		"http://example.community/",    // shares a prefix too
		"https://www.example.com/",     // a subdomain is another hostname
		"http://notexample.com/",       // shares a suffix
		"http://evil.org/example.com",  // names the host in its path
		"http://evil.org/?next=http://example.com/",
		"mailto:webmaster@example.com", // no hostname
		"/about",                       // relative: no hostname (this kata does not resolve links)
		"example.com/about",            // no scheme: a path, no hostname
	}
	malformedLinks = []string{
		"http://example.com/%zz",   // invalid URL escape
		"http://example.com:port/", // invalid port
		"http://exa mple.com/",     // invalid character in host
		"http://[::1/",             // missing ']'
		":example.com",             // missing scheme
	}
)

// A pageDraw is one page as drawn; link targets and spellings are taken modulo the
// number of choices, so that rapid can shrink a web by deleting pages.
type pageDraw struct {
	spelling, path, latency int
	parent                  int // a page drawn earlier links to this one
	fail                    int // 0: the page loads; i: it fails with pageErrors[i-1]
	leaky                   bool
	links                   []linkDraw
}

type linkDraw struct {
	kind   int // 0-5: a page further on, 6-7: any page, 8-9: another host or no host, 10: malformed, 11: private
	target int
}

var pageErrors = []string{"500 internal server error", "404 not found", "connection reset"}

var pageGen = rapid.Custom(func(t *rapid.T) pageDraw {
	p := pageDraw{
		spelling: rapid.IntRange(0, len(pageForms)-1).Draw(t, "spelling"),
		path:     rapid.IntRange(0, len(names)-1).Draw(t, "path"),
		parent:   rapid.IntRange(0, len(names)-1).Draw(t, "linked from"),
		latency:  rapid.IntRange(1, 20).Draw(t, "latency (ns)"),
	}
	if rapid.IntRange(0, 5).Draw(t, "fails (5: yes)") == 5 {
		p.fail = rapid.IntRange(1, len(pageErrors)).Draw(t, "error")
		p.leaky = rapid.Bool().Draw(t, "returns links with its error")
	}
	p.links = rapid.SliceOfN(rapid.Custom(func(t *rapid.T) linkDraw {
		return linkDraw{
			kind:   rapid.IntRange(0, 11).Draw(t, "kind"),
			target: rapid.IntRange(0, len(names)-1).Draw(t, "target"),
		}
	}), 0, 6).Draw(t, "links")
	return p
})

// drawWeb draws a schedule. withCancel adds a cancellation at a random instant, or
// before the call.
func drawWeb(rt *rapid.T, withCancel bool) *web {
	w := rapid.Custom(func(t *rapid.T) *web {
		return build(rapid.SliceOfN(pageGen, 1, len(names)).Draw(t, "pages"))
	}).Draw(rt, "web")
	w.parallel = rapid.SampledFrom([]int{1, 2, 3, 4, 64, 0, -1}).Draw(rt, "parallel")
	if withCancel {
		w.cancel.mode = rapid.SampledFrom([]string{"cancel", "deadline", "cancel", "deadline", "before"}).Draw(rt, "cancellation")
		if w.cancel.mode != "before" {
			w.cancel.at = time.Duration(rapid.IntRange(0, w.serialTime()).Draw(rt, "cancel at (ns)"))
		}
	}
	return w
}

// build makes a web of drawn pages; the first is the start page.
func build(draws []pageDraw) *web {
	w := &web{host: host, pages: map[string]*page{}}
	n := len(draws)
	for i, d := range draws {
		var u string
		if i == 0 {
			u = startForms[d.spelling%len(startForms)]
		} else {
			form := pageForms[d.spelling]
			u = fmt.Sprintf(form, names[d.path%i])
			if w.pages[u] != nil {
				u = fmt.Sprintf(form, names[i]) // no earlier page has this name
			}
		}
		w.pages[u] = &page{url: u, latency: time.Duration(d.latency)}
		w.order = append(w.order, u)
	}
	w.start = w.order[0]
	for i, d := range draws[1:] {
		parent := w.pages[w.order[d.parent%(i+1)]]
		parent.links = append(parent.links, w.order[i+1])
	}
	for i, d := range draws {
		p := w.pages[w.order[i]]
		if d.fail > 0 {
			p.fail, p.leaky = pageErrors[d.fail-1], d.leaky
		}
		for _, l := range d.links {
			switch {
			case l.kind <= 5:
				p.links = append(p.links, w.order[(i+1+l.target)%n])
			case l.kind <= 7:
				p.links = append(p.links, w.order[l.target%n])
			case l.kind <= 9:
				p.links = append(p.links, foreignLinks[l.target%len(foreignLinks)])
			case l.kind == 10:
				p.links = append(p.links, malformedLinks[l.target%len(malformedLinks)])
			case p.leaky:
				// A same-host URL that only a failed page links to: a crawler that
				// follows the links of failed pages fetches it.
				p.links = append(p.links, fmt.Sprintf("http://%s/private/%d", host, i))
			default:
				p.links = append(p.links, w.order[l.target%n])
			}
		}
	}
	return w
}

// GoString is how rapid logs a drawn web: the verdict describes it in full.
func (w *web) GoString() string {
	full, _ := w.full()
	return fmt.Sprintf("%d pages, %d reachable from %s (described above)", len(w.pages), len(full), w.start)
}

// tourWeb is the Go Tour's fake web (tour.golang.org/concurrency/10), with latencies.
func tourWeb(parallel int) *web {
	w := &web{start: "https://golang.org/", host: "golang.org", pages: map[string]*page{}, parallel: parallel}
	add := func(u string, ms int, fail string, links ...string) {
		w.pages[u] = &page{url: u, latency: time.Duration(ms) * time.Millisecond, links: links, fail: fail}
		w.order = append(w.order, u)
	}
	add("https://golang.org/", 1, "", "https://golang.org/pkg/", "https://golang.org/cmd/")
	add("https://golang.org/pkg/", 2, "", "https://golang.org/", "https://golang.org/cmd/", "https://golang.org/pkg/fmt/", "https://golang.org/pkg/os/")
	add("https://golang.org/cmd/", 1, "not found: https://golang.org/cmd/")
	add("https://golang.org/pkg/fmt/", 1, "", "https://golang.org/", "https://golang.org/pkg/")
	add("https://golang.org/pkg/os/", 1, "", "https://golang.org/", "https://golang.org/pkg/")
	return w
}

// follows reports whether a crawler follows link: it parses and its hostname is the
// start URL's.
func (w *web) follows(link string) bool {
	u, err := url.Parse(link)
	return err == nil && u.Hostname() == w.host
}

// full returns the full result (the model: a sequential crawl), in crawl order, and for
// each URL but the start a page that links to it.
func (w *web) full() (result []string, from map[string]string) {
	from = map[string]string{}
	seen := map[string]bool{w.start: true}
	result = []string{w.start}
	for i := 0; i < len(result); i++ {
		p := w.pages[result[i]]
		if p == nil || p.fail != "" {
			continue
		}
		for _, l := range p.links {
			if !seen[l] && w.follows(l) {
				seen[l] = true
				from[l] = p.url
				result = append(result, l)
			}
		}
	}
	return result, from
}

// serialTime returns the time a serial crawl takes, in nanoseconds: the sum of the
// latencies of the pages in the full result.
func (w *web) serialTime() int {
	full, _ := w.full()
	var d time.Duration
	for _, u := range full {
		if p := w.pages[u]; p != nil {
			d += p.latency
		}
	}
	return int(d)
}

func (w *web) limit() int { return max(w.parallel, 1) }

// parallelText describes the limit: "parallel=2", "parallel=0 (which means 1)".
func (w *web) parallelText() string {
	if w.parallel < 1 {
		return fmt.Sprintf("parallel=%d (which means 1)", w.parallel)
	}
	return fmt.Sprintf("parallel=%d", w.parallel)
}

// why explains why a crawler must not fetch u, a URL outside the full result: the rule
// it breaks, and the details.
func (w *web) why(u string) (rule, details string) {
	pu, err := url.Parse(u)
	switch {
	case err != nil:
		return "a link that does not parse", fmt.Sprintf("%s (%v); skip links that do not parse", u, err)
	case pu.Hostname() == "":
		return "a link with no hostname", fmt.Sprintf("%s, whose url.Parse(link).Hostname() is \"\"; follow only links whose hostname is %q (this kata does not resolve relative links)", u, w.host)
	case pu.Hostname() != w.host && strings.HasPrefix(pu.Hostname(), w.host):
		return "a URL on another host", fmt.Sprintf("%s, whose hostname %q only starts with %q; compare url.Parse(link).Hostname() with the start URL's, whole", u, pu.Hostname(), w.host)
	case pu.Hostname() != w.host:
		return "a URL on another host", fmt.Sprintf("%s, whose hostname is %q, not %q", u, pu.Hostname(), w.host)
	}
	for _, from := range w.order {
		if p := w.pages[from]; p.fail != "" && p.leaky && slices.Contains(p.links, u) {
			return "a link of a failed page", fmt.Sprintf("%s, which only the failed page %s returned, along with its error; a page whose fetch fails contributes no links", u, from)
		}
	}
	return "a URL that is not reachable", fmt.Sprintf("%s, which no page that loads links to", u)
}

// hint explains why u, a URL of the full result, belongs in it, when a common mistake
// would leave it out.
func (w *web) hint(u string) string {
	start, _ := url.Parse(w.start)
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	switch {
	case pu.Host != start.Host:
		return fmt.Sprintf(" (its hostname is %q like the start URL's: compare url.URL.Hostname(), not Host, which includes the port)", pu.Hostname())
	case pu.Scheme != start.Scheme:
		return fmt.Sprintf(" (its hostname is %q like the start URL's; the scheme does not matter)", pu.Hostname())
	case pu.User != nil:
		return fmt.Sprintf(" (its hostname is %q; the user does not matter)", pu.Hostname())
	case pu.Fragment != "" || pu.RawQuery != "":
		return " (URLs are compared as exact strings: a query or fragment makes another URL)"
	}
	if p := w.pages[u]; p != nil && p.fail != "" {
		return " (its fetch fails, but a page whose fetch fails stays in the result)"
	}
	return ""
}

// String describes the web for a verdict, one page a line.
func (w *web) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the web (start %s, %s", w.start, w.parallelText())
	switch w.cancel.mode {
	case "before":
		b.WriteString(", ctx cancelled before the call")
	case "cancel":
		fmt.Fprintf(&b, ", ctx cancelled at %v", w.cancel.at)
	case "deadline":
		fmt.Fprintf(&b, ", ctx deadline at %v", w.cancel.at)
	}
	b.WriteString("), its pages reachable from the start URL:")
	full, _ := w.full()
	width := 0
	for _, u := range full {
		width = max(width, len(u))
	}
	for _, u := range full {
		p := w.pages[u]
		fmt.Fprintf(&b, "\n    %-*s %5v", width, u, p.latency)
		if p.fail != "" {
			fmt.Fprintf(&b, " fails (%s)", p.fail)
			if !p.leaky {
				continue
			}
			b.WriteString(", returning anyway")
		}
		if len(p.links) == 0 {
			b.WriteString(" -> no links")
			continue
		}
		fmt.Fprintf(&b, " -> %s", strings.Join(p.links, " "))
	}
	return b.String()
}

// summary is a one-line description of the web for the watchdog.
func (w *web) summary() string {
	s := fmt.Sprintf("Crawl(%s) on %d pages with %s", w.start, len(w.pages), w.parallelText())
	switch w.cancel.mode {
	case "before":
		s += ", ctx cancelled before the call"
	case "cancel", "deadline":
		s += fmt.Sprintf(", ctx done at %v", w.cancel.at)
	}
	return s
}
