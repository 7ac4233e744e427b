package pubsubtest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// broker and subscription are the kata's API.
type broker interface {
	Subscribe(topic string, buffer int) (subscription, error)
	Publish(ctx context.Context, topic, msg string) error
	Close()
}

type subscription interface {
	Next(ctx context.Context) (string, error)
	Unsubscribe()
}

type newBrokerFunc func() broker

// MaxReads bounds the calls of Next of one reader, so that a Next that never says
// ErrClosed cannot loop forever.
const MaxReads = 100

// A run is one bubble: the plans of one or more Brokers played at once, and what
// happened. Each seq number comes from one counter, so that comparing two of them tells
// which event happened first even within one instant of fake time.
type run struct {
	pkg   string
	w     *harness.Watchdog
	plans []plan
	logs  []*history

	seq   atomic.Int64
	start time.Time
	tl    *timeline.Timeline // what each goroutine did, for the verdict

	// The verdict judged at the end of the run, in the bubble, if settled.
	settled bool
	msg     string

	mu       sync.Mutex
	panicMsg string
	at       *call // the call that broke the rule of the latest verdict, if one did
}

// A call is one call of the learner's code, as the harness saw it.
type call struct {
	callAt, retAt   time.Duration
	callSeq, retSeq int64
	returned        bool
	err             error
	sp              *timeline.Span
}

type subCall struct {
	call
	sub int // 1-based
}

type pubCall struct {
	call
	act pubAct
}

type nextCall struct {
	call
	sub     int
	timeout time.Duration
	msg     string
}

type unsubCall struct {
	call
	sub int
}

// history is what happened to one Broker.
type history struct {
	mu         sync.Mutex
	subscribes map[int]*subCall // by subscription
	pubs       map[string]*pubCall
	nexts      map[int][]*nextCall // by subscription, in call order
	unsubs     map[int][]*unsubCall
	closes     []*call
	faults     []string
}

func (r *run) now() time.Duration { return time.Since(r.start) }

func (r *run) fail(lane, msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.panicMsg == "" {
		r.panicMsg = msg
		r.tl.Broke(lane, "panicked")
		r.w.Notef("%s\n    (after that panic the run could not finish: the panicking call may have left a mutex locked)", msg)
	}
}

// A span is a call of the learner's in the timeline, in the lane of its goroutine.
type span struct {
	lane string
	sp   *timeline.Span
}

// begin records the start of a call from the goroutine of lane.
func (r *run) begin(c *call, lane, label string) span {
	sp := r.tl.Begin(lane, timeline.Call, label)
	c.sp = sp
	c.callAt, c.callSeq = r.now(), r.seq.Add(1)
	return span{lane, sp}
}

// end records the end of a call under h.mu, and ends its span with outcome (or
// "panicked" when msg says it panicked).
func (r *run) end(h *history, c *call, err error, msg string, sp span, outcome string) {
	seq, at := r.seq.Add(1), r.now()
	h.mu.Lock()
	c.retSeq, c.retAt, c.returned, c.err = seq, at, msg == "", err
	h.mu.Unlock()
	if msg != "" {
		outcome = "panicked"
	}
	sp.sp.End(outcome)
	r.w.Progress()
	if msg != "" {
		r.fail(sp.lane, msg)
	}
}

// play runs plans in one synctest bubble and returns what happened, and a *Stuck when
// the bubble deadlocked or leaked goroutines.
func play(t *testing.T, pkg string, w *harness.Watchdog, newBroker newBrokerFunc, plans []plan, errClosed error) (*run, *harness.Stuck) {
	t.Helper()
	r := &run{pkg: pkg, w: w, plans: plans}
	for range plans {
		r.logs = append(r.logs, &history{subscribes: map[int]*subCall{}, pubs: map[string]*pubCall{},
			nexts: map[int][]*nextCall{}, unsubs: map[int][]*unsubCall{}})
	}
	stuck := harness.Bubble(t, pkg, func() {
		r.bubble(newBroker)
		// Every call has returned, and no call is left to make: the verdict is the
		// run's, unless goroutines are left behind. The judge marks where the run
		// broke while the time is still the bubble's.
		r.msg, r.settled = r.verdict(nil, errClosed), true
		if b := r.blame(r.msg); b.lane != "" {
			r.broke(b)
		}
	})
	return r, stuck
}

func (r *run) bubble(newBroker newBrokerFunc) {
	r.start = time.Now()
	r.tl = timeline.New()
	r.w.Record(r.tl)
	r.lanes()
	brokers := make([]broker, len(r.plans))
	for i := range r.plans {
		if msg := harness.Call(r.pkg, "New", func() { brokers[i] = newBroker() }); msg != "" {
			r.fail(judged, msg)
			return
		}
	}
	done := make(chan struct{})
	routines := 0
	for i, p := range r.plans {
		subs := make([]chan subscription, len(p.subs)) // each gets the subscription, or nil
		for k := range p.subs {
			subs[k] = make(chan subscription, 1)
			routines++
			go r.reader(i, brokers[i], k+1, subs[k], done)
		}
		for g, acts := range p.pubs {
			routines++
			go r.publisher(i, r.lane(i, publisher(g+1)), brokers[i], acts, done)
		}
		routines++
		go r.control(i, brokers[i], subs, done)
	}
	for range routines {
		<-done
	}
}

func sleepUntil(r *run, at time.Duration) {
	if d := at - r.now(); d > 0 {
		time.Sleep(d)
	}
}

func withTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	if d == 0 {
		return context.Background(), func() {}
	}
	return context.WithTimeout(context.Background(), d)
}

// reader subscribes, hands the subscription to the control goroutine, and reads.
func (r *run) reader(bi int, b broker, sub int, out chan<- subscription, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	h, sp := r.logs[bi], r.plans[bi].subs[sub-1]
	sleepUntil(r, sp.at)
	lane := r.lane(bi, subscriber(sub))
	sc := &subCall{sub: sub}
	cs := r.begin(&sc.call, lane, fmt.Sprintf("Subscribe(%s, %d)", sp.topic, sp.buffer))
	h.mu.Lock()
	h.subscribes[sub] = sc
	h.mu.Unlock()
	var s subscription
	var err error
	msg := harness.Call(r.pkg, fmt.Sprintf("Subscribe(%q, %d)", sp.topic, sp.buffer), func() { s, err = b.Subscribe(sp.topic, sp.buffer) })
	r.end(h, &sc.call, err, msg, cs, answer(err))
	if msg != "" || err != nil {
		out <- nil
		return
	}
	out <- s
	for k := 0; k < MaxReads; k++ {
		var ra readAct
		if k < len(sp.reads) {
			ra = sp.reads[k]
		}
		if k == len(sp.reads) && sp.selfUnsub {
			if !r.unsubscribe(lane, h, s, sub) {
				return
			}
		}
		time.Sleep(ra.gap)
		n := &nextCall{sub: sub, timeout: ra.timeout}
		ctx, cancel := withTimeout(ra.timeout)
		cs := r.begin(&n.call, lane, "Next")
		h.mu.Lock()
		h.nexts[sub] = append(h.nexts[sub], n)
		h.mu.Unlock()
		var m string
		msg := harness.Call(r.pkg, fmt.Sprintf("Next (subscription %d)", sub), func() { m, err = s.Next(ctx) })
		cancel()
		h.mu.Lock()
		n.msg = m
		h.mu.Unlock()
		got := m
		if err != nil {
			got = answer(err)
		}
		r.end(h, &n.call, err, msg, cs, got)
		if msg != "" || err != nil && !(ra.timeout > 0 && errors.Is(err, context.DeadlineExceeded)) {
			return
		}
	}
}

// unsubscribe calls Unsubscribe from the goroutine of lane; it reports false when it
// panicked.
func (r *run) unsubscribe(lane string, h *history, s subscription, sub int) bool {
	u := &unsubCall{sub: sub}
	cs := r.begin(&u.call, lane, fmt.Sprintf("Unsubscribe %d", sub))
	h.mu.Lock()
	h.unsubs[sub] = append(h.unsubs[sub], u)
	h.mu.Unlock()
	msg := harness.Call(r.pkg, fmt.Sprintf("Unsubscribe (subscription %d)", sub), s.Unsubscribe)
	r.end(h, &u.call, nil, msg, cs, "returned")
	return msg == ""
}

func (r *run) publisher(bi int, lane string, b broker, acts []pubAct, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	h := r.logs[bi]
	for _, a := range acts {
		sleepUntil(r, a.at)
		pc := &pubCall{act: a}
		ctx, cancel := withTimeout(a.timeout)
		cs := r.begin(&pc.call, lane, "Publish "+a.msg)
		h.mu.Lock()
		h.pubs[a.msg] = pc
		h.mu.Unlock()
		var err error
		msg := harness.Call(r.pkg, fmt.Sprintf("Publish(%q, %q)", a.topic, a.msg), func() { err = b.Publish(ctx, a.topic, a.msg) })
		cancel()
		r.end(h, &pc.call, err, msg, cs, answer(err))
		if msg != "" {
			return
		}
	}
}

// control calls Unsubscribe and Close at their times.
func (r *run) control(bi int, b broker, subs []chan subscription, done chan<- struct{}) {
	defer func() { done <- struct{}{} }()
	h, p := r.logs[bi], r.plans[bi]
	lane := r.lane(bi, control)
	type event struct {
		at  time.Duration
		sub int // 0: Close
	}
	var events []event
	for i, sp := range p.subs {
		if sp.unsub {
			events = append(events, event{sp.unsubAt, i + 1})
		}
	}
	for _, c := range p.closes {
		events = append(events, event{at: c})
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at < events[j].at })
	got := map[int]subscription{}
	for _, e := range events {
		if e.sub > 0 {
			s, ok := got[e.sub]
			if !ok {
				s = <-subs[e.sub-1]
				got[e.sub] = s
			}
			if s == nil {
				continue
			}
			sleepUntil(r, e.at)
			if !r.unsubscribe(lane, h, s, e.sub) {
				return
			}
			continue
		}
		sleepUntil(r, e.at)
		c := &call{}
		cs := r.begin(c, lane, "Close")
		h.mu.Lock()
		h.closes = append(h.closes, c)
		h.mu.Unlock()
		msg := harness.Call(r.pkg, "Close", b.Close)
		r.end(h, c, nil, msg, cs, "returned")
		if msg != "" {
			return
		}
	}
}

// faultf records a broken rule; h.mu is held.
func (h *history) faultf(format string, args ...any) {
	h.faults = append(h.faults, fmt.Sprintf(format, args...))
}
