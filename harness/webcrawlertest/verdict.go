package webcrawlertest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gokata/workbook/harness"
)

// judge returns the first rule the outcome of a schedule breaks, or "". The rules come
// in order of cause before effect: what Crawl fetched, whether it returned, whether it
// left work behind, what it returned, and last when.
func judge(pkg string, w *web, o outcome) string {
	if o.panicked != "" {
		return o.panicked
	}
	if msg := fetchVerdict(w, o); msg != "" {
		return msg
	}
	if !o.returned {
		return deadlockVerdict(o)
	}
	if msg := leakVerdict(pkg, o); msg != "" {
		return msg
	}
	if w.cancel.mode == "before" || w.cancel.mode != "" && o.at >= w.cancel.at {
		return cancelVerdict(w, o)
	}
	return crawlVerdict(w, o)
}

// fetchVerdict checks each call of Fetch: its context, its URL, how often, how many at
// once.
func fetchVerdict(w *web, o outcome) string {
	if o.nilCtx != "" {
		return fmt.Sprintf("Crawl called Fetch with a nil context: Fetch(nil, %q); pass Fetch the ctx Crawl was given, or one derived from it", o.nilCtx)
	}
	full, _ := w.full()
	for _, f := range o.fetches {
		if !slices.Contains(full, f.url) {
			rule, details := w.why(f.url)
			return fmt.Sprintf("Crawl fetched %s: %s", rule, details)
		}
	}
	first := map[string]time.Duration{}
	for _, f := range o.fetches {
		if at, twice := first[f.url]; twice {
			return fmt.Sprintf("Crawl fetched a URL twice: %s at %v and at %v; fetch each URL once, however many links lead to it", f.url, at, f.start)
		}
		first[f.url] = f.start
	}
	if o.over != nil {
		return fmt.Sprintf("too many fetches in flight: %d at once at %v, want at most %d (%s): %s",
			len(o.over), o.overAt, w.limit(), w.parallelText(), strings.Join(o.over, " "))
	}
	return ""
}

func deadlockVerdict(o outcome) string {
	var done, running []string
	for _, f := range o.fetches {
		if f.ended {
			done = append(done, f.url)
		} else {
			running = append(running, f.url)
		}
	}
	goroutines := "  (none of your goroutines are left)"
	if o.stuck != nil {
		goroutines = o.stuck.Goroutines
	}
	return fmt.Sprintf("deadlock: Crawl never returned, and every goroutine is blocked\n  fetched: %s\n  in flight: %s\n  your goroutines:\n%s",
		list(done), list(running), goroutines)
}

// leakVerdict checks that nothing of Crawl's outlived the call: no fetch in flight when
// it returned, none started afterwards, no goroutine left.
func leakVerdict(pkg string, o outcome) string {
	if len(o.running) > 0 {
		f := o.running[0]
		return fmt.Sprintf("goroutine leak: Crawl returned at %v while the fetch of %s (started at %v) was still running; wait for every fetch before returning",
			o.at, f.url, f.start)
	}
	for _, f := range o.fetches {
		if f.afterReturn {
			return fmt.Sprintf("goroutine leak: Crawl returned at %v, and then a goroutine of yours fetched %s; no fetch may start after Crawl returns, and no goroutine of Crawl's may outlive the call",
				o.at, f.url)
		}
	}
	if len(o.alive) > 0 {
		return fmt.Sprintf("goroutine leak: %d goroutine(s) of yours were still there after Crawl returned at %v; Crawl must not return before every goroutine it started is done\n  your goroutines:\n%s",
			len(o.alive), o.at, harness.Describe(pkg, o.alive))
	}
	if o.stuck != nil && o.stuck.Leak {
		return fmt.Sprintf("goroutine leak: goroutines of yours were left blocked after Crawl returned at %v\n  your goroutines:\n%s", o.at, o.stuck.Goroutines)
	}
	return ""
}

// crawlVerdict judges a crawl that ran to its end: no error, the full result, and the
// schedule of its fetches.
func crawlVerdict(w *web, o outcome) string {
	if o.err != nil {
		return fmt.Sprintf("Crawl returned an error: %q, want nil; a page whose fetch fails stays in the result, and its error is not returned", o.err)
	}
	if msg := resultVerdict(w, o); msg != "" {
		return msg
	}
	if msg := idleVerdict(w, o, o.at+1); msg != "" {
		return msg
	}
	var last time.Duration
	for _, f := range o.fetches {
		last = max(last, f.end)
	}
	if o.at > last {
		return fmt.Sprintf("late: Crawl returned at %v, but its last fetch had ended at %v; return as soon as the last fetch is done (block on a channel or a sync.WaitGroup; never sleep or poll)", o.at, last)
	}
	return ""
}

// resultVerdict compares the result with the model's, as sets.
func resultVerdict(w *web, o outcome) string {
	full, from := w.full()
	if msg := duplicates(o.result); msg != "" {
		return msg
	}
	diff := "\n  result, sorted (-want +got):\n" + harness.Diff(sorted(full), sorted(o.result))
	if !slices.Contains(o.result, w.start) {
		msg := fmt.Sprintf("Crawl's result lacks the start URL: %s, which is always in it", w.start)
		if !slices.ContainsFunc(o.fetches, func(f fetch) bool { return f.url == w.start }) {
			msg += "; Crawl never even fetched it (state left over from an earlier call? every call of Crawl starts afresh)"
		}
		return msg + diff
	}
	for _, u := range full {
		if !slices.Contains(o.result, u) {
			return fmt.Sprintf("Crawl's result lacks a URL: %s, linked from %s%s", u, from[u], w.hint(u)) + diff
		}
	}
	for _, u := range o.result {
		if !slices.Contains(full, u) {
			rule, details := w.why(u)
			return fmt.Sprintf("Crawl's result holds %s: %s", rule, details) + diff
		}
	}
	return ""
}

func duplicates(result []string) string {
	count := map[string]int{}
	for _, u := range result {
		count[u]++
		if count[u] == 2 {
			n := 0
			for _, v := range result {
				if v == u {
					n++
				}
			}
			return fmt.Sprintf("Crawl's result lists a URL twice: %s %d times in %v; want each URL once", u, n, result)
		}
	}
	return ""
}

// idleVerdict checks that no fetch waited while a slot was free, at every instant
// before until at which a fetch ended (or the crawl began): once the goroutines have
// settled at such an instant, either every slot is busy or every URL discovered so far
// has been fetched or is being fetched. A URL is discovered when the fetch of a page
// that links to it returns.
func idleVerdict(w *web, o outcome, until time.Duration) string {
	msg, _ := idle(w, o, until)
	return msg
}

// idle is idleVerdict, and the instant at which the fetch waited.
func idle(w *web, o outcome, until time.Duration) (string, time.Duration) {
	discovered := map[string]time.Duration{w.start: 0}
	from := map[string]string{}
	instants := []time.Duration{0}
	for _, f := range o.fetches {
		if !f.ended {
			continue
		}
		instants = append(instants, f.end)
		if !f.ok {
			continue
		}
		for _, l := range f.links {
			if at, seen := discovered[l]; w.follows(l) && (!seen || f.end < at) {
				discovered[l], from[l] = f.end, f.url
			}
		}
	}
	slices.Sort(instants)
	instants = slices.Compact(instants)
	started := map[string]time.Duration{}
	for _, f := range o.fetches {
		if _, ok := started[f.url]; !ok {
			started[f.url] = f.start
		}
	}
	for _, at := range instants {
		if at >= until {
			break
		}
		inFlight := 0
		for _, f := range o.fetches {
			if f.start <= at && (!f.ended || f.end > at) {
				inFlight++
			}
		}
		if inFlight >= w.limit() {
			continue
		}
		var waiting []string
		for u, d := range discovered {
			if s, ok := started[u]; d <= at && (!ok || s > at) {
				waiting = append(waiting, u)
			}
		}
		if len(waiting) == 0 {
			continue
		}
		sort.Slice(waiting, func(i, j int) bool {
			if discovered[waiting[i]] != discovered[waiting[j]] {
				return discovered[waiting[i]] < discovered[waiting[j]]
			}
			return waiting[i] < waiting[j]
		})
		u := waiting[0]
		why := "the start URL"
		if u != w.start {
			why = fmt.Sprintf("%s had been discovered at %v (linked from %s)", u, discovered[u], from[u])
		}
		then := "it was never fetched"
		if s, ok := started[u]; ok {
			then = fmt.Sprintf("its fetch started only at %v", s)
		}
		return fmt.Sprintf("late: a fetch waited while a slot was free; at %v %s, but only %d fetch(es) were in flight with %s, and %s. Start fetching a discovered URL as soon as a slot is free",
			at, why, inFlight, w.parallelText(), then), at
	}
	return "", 0
}

// cancelVerdict judges a crawl whose ctx was done by the time it returned.
func cancelVerdict(w *web, o outcome) string {
	want := context.Canceled
	if w.cancel.mode == "deadline" {
		want = context.DeadlineExceeded
	}
	before := w.cancel.mode == "before" || w.cancel.mode == "deadline" && w.cancel.at == 0
	when := fmt.Sprintf("ctx was done at %v", w.cancel.at)
	switch {
	case w.cancel.mode == "before":
		when = "ctx was cancelled before the call"
	case before:
		when = "ctx was past its deadline before the call"
	}
	if o.at > w.cancel.at {
		return fmt.Sprintf("late: %s, but Crawl returned only at %v; when ctx is done, return at once (pass ctx to Fetch, and stop waiting for new work)", when, o.at)
	}
	if o.err == nil {
		if before {
			return fmt.Sprintf("Crawl returned a nil error after ctx was done: %s; return ctx.Err() (%v)", when, want)
		}
		for _, f := range o.fetches {
			if f.cut {
				return fmt.Sprintf("Crawl returned a nil error after ctx was done: %s and cut short the fetch of %s; when ctx is done, return ctx.Err() (%v)", when, f.url, want)
			}
		}
		// The crawl ended at the very instant ctx was done: it is a full crawl.
		return crawlVerdict(w, o)
	}
	if !errors.Is(o.err, want) {
		return fmt.Sprintf("Crawl returned the wrong error after ctx was done: got %q, want ctx.Err() (%q); %s", o.err, want, when)
	}
	if msg := partialVerdict(w, o); msg != "" {
		return msg
	}
	return idleVerdict(w, o, w.cancel.at) // the instants before ctx was done
}

// partialVerdict checks the result of a cancelled crawl: every URL Crawl passed to
// Fetch, perhaps URLs it had discovered but not fetched, and nothing else.
func partialVerdict(w *web, o outcome) string {
	if msg := duplicates(o.result); msg != "" {
		return msg
	}
	discovered := map[string]bool{w.start: true}
	for _, f := range o.fetches {
		if f.ok && !f.afterReturn {
			for _, l := range f.links {
				if w.follows(l) {
					discovered[l] = true
				}
			}
		}
	}
	for _, f := range o.fetches {
		if !f.afterReturn && !slices.Contains(o.result, f.url) {
			return fmt.Sprintf("Crawl's partial result lacks a URL it fetched: %s, passed to Fetch at %v; after ctx is done, the result still holds every URL Crawl fetched (a fetch cut short counts as a failed page)\n  got: %v",
				f.url, f.start, o.result)
		}
	}
	full, _ := w.full()
	for _, u := range o.result {
		switch {
		case !slices.Contains(full, u):
			rule, details := w.why(u)
			return fmt.Sprintf("Crawl's partial result holds %s: %s", rule, details)
		case !discovered[u]:
			return fmt.Sprintf("Crawl's partial result holds a URL it had not discovered: %s, which no page it loaded links to", u)
		}
	}
	return ""
}

func sorted(xs []string) []string {
	s := slices.Clone(xs)
	slices.Sort(s)
	if s == nil {
		s = []string{}
	}
	return s
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, " ")
}
