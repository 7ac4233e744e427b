package boundedqueuetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
	"github.com/gokata/workbook/harness/internal/tlmark"
)

// judge plays s and returns the first rule the learner's Queue broke, or "". When a
// schedule with two Queues fails, it replays each Queue's part alone: if each one passes
// alone, the Queues share state.
//
// The verdict carries the timeline of the run it judges.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue, s schedule) string {
	return queuejudge.JudgeApart(len(s.Prefill), judgeOne(t, pkg, w, newQueue, s), func(i int) string {
		return judgeOne(t, pkg, w, newQueue, s.only(i))
	})
}

func judgeOne(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue, s schedule) string {
	p := play(t, pkg, w, newQueue, s)
	f := verdict(s, p)
	msg, id := f.Msg, f.ID
	if msg == "" {
		return ""
	}
	if p.stuck != nil && p.panicMsg == "" && id == 0 {
		tlmark.Stuck(p.tl, p.stuck)
	} else {
		s.Broke(t, p.tl, msg, id, p.recs[id], f.At)
	}
	return p.tl.Attach(msg + "\n  schedule: " + s.String() + "\n  what happened:\n" + p.story(s))
}

// A finding is a broken rule and the instant it shows.
type finding = queuejudge.Finding

// verdict judges a played run: panics, deadlocks and leaks first, then what each call
// returned, then whether every waiting call went on at the instant it could, then
// whether some order of the calls explains every result (porcupine). It returns the
// verdict and the call at fault (0 when no call is).
func verdict(s schedule, p *played) finding {
	calls := s.Calls()
	if p.panicMsg != "" {
		return finding{Msg: p.panicMsg, At: -1}
	}
	for id := range calls[1:] {
		if msg := p.recs[id+1].Panic; msg != "" {
			return finding{Msg: msg, ID: id + 1, At: p.recs[id+1].Ret}
		}
	}
	if p.stuck != nil {
		return finding{Msg: stuckVerdict(s, p), At: -1}
	}
	who := func(id int) string { return s.DescribeCall(id, p.recs[id]) }
	ends := queuejudge.CtxEnds(calls, p.recs)
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
			found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("registration leak: %s returned at %v with a context.AfterFunc still registered on its ctx, which had not ended; every AfterFunc a call registers must be stopped before the call returns (call the stop function AfterFunc returns)", who(c.ID), r.Ret)})
		}
		if c.Kind != opPut && c.Kind != opTake {
			if r.Ret != r.Start {
				found = append(found, finding{ID: c.ID, At: r.Start, Msg: fmt.Sprintf("sleeping: %s took %v of fake time; Len never waits", who(c.ID), r.Ret-r.Start)})
			}
			continue
		}
		end := ends[c.ID]
		if r.Err != errNil {
			switch {
			case r.Err != errCanceled && r.Err != errDeadline:
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong error: %s returned %s at %v; a call returns nil or, when its ctx ends first, ctx.Err() itself", who(c.ID), r.Err, r.Ret)})
			case end > r.Ret:
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("early: %s returned %s at %v, but its ctx ended only at %v; a call returns an error only when its ctx has ended", who(c.ID), r.Err, r.Ret, end)})
			case r.Err != c.CtxErr():
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong error: %s returned %s at %v, want %s: when its ctx ends first, a call returns ctx.Err()", who(c.ID), r.Err, r.Ret, c.CtxErr())})
			case c.Kind == opTake && r.V != 0:
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong result: %s returned %d with %s at %v; a Take that gives up returns the zero value and removes nothing", who(c.ID), r.V, r.Err, r.Ret)})
			}
			continue
		}
		if c.Kind != opTake {
			continue
		}
		pid, ok := put[r.V]
		switch {
		case !ok:
			found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong result: %s returned %d at %v, an item no Put put", who(c.ID), r.V, r.Ret)})
		case pid != 0 && p.recs[pid].Returned && p.recs[pid].Err != errNil:
			found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("item added although Put returned an error: %s returned %d at %v, but %s returned %s at %v; a Put that returns an error must not add its item", who(c.ID), r.V, r.Ret, who(pid), p.recs[pid].Err, p.recs[pid].Ret)})
		case takenBy[r.V] != 0:
			found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("item taken twice: %s and %s both returned %d; each item goes to one Take", who(takenBy[r.V]), who(c.ID), r.V)})
		}
		takenBy[r.V] = c.ID
	}
	if f := queuejudge.Earliest(found); f.Msg != "" {
		return f
	}
	if msg, id, at := liveness(s, p, ends, who); msg != "" {
		return finding{Msg: msg, ID: id, At: at}
	}
	msg, id := linearizable(s, p)
	if id == 0 {
		return finding{Msg: msg, At: -1}
	}
	return finding{Msg: msg, ID: id, At: p.recs[id].Ret}
}

// liveness checks every instant at which the run stood still (every goroutine blocked,
// fake time about to move on): no call may still be waiting whose ctx has ended, no Put
// while the queue has room, no Take while it holds an item. The queue's length at such
// an instant is what the calls that returned by then say: a correct Queue's calls return
// at the instant they take effect. It returns the verdict and the call that waited.
func liveness(s schedule, p *played, ends []time.Duration, who func(int) string) (string, int, time.Duration) {
	calls := s.Calls()
	for _, at := range queuejudge.Instants(calls, p.recs, ends) {
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
				return fmt.Sprintf("late: %s was still waiting after %v, when its ctx had ended (at %v); %s: a call whose ctx ends while it waits returns ctx.Err() at that instant (watch ctx.Done(), or wake the waiter with context.AfterFunc)", who(c.ID), at, ends[c.ID], then), c.ID, at
			case c.Kind == opPut && n < cap:
				return waitVerdict(who(c.ID), "Put", at, fmt.Sprintf("%s had room (%d of %d items)", queue, n, cap), what, then, p.eventsAt(s, r.Ret, c.ID), r.Err == errNil, "a Take makes room"), c.ID, at
			case c.Kind == opTake && n > 0:
				return waitVerdict(who(c.ID), "Take", at, fmt.Sprintf("%s held %d item(s)", queue, n), what, then, p.eventsAt(s, r.Ret, c.ID), r.Err == errNil, "a Put brings an item"), c.ID, at
			}
		}
	}
	return "", 0, 0
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

// linearizable checks the run's history of each Queue with porcupine, and returns the
// verdict and the first call no order explains.
func linearizable(s schedule, p *played) (string, int) {
	for q, cap := range s.Caps {
		if msg, id := linearizableOne(s, p, q, cap); msg != "" {
			return msg, id
		}
	}
	return "", 0
}

func linearizableOne(s schedule, p *played, q, cap int) (string, int) {
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
			ops = append(ops, porcupine.Operation{ClientId: i + 1, Input: input{Kind: c.Kind, V: c.V, Who: s.DescribeCall(c.ID, r), ID: c.ID}, Call: r.CallTick, Output: output{Err: r.Err, V: r.V}, Return: r.RetTick})
		}
	}
	if msg, first := Linearizable(cap, ops); msg != "" {
		id := 0
		if in, ok := first.Input.(input); ok {
			id = in.ID
		}
		return "not linearizable: no order of the calls explains their results (items come out in the order they went in, each to one Take; a Put that returns an error takes effect while the queue is full, a Take that returns an error while it is empty; Len is the number of items)\n" + msg + "\n  ([call-return] are ticks of one clock: calls whose intervals overlap ran at the same time)", id
	}
	return "", 0
}

// report renders the calls of a played run: a cancel's return is no event, and its line
// in the story names no result.
var report = queuejudge.Report[callKind]{
	Result: result,
	Shows:  func(c call) bool { return c.Kind != opCancel },
	Brief:  func(c call) bool { return c.Kind == opCancel },
}

// eventsAt describes what the calls did at instant at: the calls made and returned then,
// except call skip.
func (p *played) eventsAt(s schedule, at time.Duration, skip int) string {
	return s.EventsAt(p.recs, report, at, skip)
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
func (p *played) story(s schedule) string { return s.Story(p.recs, report) }

// stuckVerdict names the calls that never returned when every goroutine was blocked.
func stuckVerdict(s schedule, p *played) string {
	if p.stuck.Leak {
		return fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a call must leave nothing behind when it returns (in particular when its ctx ends first)\n  your goroutines:\n%s", p.stuck.Goroutines)
	}
	var hung []string
	for i, f := range s.Firsts() {
		if r := p.prefill[i]; r.Started && !r.Returned {
			hung = append(hung, fmt.Sprintf("the first %s.Put(%d), on a Queue of capacity %d, never returned", s.QueueName(f.Q), f.V, s.Caps[f.Q]))
		}
	}
	hung = append(hung, s.Hung(p.recs)...)
	if len(hung) == 0 {
		hung = append(hung, "the run never finished")
	}
	return queuejudge.Deadlock(hung, p.stuck.Goroutines)
}
