package pubsubtest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gokata/workbook/harness"
)

// verdict returns the first rule the run broke, or "". Rules are judged in the order a
// learner should fix them: panics, deadlocks, calls that wait when they must not, wrong
// answers, messages delivered wrongly or lost, full buffers overfilled, goroutines left
// behind, the order of messages, then calls that returned later than they should.
func (r *run) verdict(stuck *harness.Stuck, errClosed error) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.at = nil
	for _, h := range r.logs {
		h.mu.Lock()
		defer h.mu.Unlock()
	}
	if r.panicMsg != "" {
		return r.panicMsg
	}
	for i, h := range r.logs {
		if len(h.faults) > 0 {
			return r.which(i) + h.faults[0]
		}
	}
	if stuck != nil && !stuck.Leak {
		return r.deadlock(stuck)
	}
	var vs []*view
	for i, h := range r.logs {
		v := newView(h, r.plans[i], errClosed)
		vs = append(vs, v)
		for _, check := range []func() string{v.waited, v.answers, v.delivered, v.lost, v.overflow} {
			v.at = nil
			if msg := check(); msg != "" {
				r.at = v.at
				return r.which(i) + msg
			}
		}
	}
	if stuck != nil {
		return "goroutine leak: every call returned after Close, but goroutines of yours were left behind; once Close has returned, no goroutine of the Broker may be left\n  your goroutines:\n" + stuck.Goroutines
	}
	for i, v := range vs {
		for _, check := range []func() string{v.order, v.lateNext, v.latePublish} {
			v.at = nil
			if msg := check(); msg != "" {
				r.at = v.at
				return r.which(i) + msg
			}
		}
	}
	return ""
}

// which names Broker i when a run uses several.
func (r *run) which(i int) string {
	if len(r.logs) == 1 {
		return ""
	}
	return fmt.Sprintf("Broker %d (of %d in use at once): ", i+1, len(r.logs))
}

func (r *run) deadlock(stuck *harness.Stuck) string {
	var hung, hints []string
	for i, h := range r.logs {
		on := ""
		if len(r.logs) > 1 {
			on = fmt.Sprintf("Broker %d, ", i+1)
		}
		for _, s := range h.subscribes {
			if !s.returned {
				hung = append(hung, fmt.Sprintf("Subscribe of subscription %d (%scalled at %v)", s.sub, on, s.callAt))
				hints = appendOnce(hints, "Subscribe must never wait")
			}
		}
		for _, p := range h.pubs {
			if !p.returned {
				hung = append(hung, fmt.Sprintf("Publish(%s, %s) (%scalled at %v)", p.act.topic, p.act.msg, on, p.callAt))
				hints = appendOnce(hints, "a waiting Publish must deliver once every subscription of its topic has room, stop waiting for a subscription that unsubscribes, and return ErrClosed at Close")
			}
		}
		for sub, ns := range h.nexts {
			for _, n := range ns {
				if !n.returned {
					hung = append(hung, fmt.Sprintf("Next of subscription %d (%scalled at %v)", sub, on, n.callAt))
					hints = appendOnce(hints, "a waiting Next must return a message as soon as one is delivered, and ErrClosed at Unsubscribe, or at Close once its buffer is empty")
				}
			}
		}
		for sub, us := range h.unsubs {
			for _, u := range us {
				if !u.returned {
					hung = append(hung, fmt.Sprintf("Unsubscribe of subscription %d (%scalled at %v)", sub, on, u.callAt))
					hints = appendOnce(hints, "Unsubscribe must never wait, not for a Publish blocked on this subscription's full buffer either")
				}
			}
		}
		for _, c := range h.closes {
			if !c.returned {
				hung = append(hung, fmt.Sprintf("Close (%scalled at %v)", on, c.callAt))
				hints = appendOnce(hints, "Close must not wait for publishers or readers")
			}
		}
	}
	slices.Sort(hung)
	what := "every goroutine is blocked"
	if len(hung) > 0 {
		what = strings.Join(hung, ", ") + " never returned and every goroutine is blocked"
	}
	hint := ""
	if len(hints) > 0 {
		hint = "; " + strings.Join(hints, "; ")
	}
	return fmt.Sprintf("deadlock: %s%s\n  your goroutines:\n%s", what, hint, stuck.Goroutines)
}

func appendOnce(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// A view is the history of one Broker, indexed for the checks.
type view struct {
	h         *history
	p         plan
	errClosed error
	close     *call               // the first call of Close, or nil
	closeRet  int64               // seq of the first return of Close, or -1
	reads     map[int][]*nextCall // by subscription: the Nexts that returned a message, in order
	readAt    map[int]map[string]*nextCall
	at        *call // the call that broke the rule a check returns, if one did
}

func newView(h *history, p plan, errClosed error) *view {
	v := &view{h: h, p: p, errClosed: errClosed, closeRet: -1, reads: map[int][]*nextCall{}, readAt: map[int]map[string]*nextCall{}}
	for _, c := range h.closes {
		if v.close == nil || c.callSeq < v.close.callSeq {
			v.close = c
		}
		if c.returned && (v.closeRet < 0 || c.retSeq < v.closeRet) {
			v.closeRet = c.retSeq
		}
	}
	for sub, ns := range h.nexts {
		v.readAt[sub] = map[string]*nextCall{}
		for _, n := range ns {
			if n.returned && n.err == nil {
				v.reads[sub] = append(v.reads[sub], n)
				if v.readAt[sub][n.msg] == nil {
					v.readAt[sub][n.msg] = n
				}
			}
		}
	}
	return v
}

func (v *view) subs() []int {
	var out []int
	for i := range v.p.subs {
		out = append(out, i+1)
	}
	return out
}

// accepted returns the Subscribe call of sub when it succeeded.
func (v *view) accepted(sub int) *subCall {
	s := v.h.subscribes[sub]
	if s == nil || !s.returned || s.err != nil {
		return nil
	}
	return s
}

// unsub returns the first Unsubscribe of sub, or nil.
func (v *view) unsub(sub int) *unsubCall {
	var first *unsubCall
	for _, u := range v.h.unsubs[sub] {
		if first == nil || u.callSeq < first.callSeq {
			first = u
		}
	}
	return first
}

func (v *view) buffer(sub int) int { return max(v.p.subs[sub-1].buffer, 1) }

// afterClose reports whether a call made at c must see the Broker closed.
func (v *view) afterClose(c call) bool {
	return v.close != nil && (c.callAt > v.close.callAt || v.closeRet >= 0 && c.callSeq > v.closeRet)
}

// beforeClose reports whether a call returned before Close was called.
func (v *view) beforeClose(c call) bool {
	return v.close == nil || c.retSeq < v.close.callSeq
}

func (v *view) pubsByCall() []*pubCall {
	var ps []*pubCall
	for _, p := range v.h.pubs {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b *pubCall) int { return int(a.callSeq - b.callSeq) })
	return ps
}

// waited: Subscribe, Unsubscribe and Close return at the instant they are called.
func (v *view) waited() string {
	for _, sub := range v.subs() {
		if s := v.h.subscribes[sub]; s != nil && s.returned && s.retAt != s.callAt {
			v.at = &s.call
			return fmt.Sprintf("Subscribe of subscription %d was called at %v and returned at %v: Subscribe never waits", sub, s.callAt, s.retAt)
		}
		for _, u := range v.h.unsubs[sub] {
			if u.returned && u.retAt != u.callAt {
				v.at = &u.call
				return fmt.Sprintf("Unsubscribe of subscription %d was called at %v and returned at %v: Unsubscribe never waits, not for a publisher and not for a reader", sub, u.callAt, u.retAt)
			}
		}
	}
	for _, c := range v.h.closes {
		if c.returned && c.retAt != c.callAt {
			v.at = c
			return fmt.Sprintf("Close was called at %v and returned at %v: Close never waits for publishers or readers", c.callAt, c.retAt)
		}
	}
	return ""
}

func isDeadline(err error) bool { return errors.Is(err, context.DeadlineExceeded) }

// answers: each call returns what it must, when it must.
func (v *view) answers() string {
	closedAt := func() string {
		if v.close == nil {
			return "Close was never called"
		}
		return fmt.Sprintf("Close was called at %v", v.close.callAt)
	}
	for _, sub := range v.subs() {
		s := v.h.subscribes[sub]
		if s == nil || !s.returned {
			continue
		}
		sp := v.p.subs[sub-1]
		what := fmt.Sprintf("Subscribe(%s, %d) of subscription %d at %v", sp.topic, sp.buffer, sub, s.callAt)
		v.at = &s.call
		switch {
		case s.err != nil && !errors.Is(s.err, v.errClosed):
			return fmt.Sprintf("%s returned the error %q; want nil, or ErrClosed once Close has been called", what, s.err)
		case s.err == nil && v.afterClose(s.call):
			return fmt.Sprintf("%s returned nil, but %s: once Close has been called, Subscribe must return ErrClosed", what, closedAt())
		case s.err != nil && v.beforeClose(s.call):
			return fmt.Sprintf("%s returned ErrClosed, but %s", what, closedAt())
		}
	}
	for _, p := range v.pubsByCall() {
		if !p.returned {
			continue
		}
		what := fmt.Sprintf("Publish(%s, %s) at %v", p.act.topic, p.act.msg, p.callAt)
		if p.act.timeout > 0 {
			what = fmt.Sprintf("Publish(%s, %s) at %v with a %v timeout", p.act.topic, p.act.msg, p.callAt, p.act.timeout)
		}
		deadline := p.callAt + p.act.timeout
		v.at = &p.call
		switch {
		case p.err != nil && !errors.Is(p.err, v.errClosed) && !(p.act.timeout > 0 && isDeadline(p.err)):
			return fmt.Sprintf("%s returned the error %q; want nil, ctx.Err() when its ctx ends first, or ErrClosed once Close has been called", what, p.err)
		case !errors.Is(p.err, v.errClosed) && v.afterClose(p.call):
			return fmt.Sprintf("%s returned %v, but %s: once Close has been called, Publish must return ErrClosed", what, p.err, closedAt())
		case errors.Is(p.err, v.errClosed) && v.beforeClose(p.call):
			return fmt.Sprintf("%s returned ErrClosed, but %s", what, closedAt())
		case isDeadline(p.err) && p.retAt != deadline:
			return fmt.Sprintf("late: %s returned ctx.Err() at %v, want %v, when its ctx ended", what, p.retAt, deadline)
		case p.err == nil && p.act.timeout > 0 && p.retAt > deadline:
			return fmt.Sprintf("%s returned nil at %v, after its ctx ended at %v: when ctx ends first, Publish must return ctx.Err() and deliver nothing", what, p.retAt, deadline)
		case v.close != nil && p.callSeq < v.close.callSeq && p.retAt > v.close.callAt:
			return fmt.Sprintf("late: %s was still waiting when Close was called at %v, and returned %v at %v: Close must end every waiting Publish at once, with ErrClosed", what, v.close.callAt, p.err, p.retAt)
		}
	}
	for _, sub := range v.subs() {
		u := v.unsub(sub)
		for _, n := range v.h.nexts[sub] {
			if !n.returned {
				continue
			}
			what := fmt.Sprintf("Next of subscription %d at %v", sub, n.callAt)
			if n.timeout > 0 {
				what = fmt.Sprintf("Next of subscription %d at %v with a %v timeout", sub, n.callAt, n.timeout)
			}
			afterUnsub := u != nil && u.returned && n.callSeq > u.retSeq
			v.at = &n.call
			switch {
			case n.err != nil && !errors.Is(n.err, v.errClosed) && !(n.timeout > 0 && isDeadline(n.err)):
				return fmt.Sprintf("%s returned the error %q; want a message, ctx.Err() when its ctx ends first, or ErrClosed once the subscription is over", what, n.err)
			case afterUnsub && !errors.Is(n.err, v.errClosed):
				return fmt.Sprintf("%s returned (%q, %v), but Unsubscribe returned at %v: after Unsubscribe, Next must return ErrClosed", what, n.msg, n.err, u.retAt)
			case afterUnsub && n.retAt != n.callAt:
				return fmt.Sprintf("late: %s returned ErrClosed at %v; after Unsubscribe, Next must return ErrClosed at once", what, n.retAt)
			case errors.Is(n.err, v.errClosed) && (u == nil || n.retSeq < u.callSeq) && v.beforeClose(n.call):
				return fmt.Sprintf("%s returned ErrClosed, but neither Unsubscribe nor Close had been called", what)
			case isDeadline(n.err) && n.retAt != n.callAt+n.timeout:
				return fmt.Sprintf("late: %s returned ctx.Err() at %v, want %v, when its ctx ended", what, n.retAt, n.callAt+n.timeout)
			case n.err == nil && n.timeout > 0 && n.retAt > n.callAt+n.timeout:
				return fmt.Sprintf("%s returned %q at %v, after its ctx ended at %v: when ctx ends first, Next must return ctx.Err() and take nothing", what, n.msg, n.retAt, n.callAt+n.timeout)
			case u != nil && n.callSeq < u.callSeq && n.retAt > u.callAt:
				return fmt.Sprintf("late: %s was still waiting when Unsubscribe was called at %v, and returned at %v: Unsubscribe must end a waiting Next at once, with ErrClosed", what, u.callAt, n.retAt)
			}
		}
	}
	return ""
}

// delivered: every message a Next returned was published to its topic, by a Publish that
// succeeded and that had not returned before Subscribe was called, and reached that
// subscription once.
func (v *view) delivered() string {
	for _, sub := range v.subs() {
		s := v.accepted(sub)
		topic := v.p.subs[sub-1].topic
		seen := map[string]*nextCall{}
		for _, n := range v.reads[sub] {
			p := v.h.pubs[n.msg]
			v.at = &n.call
			switch {
			case p == nil:
				return fmt.Sprintf("Next of subscription %d returned %q at %v, which was never published", sub, n.msg, n.retAt)
			case p.act.topic != topic:
				return fmt.Sprintf("Next of subscription %d (topic %s) returned %s at %v, which was published to topic %s", sub, topic, n.msg, n.retAt, p.act.topic)
			case seen[n.msg] != nil:
				return fmt.Sprintf("message %s was delivered twice to subscription %d: Next returned it at %v and again at %v; every message is delivered to each subscription exactly once",
					n.msg, sub, seen[n.msg].retAt, n.retAt)
			case p.returned && p.err != nil:
				return fmt.Sprintf("message %s was delivered to subscription %d (Next returned it at %v) although its Publish returned %v at %v: a Publish that fails delivers to no subscription (all or nothing)",
					n.msg, sub, n.retAt, p.err, p.retAt)
			case s != nil && p.returned && p.retSeq < s.callSeq:
				return fmt.Sprintf("message %s was delivered to subscription %d, but its Publish returned at %v, before Subscribe was called at %v: a subscription gets only the messages published after it began",
					n.msg, sub, p.retAt, s.callAt)
			}
			seen[n.msg] = n
		}
	}
	return ""
}

// due returns the messages that must reach sub: published successfully to its topic
// after Subscribe returned, by a Publish that returned before Unsubscribe was called.
func (v *view) due(sub int) []*pubCall {
	s := v.accepted(sub)
	if s == nil {
		return nil
	}
	u := v.unsub(sub)
	var out []*pubCall
	for _, p := range v.pubsByCall() {
		if p.returned && p.err == nil && p.act.topic == v.p.subs[sub-1].topic && p.callSeq > s.retSeq && (u == nil || p.retSeq < u.callSeq) {
			out = append(out, p)
		}
	}
	return out
}

// lost: every message due to a subscription reaches it. A subscription that was never
// unsubscribed is read until ErrClosed, so it must have returned every one; one that was
// may have had the last ones still buffered, but none may be missing before one it got.
func (v *view) lost() string {
	for _, sub := range v.subs() {
		s := v.accepted(sub)
		if s == nil {
			continue
		}
		u := v.unsub(sub)
		reads := v.reads[sub]
		for _, p := range v.due(sub) {
			if v.readAt[sub][p.act.msg] != nil {
				continue
			}
			var later *nextCall // a message the subscription got that was published after p
			for _, n := range reads {
				if q := v.h.pubs[n.msg]; q != nil && q.callSeq > p.retSeq {
					later = n
					break
				}
			}
			if u != nil && later == nil {
				continue // it may have been in the buffer at Unsubscribe
			}
			what := fmt.Sprintf("lost: message %s, published to topic %s at %v (Publish returned nil at %v), never reached subscription %d (Subscribe(%s, %d) returned at %v)",
				p.act.msg, p.act.topic, p.callAt, p.retAt, sub, v.p.subs[sub-1].topic, v.p.subs[sub-1].buffer, s.retAt)
			if later != nil {
				v.at = &later.call
				what += fmt.Sprintf(", which got %s, published after it, at %v", later.msg, later.retAt)
			} else {
				v.at = v.lastNext(sub)
				what += ", which was read until Next returned ErrClosed"
			}
			hint := "; Publish must wait while a subscription's buffer is full, not drop the message"
			for _, n := range v.h.nexts[sub] {
				if n.returned && isDeadline(n.err) && n.retAt >= p.callAt {
					hint = fmt.Sprintf("; a Next whose ctx ended (at %v) must take nothing, and the message must stay for the next call", n.retAt)
					break
				}
			}
			return what + hint
		}
	}
	return ""
}

// lastNext returns the last call of Next of sub that returned, or nil.
func (v *view) lastNext(sub int) *call {
	var last *call
	for _, n := range v.h.nexts[sub] {
		if n.returned && (last == nil || n.retSeq > last.retSeq) {
			last = &n.call
		}
	}
	return last
}

// overflow: a subscription never holds more than its buffer of messages: those whose
// Publish returned, and that the Next which took them had not yet been called for.
func (v *view) overflow() string {
	for _, sub := range v.subs() {
		reads := v.reads[sub]
		b := v.buffer(sub)
		for _, n := range reads {
			p := v.h.pubs[n.msg]
			if p == nil || !p.returned {
				continue
			}
			at := p.retSeq
			var held []string
			for _, m := range reads {
				q := v.h.pubs[m.msg]
				if q != nil && q.returned && q.retSeq <= at && m.callSeq > at {
					held = append(held, m.msg)
				}
			}
			if len(held) > b {
				v.at = &p.call
				return fmt.Sprintf("subscription %d (buffer %d) held %d messages at %v (%s: each published, none taken yet): Publish must wait while a subscription has buffer messages not yet taken by Next",
					sub, b, len(held), p.retAt, strings.Join(held, ", "))
			}
		}
	}
	return ""
}

// order: each subscription gets the messages of non-overlapping Publish calls in the
// order of the calls, and all subscriptions of a topic get their messages in one order.
func (v *view) order() string {
	for _, sub := range v.subs() {
		reads := v.reads[sub]
		for i := range reads {
			for j := i + 1; j < len(reads); j++ {
				a, b := v.h.pubs[reads[i].msg], v.h.pubs[reads[j].msg]
				if a != nil && b != nil && b.returned && b.retSeq < a.callSeq {
					v.at = &reads[i].call
					return fmt.Sprintf("subscription %d got %s before %s, but Publish of %s returned (at %v) before Publish of %s was called (at %v): messages must arrive in the order they were published",
						sub, a.act.msg, b.act.msg, b.act.msg, b.retAt, a.act.msg, a.callAt)
				}
			}
		}
	}
	subs := v.subs()
	for x, s1 := range subs {
		for _, s2 := range subs[x+1:] {
			if v.p.subs[s1-1].topic != v.p.subs[s2-1].topic {
				continue
			}
			var c1, c2 []string
			for _, n := range v.reads[s1] {
				if v.readAt[s2][n.msg] != nil {
					c1 = append(c1, n.msg)
				}
			}
			for _, n := range v.reads[s2] {
				if v.readAt[s1][n.msg] != nil {
					c2 = append(c2, n.msg)
				}
			}
			if !slices.Equal(c1, c2) {
				return fmt.Sprintf("subscriptions %d and %d of topic %s got their common messages in different orders: %v and %v; all subscriptions of a topic must receive its messages in one and the same order\n  (-subscription %d +subscription %d):\n%s",
					s1, s2, v.p.subs[s1-1].topic, c1, c2, s1, s2, harness.Diff(c1, c2))
			}
		}
	}
	return ""
}

// lateNext: a Next returns a message at the instant one is there for it: at its call, or
// when the Publish of the oldest message it or a later Next of its subscription got
// returned.
func (v *view) lateNext() string {
	for _, sub := range v.subs() {
		ns := v.h.nexts[sub]
		for k, n := range ns {
			if !n.returned {
				continue
			}
			var first *pubCall
			for _, m := range ns[k:] {
				if m.returned && m.err == nil {
					if p := v.h.pubs[m.msg]; p != nil && p.returned && (first == nil || p.retAt < first.retAt) {
						first = p
					}
				}
			}
			if first == nil {
				continue
			}
			want := max(n.callAt, first.retAt)
			what := fmt.Sprintf("Next of subscription %d (called at %v)", sub, n.callAt)
			v.at = &n.call
			switch {
			case n.err == nil && n.retAt > want:
				return fmt.Sprintf("late: %s returned %s at %v, want %v: message %s was delivered to it at %v (its Publish returned then); Next must return as soon as a message is there, woken, not polling",
					what, n.msg, n.retAt, want, first.act.msg, first.retAt)
			case isDeadline(n.err) && want < n.retAt:
				return fmt.Sprintf("late: %s returned ctx.Err() at %v, but message %s was there for it from %v: Next must return as soon as a message is there",
					what, n.retAt, first.act.msg, want)
			}
		}
	}
	return ""
}

// latePublish: a Publish delivers at the first instant at which every subscription of its
// topic surely had room: it held fewer than buffer messages even counting every message
// that may have reached it and had not been taken.
func (v *view) latePublish() string {
	var instants []time.Duration
	for _, ns := range v.h.nexts {
		for _, n := range ns {
			if n.returned {
				instants = append(instants, n.retAt)
			}
		}
	}
	for _, us := range v.h.unsubs {
		for _, u := range us {
			instants = append(instants, u.callAt)
		}
	}
	slices.Sort(instants)
	for _, p := range v.pubsByCall() {
		if !p.returned || p.retAt == p.callAt {
			continue
		}
		end := p.retAt
		if p.act.timeout > 0 {
			end = min(end, p.callAt+p.act.timeout)
		}
		if v.close != nil {
			end = min(end, v.close.callAt)
		}
		for _, t := range append([]time.Duration{p.callAt}, instants...) {
			if t < p.callAt || t >= end {
				continue
			}
			if full := v.fullAt(p, t); full == "" {
				v.at = &p.call
				return fmt.Sprintf("late: Publish(%s, %s) (called at %v) returned %v at %v, but at %v every subscription of topic %s had room: Publish must deliver as soon as every subscription has room, woken, not polling",
					p.act.topic, p.act.msg, p.callAt, p.err, p.retAt, t, p.act.topic)
			}
		}
	}
	return ""
}

// fullAt returns a subscription of p's topic that may have been full at instant t (after
// the events of t), or "" when every one surely had room.
func (v *view) fullAt(p *pubCall, t time.Duration) string {
	for _, sub := range v.subs() {
		s := v.accepted(sub)
		if s == nil || v.p.subs[sub-1].topic != p.act.topic || s.callAt > t {
			continue
		}
		if u := v.unsub(sub); u != nil && u.callAt <= t {
			continue
		}
		drained := v.unsub(sub) == nil
		held := 0
		for _, q := range v.h.pubs {
			if q == p || q.act.topic != p.act.topic || q.callAt > t || !q.returned || q.err != nil || q.retSeq < s.callSeq {
				continue
			}
			n := v.readAt[sub][q.act.msg]
			switch {
			case n != nil && n.retAt <= t:
				// taken
			case n == nil && drained:
				// never reached the subscription
			default:
				held++
			}
		}
		if held >= v.buffer(sub) {
			return fmt.Sprint(sub)
		}
	}
	return ""
}
