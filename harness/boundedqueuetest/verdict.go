package boundedqueuetest

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// judge plays s and returns the first rule the learner's Queue broke, or "". When a
// schedule with two Queues fails, it replays each Queue's part alone: if each one passes
// alone, the Queues share state.
func judge(t *testing.T, pkg string, newQueue func(int) Queue, s schedule) string {
	msg := judgeOne(t, pkg, newQueue, s)
	if msg == "" || len(s.Caps) == 1 {
		return msg
	}
	for i := range s.Caps {
		if alone := judgeOne(t, pkg, newQueue, s.only(i)); alone != "" {
			return alone
		}
	}
	return fmt.Sprintf("separate Queues must not share state: with %d Queues in use at once (each one alone passes), %s", len(s.Caps), msg)
}

func judgeOne(t *testing.T, pkg string, newQueue func(int) Queue, s schedule) string {
	p := play(t, pkg, newQueue, s)
	if msg := verdict(s, p); msg != "" {
		return msg + "\n  schedule: " + s.String() + "\n  what happened:\n" + p.story(s)
	}
	return ""
}

// A finding is a broken rule and the instant it shows.
type finding = queuejudge.Finding

// verdict judges a played run: panics, deadlocks and leaks first, then what each call
// returned, then whether every waiting call went on at the instant it could, then
// whether some order of the calls explains every result (porcupine).
func verdict(s schedule, p *played) string {
	calls := s.Calls()
	if p.panicMsg != "" {
		return p.panicMsg
	}
	for id := range calls[1:] {
		if msg := p.recs[id+1].Panic; msg != "" {
			return msg
		}
	}
	if p.stuck != nil {
		return stuckVerdict(s, p)
	}
	who := func(id int) string { return describeCall(s, id, p.recs[id]) }
	ends := ctxEnds(calls, p.recs)
	var found []finding
	// Registrations and the shape of each result.
	put := map[int]int{} // value -> id of its Put (0 for the items put first)
	for _, f := range s.Firsts() {
		put[f.V] = 0
	}
	for _, c := range calls[1:] {
		if c.Kind == opPut {
			put[c.V] = c.ID
		}
	}
	takenBy := map[int]int{}
	for _, c := range calls[1:] {
		r := p.recs[c.ID]
		if !r.Returned {
			continue
		}
		if r.Leaked {
			found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("registration leak: %s returned at %v with a context.AfterFunc still registered on its ctx, which had not ended; every AfterFunc a call registers must be stopped before the call returns (call the stop function AfterFunc returns)", who(c.ID), r.Ret)})
		}
		if c.Kind != opPut && c.Kind != opTake {
			if r.Ret != r.Start {
				found = append(found, finding{At: r.Start, Msg: fmt.Sprintf("sleeping: %s took %v of fake time; Len never waits", who(c.ID), r.Ret-r.Start)})
			}
			continue
		}
		end := ends[c.ID]
		if r.Err != errNil {
			switch {
			case r.Err != errCanceled && r.Err != errDeadline:
				found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("wrong error: %s returned %s at %v; a call returns nil or, when its ctx ends first, ctx.Err() itself", who(c.ID), r.Err, r.Ret)})
			case end > r.Ret:
				found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("early: %s returned %s at %v, but its ctx ended only at %v; a call returns an error only when its ctx has ended", who(c.ID), r.Err, r.Ret, end)})
			case r.Err != c.CtxErr():
				found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("wrong error: %s returned %s at %v, want %s: when its ctx ends first, a call returns ctx.Err()", who(c.ID), r.Err, r.Ret, c.CtxErr())})
			case c.Kind == opTake && r.V != 0:
				found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("wrong result: %s returned %d with %s at %v; a Take that gives up returns the zero value and removes nothing", who(c.ID), r.V, r.Err, r.Ret)})
			}
			continue
		}
		if c.Kind != opTake {
			continue
		}
		pid, ok := put[r.V]
		switch {
		case !ok:
			found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("wrong result: %s returned %d at %v, an item no Put put", who(c.ID), r.V, r.Ret)})
		case pid != 0 && p.recs[pid].Returned && p.recs[pid].Err != errNil:
			found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("item added although Put returned an error: %s returned %d at %v, but %s returned %s at %v; a Put that returns an error must not add its item", who(c.ID), r.V, r.Ret, who(pid), p.recs[pid].Err, p.recs[pid].Ret)})
		case takenBy[r.V] != 0:
			found = append(found, finding{At: r.Ret, Msg: fmt.Sprintf("item taken twice: %s and %s both returned %d; each item goes to one Take", who(takenBy[r.V]), who(c.ID), r.V)})
		}
		takenBy[r.V] = c.ID
	}
	if msg := queuejudge.Earliest(found); msg != "" {
		return msg
	}
	if msg := liveness(s, p, ends, who); msg != "" {
		return msg
	}
	return linearizable(s, p)
}

// ctxEnds returns the instant each Put's and Take's ctx ended (a ctx that ends before
// the call is made ends, for the judge, when the call is made).
func ctxEnds(calls []call, recs []record) []time.Duration {
	ends := make([]time.Duration, len(calls))
	canceled := map[int]time.Duration{}
	for _, c := range calls[1:] {
		if r := recs[c.ID]; c.Kind == opCancel && r.Started {
			if at, ok := canceled[c.Target]; !ok || r.Start < at {
				canceled[c.Target] = r.Start
			}
		}
	}
	for _, c := range calls[1:] {
		r := recs[c.ID]
		switch c.Ctx {
		case ctxTimeout:
			ends[c.ID] = r.Start + c.D
		case ctxCancel:
			ends[c.ID] = c.End
			if at, ok := canceled[c.ID]; ok && at < c.End {
				ends[c.ID] = at
			}
			ends[c.ID] = max(ends[c.ID], r.Start)
		default:
			ends[c.ID] = r.Start
		}
	}
	return ends
}

// liveness checks every instant at which the run stood still (every goroutine blocked,
// fake time about to move on): no call may still be waiting whose ctx has ended, no Put
// while the queue has room, no Take while it holds an item. The queue's length at such
// an instant is what the calls that returned by then say: a correct Queue's calls return
// at the instant they take effect.
func liveness(s schedule, p *played, ends []time.Duration, who func(int) string) string {
	calls := s.Calls()
	instants := map[time.Duration]bool{}
	for _, c := range calls[1:] {
		r := p.recs[c.ID]
		if r.Started {
			instants[r.Start], instants[r.Ret] = true, true
			if c.Kind == opPut || c.Kind == opTake {
				instants[ends[c.ID]] = true
			}
		}
	}
	var ts []time.Duration
	for at := range instants {
		ts = append(ts, at)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	for _, at := range ts {
		held := append([]int(nil), s.Prefill...)
		for _, c := range calls[1:] {
			if r := p.recs[c.ID]; r.Returned && r.Ret <= at && r.Err == errNil {
				switch c.Kind {
				case opPut:
					held[c.Q]++
				case opTake:
					held[c.Q]--
				}
			}
		}
		for _, c := range calls[1:] {
			r := p.recs[c.ID]
			if !r.Started || r.Start > at || r.Ret <= at || (c.Kind != opPut && c.Kind != opTake) {
				continue
			}
			then := fmt.Sprintf("it returned %s at %v", r.Err, r.Ret)
			if c.Kind == opTake && r.Err == errNil {
				then = fmt.Sprintf("it returned %d at %v", r.V, r.Ret)
			}
			what := p.eventsAt(s, at, 0)
			n, cap, queue := held[c.Q], s.Caps[c.Q], "the queue"
			if len(s.Caps) > 1 {
				queue = s.QueueName(c.Q)
			}
			switch {
			case ends[c.ID] <= at:
				return fmt.Sprintf("late: %s was still waiting after %v, when its ctx had ended (at %v); %s: a call whose ctx ends while it waits returns ctx.Err() at that instant (watch ctx.Done(), or wake the waiter with context.AfterFunc)", who(c.ID), at, ends[c.ID], then)
			case c.Kind == opPut && n < cap:
				return waitVerdict(who(c.ID), "Put", at, fmt.Sprintf("%s had room (%d of %d items)", queue, n, cap), what, then, p.eventsAt(s, r.Ret, c.ID), r.Err == errNil, "a Take makes room")
			case c.Kind == opTake && n > 0:
				return waitVerdict(who(c.ID), "Take", at, fmt.Sprintf("%s held %d item(s)", queue, n), what, then, p.eventsAt(s, r.Ret, c.ID), r.Err == errNil, "a Put brings an item")
			}
		}
	}
	return ""
}

func waitVerdict(who, method string, at time.Duration, state, what, then, thenWhat string, proceeded bool, when string) string {
	if what != "" {
		what = " (at that instant: " + what + ")"
	}
	if proceeded && thenWhat == "" {
		return fmt.Sprintf("late: %s was still waiting after %v although %s%s; %s: a waiting %s goes on at the instant %s (block on a channel or sync.Cond and wake it; never poll or sleep)", who, at, state, what, then, method, when)
	}
	if thenWhat != "" {
		then += ", when " + thenWhat
	}
	return fmt.Sprintf("lost wakeup: %s kept waiting after %v although %s%s; %s: a waiting %s must go on at the instant %s, also when putters and takers wait at the same time and when another waiter gives up", who, at, state, what, then, method, when)
}

// linearizable checks the run's history of each Queue with porcupine.
func linearizable(s schedule, p *played) string {
	for q, cap := range s.Caps {
		if msg := linearizableOne(s, p, q, cap); msg != "" {
			return msg
		}
	}
	return ""
}

func linearizableOne(s schedule, p *played, q, cap int) string {
	var ops []porcupine.Operation
	for i, f := range s.Firsts() {
		if r := p.prefill[i]; f.Q == q {
			ops = append(ops, porcupine.Operation{ClientId: 0, Input: input{Kind: opPut, V: f.V, Who: fmt.Sprintf("the first %s.Put(%d)", s.QueueName(q), f.V)}, Call: r.CallTick, Output: output{Err: r.Err}, Return: r.RetTick})
		}
	}
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			r := p.recs[c.ID]
			if c.Kind == opCancel || c.Q != q || !r.Returned {
				continue
			}
			ops = append(ops, porcupine.Operation{ClientId: i + 1, Input: input{Kind: c.Kind, V: c.V, Who: describeCall(s, c.ID, r)}, Call: r.CallTick, Output: output{Err: r.Err, V: r.V}, Return: r.RetTick})
		}
	}
	if msg := Linearizable(cap, ops); msg != "" {
		return "not linearizable: no order of the calls explains their results (items come out in the order they went in, each to one Take; a Put that returns an error takes effect while the queue is full, a Take that returns an error while it is empty; Len is the number of items)\n" + msg + "\n  ([call-return] are ticks of one clock: calls whose intervals overlap ran at the same time)"
	}
	return ""
}

// describeCall names a call for a learner: "#3 Put(3) of goroutine B (called at 1.2µs,
// ctx from context.WithTimeout(5µs))".
func describeCall(s schedule, id int, r record) string {
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			if c.ID != id {
				continue
			}
			text := fmt.Sprintf("#%d %s of %s (called at %v", id, s.On(c), queuejudge.CallerName(i), r.Start)
			if c.Kind == opPut || c.Kind == opTake {
				text += ", " + c.CtxString()
			}
			return text + ")"
		}
	}
	return fmt.Sprintf("call #%d", id)
}

// eventsAt describes what the calls did at instant at: the calls made and returned then,
// except call skip.
func (p *played) eventsAt(s schedule, at time.Duration, skip int) string {
	var evs []string
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			r := p.recs[c.ID]
			if c.ID == skip {
				continue
			}
			if r.Started && r.Start == at {
				evs = append(evs, fmt.Sprintf("%s called #%d %s", queuejudge.CallerName(i), c.ID, s.On(c)))
			}
			if r.Returned && r.Ret == at && c.Kind != opCancel {
				evs = append(evs, fmt.Sprintf("#%d %s returned %s", c.ID, s.On(c), result(c, r)))
			}
		}
	}
	for _, c := range s.Calls()[1:] {
		if r := p.recs[c.ID]; c.ID != skip && (c.Kind == opPut || c.Kind == opTake) && r.Started && r.Start < at && c.Ctx == ctxTimeout && r.Start+c.D == at {
			evs = append(evs, fmt.Sprintf("the ctx of #%d ended", c.ID))
		}
		if c.ID != skip && c.Ctx == ctxCancel && (c.Kind == opPut || c.Kind == opTake) && c.End == at {
			evs = append(evs, fmt.Sprintf("the judge canceled the ctx of #%d", c.ID))
		}
	}
	return strings.Join(evs, ", ")
}

func result(c call, r record) string {
	switch {
	case c.Kind == opTake && r.Err == errNil:
		return fmt.Sprint(r.V)
	case c.Kind == opTake:
		return fmt.Sprintf("%d, %s", r.V, r.Err)
	case c.Kind == opLen:
		return fmt.Sprint(r.V)
	case c.Kind == opCancel:
		return ""
	}
	return r.Err
}

// story lists what each call returned and when, in time order.
func (p *played) story(s schedule) string {
	type line struct {
		at   time.Duration
		text string
	}
	var lines []line
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			r := p.recs[c.ID]
			switch {
			case !r.Started:
				continue
			case !r.Returned:
				lines = append(lines, line{r.Start, fmt.Sprintf("%s: #%d %s called at %v, never returned", queuejudge.CallerName(i), c.ID, s.On(c), r.Start)})
			case c.Kind == opCancel:
				lines = append(lines, line{r.Start, fmt.Sprintf("%s: #%d %s at %v", queuejudge.CallerName(i), c.ID, s.On(c), r.Start)})
			default:
				lines = append(lines, line{r.Start, fmt.Sprintf("%s: #%d %s called at %v, returned %s at %v", queuejudge.CallerName(i), c.ID, s.On(c), r.Start, result(c, r), r.Ret)})
			}
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at < lines[j].at })
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("    " + l.text)
	}
	return b.String()
}

// stuckVerdict names the calls that never returned when every goroutine was blocked.
func stuckVerdict(s schedule, p *played) string {
	if p.stuck.Leak {
		return fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a call must leave nothing behind when it returns (in particular when its ctx ends first)\n  your goroutines:\n%s", p.stuck.Goroutines)
	}
	calls := s.Calls()
	ends := ctxEnds(calls, p.recs)
	var hung []string
	for i, f := range s.Firsts() {
		if r := p.prefill[i]; r.Started && !r.Returned {
			hung = append(hung, fmt.Sprintf("the first %s.Put(%d), on a Queue of capacity %d, never returned", s.QueueName(f.Q), f.V, s.Caps[f.Q]))
		}
	}
	for _, c := range calls[1:] {
		r := p.recs[c.ID]
		if !r.Started || r.Returned {
			continue
		}
		switch c.Kind {
		case opPut, opTake:
			hung = append(hung, fmt.Sprintf("%s never returned, although its ctx ended at %v", describeCall(s, c.ID, r), ends[c.ID]))
		default:
			hung = append(hung, fmt.Sprintf("%s never returned; it never waits", describeCall(s, c.ID, r)))
		}
	}
	if len(hung) == 0 {
		hung = append(hung, "the run never finished")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %s", hung[0])
	for _, h := range hung[1:] {
		fmt.Fprintf(&b, "\n  also: %s", h)
	}
	fmt.Fprintf(&b, "\n  your goroutines:\n%s", p.stuck.Goroutines)
	return b.String()
}
