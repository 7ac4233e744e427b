package pooltest

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// A broke is where a rule broke, for the timeline: the instant, the lane (or the
// goroutine id of a worker, named once the run is over), a short label; atEnd places
// it at the end of the run, for a rule no one goroutine broke at one instant.
type broke struct {
	at    time.Duration
	lane  string
	gid   string
	label string
	atEnd bool
}

// MaxEvents is the most events a timeline of a run may have: a run with more (the
// "unbounded" rule's thousands of tasks) is reported without one.
const MaxEvents = 500

// judgeLane is the timeline's lane of the judge: it makes the last checks of the
// Futures once every Close has returned.
const judgeLane = "judge"

// breaks notes where the first rule of a Pool broke; h.mu is held.
func (h *history) breaks(at time.Duration, lane, gid, label string) {
	if h.broke == nil {
		h.broke = &broke{at: at, lane: lane, gid: gid, label: label}
	}
}

// breaksAtEnd notes a rule broken by no one goroutine at one instant; h.mu is held.
func (h *history) breaksAtEnd(lane, label string) {
	if h.broke == nil {
		h.broke = &broke{lane: lane, label: label, atEnd: true}
	}
}

// workers names the goroutines that ran the Pool's tasks "worker 1", "worker 2"... in
// the order they started their first task; h.mu is held.
func (h *history) workers() map[string]string {
	var first []*runCall
	for _, rs := range h.runs {
		first = append(first, rs...)
	}
	slices.SortFunc(first, func(a, b *runCall) int { return cmp.Compare(a.startSeq, b.startSeq) })
	names := map[string]string{}
	for _, rc := range first {
		if names[rc.gid] == "" {
			names[rc.gid] = h.prefix + "worker " + strconv.Itoa(len(names)+1)
		}
	}
	return names
}

// picture returns the timeline of a run whose verdict is not "": for each Pool, the
// goroutines that submit and close, the getters, the workers (the tasks they ran), the
// judge's last Gets, and where the rule broke. The records were kept under their locks
// (a Timeline's own lock in the run would be one more); the timeline is made from them
// once the bubble is over (see timeline.Replay).
func (r *run) picture(stuck *harness.Stuck, errClosed error) *timeline.Timeline {
	r.mu.Lock()
	defer r.mu.Unlock()
	var lanes []string
	var events []timeline.Event
	brk := r.broke
	for i, h := range r.logs {
		h.mu.Lock()
		defer h.mu.Unlock()
		p := r.plans[i]
		for g, acts := range p.routines {
			if len(acts) > 0 {
				lanes = append(lanes, fmt.Sprintf("%sgoroutine %d", h.prefix, g+1))
			}
		}
		for g := range p.getters {
			lanes = append(lanes, fmt.Sprintf("%sgetter %d", h.prefix, g+1))
		}
		for w := range p.workers {
			lanes = append(lanes, fmt.Sprintf("%sworker %d", h.prefix, w+1))
		}
		workers := h.workers()
		for _, s := range h.submits {
			events = append(events, timeline.Spanned(s.from, timeline.Call, fmt.Sprintf("Submit(task %d)", s.task), ended(s.returned, "returned"), s.callAt, s.retAt, s.retSeq == 0, int(s.callSeq), int(s.retSeq)))
		}
		for _, c := range h.closes {
			events = append(events, timeline.Spanned(c.from, timeline.Call, "Close", ended(c.returned, "returned"), c.callAt, c.retAt, c.retSeq == 0, int(c.callSeq), int(c.retSeq)))
		}
		for _, rs := range h.runs {
			for _, rc := range rs {
				out := ""
				switch p.tasks[rc.task].outcome {
				case panics:
					out = "panics"
				case fails:
					out = "fails"
				}
				events = append(events, timeline.Spanned(workers[rc.gid], timeline.Wait, fmt.Sprintf("task %d", rc.task), out, rc.start, rc.end, !rc.ended, int(rc.startSeq), int(rc.endSeq)))
			}
		}
		for _, g := range h.gets {
			label := fmt.Sprintf("Get(task %d)", g.act.task)
			if g.act.done {
				label = fmt.Sprintf("<-Done, Get(task %d)", g.act.task)
			}
			events = append(events, timeline.Spanned(g.from, timeline.Call, label, ended(g.returned, getOutcome(g, errClosed)), g.callAt, g.retAt, g.retSeq == 0, int(g.callSeq), int(g.retSeq)))
		}
		if b := h.broke; brk == nil && b != nil {
			brk = b
			if b.gid != "" {
				brk.lane = workers[b.gid]
			}
		}
	}
	if len(events) > MaxEvents {
		return nil // a burst of thousands of tasks: the verdict says enough
	}
	lanes = slices.Compact(lanes)
	switch {
	case stuck != nil && !stuck.Leak && brk == nil:
		brk = &broke{lane: judgeLane, label: "deadlock", atEnd: true}
	case stuck != nil && brk == nil:
		brk = &broke{lane: judgeLane, label: "goroutine leak", atEnd: true}
	}
	if brk != nil && !brk.atEnd {
		events = append(events, timeline.Instant(brk.lane, timeline.Broke, brk.label, brk.at, 1<<40))
	}
	tl := timeline.Replay(lanes, events)
	if brk != nil && brk.atEnd {
		tl.Broke(brk.lane, brk.label)
	}
	return tl
}

// ended is the outcome of a call that ended: it returned, or it panicked (the judge
// notes the end of a call that panicked, but not as returned).
func ended(returned bool, outcome string) string {
	if returned {
		return outcome
	}
	return "panicked"
}

// getOutcome renders what a Get returned.
func getOutcome(g *getCall, errClosed error) string {
	switch {
	case g.act.done && !g.doneClosed:
		return "Done not closed"
	case errors.Is(g.err, errClosed):
		return "ErrClosed"
	case isDeadline(g.err):
		return "DeadlineExceeded"
	case g.err != nil:
		return fmt.Sprintf("%d, error", g.value)
	}
	return strconv.Itoa(g.value)
}
