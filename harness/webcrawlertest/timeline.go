package webcrawlertest

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

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

// A blame is where a verdict's rule broke: the lane at fault and a short label, and
// when timed, the instant it showed (else the timeline marks the end of the run).
type blame struct {
	lane, label string
	at          time.Duration
	timed       bool
}

// broke marks b in tl.
func (b blame) broke(tl *timeline.Timeline) {
	if b.timed {
		tl.BrokeAt(b.at, b.lane, b.label)
		return
	}
	tl.Broke(b.lane, b.label)
}

// blameOf says where the rule of verdict msg broke in o.
func blameOf(msg string, w *web, o outcome) blame {
	// first blames the first fetch that ok picks, at the instant it started.
	first := func(label string, ok func(f fetch) bool) blame {
		for _, f := range o.fetches {
			if ok(f) {
				return blame{lane: slot(f.slot), label: label, at: f.start, timed: true}
			}
		}
		return blame{lane: judged, label: label}
	}
	switch {
	case msg == "":
		return blame{}
	case o.panicked != "" && msg == o.panicked:
		return blame{lane: caller, label: "panicked"}
	case strings.HasPrefix(msg, "Crawl called Fetch with a nil context"):
		return first("nil ctx", func(f fetch) bool { return f.url == o.nilCtx })
	case strings.HasPrefix(msg, "Crawl fetched a URL twice"):
		seen := map[string]bool{}
		return first("fetched twice", func(f fetch) bool { twice := seen[f.url]; seen[f.url] = true; return twice })
	case strings.HasPrefix(msg, "Crawl fetched "):
		full, _ := w.full()
		return first("not to be fetched", func(f fetch) bool { return !slices.Contains(full, f.url) })
	case strings.HasPrefix(msg, "too many fetches in flight"):
		return first("over the limit", func(f fetch) bool { return f.start == o.overAt && f.url == o.over[len(o.over)-1] })
	case strings.HasPrefix(msg, "deadlock"):
		return blame{lane: judged, label: "deadlock"}
	case strings.HasPrefix(msg, "goroutine leak: Crawl returned at") && strings.Contains(msg, "while the fetch"):
		return blame{lane: caller, label: "returned mid-fetch"}
	case strings.HasPrefix(msg, "goroutine leak: Crawl returned at") && strings.Contains(msg, "and then a goroutine"):
		return first("fetch after return", func(f fetch) bool { return f.afterReturn })
	case strings.HasPrefix(msg, "goroutine leak"):
		return blame{lane: judged, label: "goroutine leak"}
	case strings.HasPrefix(msg, "late: a fetch waited"):
		// The first instant a fetch waited, whether the verdict looked up to the
		// return or up to the end of ctx.
		_, at := idle(w, o, max(o.at+1, w.cancel.at))
		return blame{lane: judged, label: "slot left idle", at: at, timed: true}
	case strings.HasPrefix(msg, "late"):
		return blame{lane: judged, label: "returned late"}
	case strings.HasPrefix(msg, "Crawl returned"):
		return blame{lane: caller, label: "wrong error"}
	default:
		return blame{lane: caller, label: "wrong result"}
	}
}
