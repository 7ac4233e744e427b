package webcrawlertest

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gokata/workbook/harness/timeline"
)

// The timeline of a schedule has a lane for the caller of Crawl, one per slot (a fetch
// in flight takes the lowest free slot, so that a crawl over its limit fills a lane
// more than parallel), and the judge's.
const (
	caller = "caller of Crawl"
	judged = "judge"
)

func slot(i int) string { return "slot " + strconv.Itoa(i+1) }

// takeSlot returns the slot of a fetch that starts now; f.mu is held.
func (f *fake) takeSlot() int {
	i := slices.Index(f.slots, false)
	if i < 0 {
		i = len(f.slots)
		f.slots = append(f.slots, false)
	}
	f.slots[i] = true
	return i
}

// lanes declares the lanes of a schedule of w.
func lanes(tl *timeline.Timeline, w *web) {
	names := []string{caller}
	for i := range w.limit() {
		names = append(names, slot(i))
	}
	tl.Lanes(append(names, judged)...)
}

// short shortens a URL for a label: without the scheme and host of the start URL when
// it has them ("/pkg/fmt/"), and cut at 24 characters.
func short(u, start string) string {
	if s, err := url.Parse(start); err == nil {
		if rest, ok := strings.CutPrefix(u, s.Scheme+"://"+s.Host); ok && rest != "" {
			u = rest
		}
	}
	return timeline.Cut(u, 24)
}

// fetched is how a fetch ended, for the timeline.
func fetched(links []string, err error, cut bool) string {
	switch {
	case cut:
		return "cut short"
	case err != nil:
		return "failed"
	default:
		return fmt.Sprintf("%d links", len(links))
	}
}

// crawled is how Crawl ended, for the timeline.
func crawled(panicked string, result []string, err error) string {
	urls := fmt.Sprintf("%d URLs", len(result))
	if len(result) == 1 {
		urls = "1 URL"
	}
	switch {
	case panicked != "":
		return "panicked"
	case err != nil:
		return fmt.Sprintf("%s, %v", urls, err)
	default:
		return urls
	}
}

// A blame is where a verdict's rule broke: the lane at fault and a short label.
type blame struct{ lane, label string }

// blameOf says where the rule of verdict msg broke in o.
func blameOf(msg string, w *web, o outcome) blame {
	first := func(ok func(f fetch) bool) string {
		for _, f := range o.fetches {
			if ok(f) {
				return slot(f.slot)
			}
		}
		return judged
	}
	switch {
	case msg == "":
		return blame{}
	case o.panicked != "" && msg == o.panicked:
		return blame{caller, "panicked"}
	case strings.HasPrefix(msg, "Crawl called Fetch with a nil context"):
		return blame{first(func(f fetch) bool { return f.url == o.nilCtx }), "nil ctx"}
	case strings.HasPrefix(msg, "Crawl fetched a URL twice"):
		seen := map[string]bool{}
		return blame{first(func(f fetch) bool { twice := seen[f.url]; seen[f.url] = true; return twice }), "fetched twice"}
	case strings.HasPrefix(msg, "Crawl fetched "):
		full, _ := w.full()
		return blame{first(func(f fetch) bool { return !slices.Contains(full, f.url) }), "not to be fetched"}
	case strings.HasPrefix(msg, "too many fetches in flight"):
		return blame{first(func(f fetch) bool { return f.start == o.overAt && f.url == o.over[len(o.over)-1] }), "over the limit"}
	case strings.HasPrefix(msg, "deadlock"):
		return blame{judged, "deadlock"}
	case strings.HasPrefix(msg, "goroutine leak: Crawl returned at") && strings.Contains(msg, "while the fetch"):
		return blame{caller, "returned mid-fetch"}
	case strings.HasPrefix(msg, "goroutine leak: Crawl returned at") && strings.Contains(msg, "and then a goroutine"):
		return blame{first(func(f fetch) bool { return f.afterReturn }), "fetch after return"}
	case strings.HasPrefix(msg, "goroutine leak"):
		return blame{judged, "goroutine leak"}
	case strings.HasPrefix(msg, "late: a fetch waited"):
		return blame{judged, "slot left idle"}
	case strings.HasPrefix(msg, "late"):
		return blame{judged, "returned late"}
	case strings.HasPrefix(msg, "Crawl returned"):
		return blame{caller, "wrong error"}
	default:
		return blame{caller, "wrong result"}
	}
}
