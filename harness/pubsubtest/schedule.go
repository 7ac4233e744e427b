package pubsubtest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A plan is what happens to one Broker in a run: its subscriptions (each with a reader
// goroutine), the goroutines that publish, and the calls of Unsubscribe and Close of a
// control goroutine. Times are fake, measured from the start of the run.
type plan struct {
	subs   []subPlan  // subscription i is "subscription i+1"
	pubs   [][]pubAct // one per publishing goroutine, in call order
	closes []time.Duration
}

// A subPlan is one subscription: Subscribe at at, then its reader calls Next once per
// read, each gap after the previous call returned; after the last one it goes on calling
// Next without a timeout until Next returns ErrClosed. Unsubscribe is called at unsubAt
// by the control goroutine, or by the reader itself after its reads (selfUnsub).
type subPlan struct {
	topic     string
	buffer    int
	at        time.Duration
	reads     []readAct
	unsub     bool
	unsubAt   time.Duration
	selfUnsub bool
}

type readAct struct {
	gap, timeout time.Duration
}

// A pubAct is one Publish of msg to topic at at, with a timeout (0: none).
type pubAct struct {
	at      time.Duration
	topic   string
	msg     string
	timeout time.Duration
}

func (a pubAct) String() string {
	s := fmt.Sprintf("Publish(%s, %s) at %v", a.topic, a.msg, a.at)
	if a.timeout > 0 {
		s += fmt.Sprintf(" with a %v timeout", a.timeout)
	}
	return s
}

// String describes the plan for a learner.
func (p plan) String() string {
	var parts []string
	for i, s := range p.subs {
		var b strings.Builder
		fmt.Fprintf(&b, "subscription %d: Subscribe(%s, %d) at %v", i+1, s.topic, s.buffer, s.at)
		if len(s.reads) > 0 {
			b.WriteString(", then Next")
			for k, r := range s.reads {
				if k > 0 {
					b.WriteString(",")
				}
				fmt.Fprintf(&b, " %v later", r.gap)
				if r.timeout > 0 {
					fmt.Fprintf(&b, " (timeout %v)", r.timeout)
				}
			}
		}
		switch {
		case s.selfUnsub:
			b.WriteString(", then Unsubscribe")
		case s.unsub:
			fmt.Fprintf(&b, ", Unsubscribe at %v", s.unsubAt)
		}
		b.WriteString(", then Next until ErrClosed")
		parts = append(parts, b.String())
	}
	for g, acts := range p.pubs {
		var as []string
		for _, a := range acts {
			as = append(as, a.String())
		}
		parts = append(parts, fmt.Sprintf("publisher %d: %s", g+1, strings.Join(as, ", ")))
	}
	var cs []string
	for _, c := range p.closes {
		cs = append(cs, fmt.Sprint(c))
	}
	parts = append(parts, "Close at "+strings.Join(cs, " and "))
	return strings.Join(parts, "; ")
}

// story is the kata's example.
func story() plan {
	s := time.Second
	return plan{
		subs: []subPlan{
			{topic: "news", buffer: 1, reads: []readAct{{gap: 2 * s}, {gap: 2 * s}, {gap: 2 * s}, {gap: 2 * s}}, unsub: true, unsubAt: 9 * s},
			{topic: "news", buffer: 3},
		},
		pubs: [][]pubAct{{
			{at: 0, topic: "news", msg: "m1"},
			{at: 0, topic: "news", msg: "m2"},
			{at: 0, topic: "news", msg: "m3"},
			{at: 0, topic: "news", msg: "m4"},
			{at: 7 * s, topic: "news", msg: "m5", timeout: s / 2},
			{at: 9 * s, topic: "news", msg: "m6"},
		}},
		closes: []time.Duration{10 * s},
	}
}

// Generators of fake durations: not round, but often equal (so that events coincide) and
// often zero.
var (
	gaps = rapid.OneOf(
		rapid.Just(time.Duration(0)),
		rapid.Map(rapid.IntRange(1, 6), halfSeconds),
		rapid.Map(rapid.Int64Range(1, int64(3*time.Second)), nanoseconds),
	)
	timeouts = rapid.OneOf(
		rapid.Just(time.Duration(0)),
		rapid.Map(rapid.IntRange(1, 6), halfSeconds),
		rapid.Map(rapid.Int64Range(1, int64(3*time.Second)), nanoseconds),
	)
)

func halfSeconds(n int) time.Duration   { return time.Duration(n) * 500 * time.Millisecond }
func nanoseconds(n int64) time.Duration { return time.Duration(n) }

// drawPlan draws one run: up to 3 subscriptions on 1 or 2 topics, up to 2 publishers
// with up to 8 messages, Unsubscribe and Close (once or twice) at any point.
func drawPlan(rt *rapid.T) plan {
	var p plan
	topics := []string{"a", "b"}[:rapid.IntRange(1, 2).Draw(rt, "topics")]
	pick := func(label string) string { return topics[rapid.IntRange(0, len(topics)-1).Draw(rt, label)] }
	var last time.Duration
	for i := range rapid.IntRange(1, 3).Draw(rt, "subscriptions") {
		l := fmt.Sprintf("subscription %d ", i+1)
		s := subPlan{topic: pick(l + "topic"), buffer: rapid.IntRange(0, 3).Draw(rt, l+"buffer")}
		s.at = gaps.Draw(rt, l+"Subscribe at")
		for k := range rapid.IntRange(0, 5).Draw(rt, l+"timed reads") {
			s.reads = append(s.reads, readAct{
				gap:     gaps.Draw(rt, fmt.Sprintf("%sread %d after", l, k+1)),
				timeout: timeouts.Draw(rt, fmt.Sprintf("%sread %d timeout (0: none)", l, k+1)),
			})
		}
		switch rapid.IntRange(0, 3).Draw(rt, l+"Unsubscribe (0,1: never, 2: at a time, 3: by the reader)") {
		case 2:
			s.unsub, s.unsubAt = true, s.at+gaps.Draw(rt, l+"Unsubscribe later by")
			last = max(last, s.unsubAt)
		case 3:
			s.selfUnsub = true
		}
		last = max(last, s.at)
		p.subs = append(p.subs, s)
	}
	p.pubs = make([][]pubAct, rapid.IntRange(1, 2).Draw(rt, "publishers"))
	var at time.Duration
	for i := range rapid.IntRange(0, 8).Draw(rt, "messages") {
		msg := fmt.Sprintf("m%d", i+1)
		at += gaps.Draw(rt, msg+" published after")
		g := rapid.IntRange(0, len(p.pubs)-1).Draw(rt, msg+" publisher")
		p.pubs[g] = append(p.pubs[g], pubAct{at: at, topic: pick(msg + " topic"), msg: msg, timeout: timeouts.Draw(rt, msg+" timeout (0: none)")})
	}
	last = max(last, at)
	first := gaps.Draw(rt, "Close at (after the last call by)") + last
	if rapid.Bool().Draw(rt, "Close earlier") {
		first = time.Duration(rapid.Int64Range(0, int64(first)).Draw(rt, "Close at"))
	}
	p.closes = []time.Duration{first}
	if rapid.Bool().Draw(rt, "second Close") {
		p.closes = append(p.closes, first+gaps.Draw(rt, "second Close later by"))
	}
	slices.Sort(p.closes)
	return p
}
