package workqueuetest

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
	"github.com/gokata/workbook/harness/internal/tlmark"
)

// judge plays s and returns the first rule the learner's Queue broke, or "". When a
// schedule with two Queues fails, it replays each Queue's part alone: if each one passes
// alone, the Queues share state. The verdict carries the timeline of the run it judges.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue, s schedule) string {
	return queuejudge.JudgeApart(len(s.Prefill), judgeOne(t, pkg, w, newQueue, s), func(i int) string {
		return judgeOne(t, pkg, w, newQueue, s.only(i))
	})
}

func judgeOne(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue, s schedule) string {
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

// A change of the count of unfinished tasks, at a tick of the run's clock.
type change struct {
	tick  int64
	at    time.Duration
	delta int
}

// verdict judges a played run: panics, deadlocks and leaks first, then what each call
// returned, then whether every waiting call went on at the instant it could, then
// whether some order of the calls explains every result (porcupine). It returns the
// verdict and the call at fault (0 when no single call is).
func verdict(s schedule, p *played) finding {
	calls := s.Calls()
	if p.panicMsg != "" {
		return finding{Msg: p.panicMsg, At: -1}
	}
	for _, c := range calls[1:] {
		if msg := p.recs[c.ID].Panic; msg != "" {
			return finding{Msg: msg, ID: c.ID, At: p.recs[c.ID].Ret}
		}
	}
	if p.stuck != nil {
		return finding{Msg: stuckVerdict(s, p), At: -1}
	}
	who := func(id int) string { return s.DescribeCall(id, p.recs[id]) }
	ends := queuejudge.CtxEnds(calls, p.recs)
	var found []finding
	put := map[int]int{} // value -> id of its Put (0 for the items put first)
	for _, f := range s.Firsts() {
		put[f.V] = 0
	}
	for _, c := range calls[1:] {
		if c.Kind == opPut {
			put[c.V] = c.ID
		}
	}
	gotBy := map[int]int{}
	for _, c := range calls[1:] {
		r := p.recs[c.ID]
		if !r.Returned {
			continue
		}
		if r.Leaked {
			found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("registration leak: %s returned at %v with a context.AfterFunc still registered on its ctx, which had not ended; every AfterFunc a call registers must be stopped before the call returns (call the stop function AfterFunc returns)", who(c.ID), r.Ret)})
		}
		if !c.Waits() {
			if r.Ret != r.Start {
				found = append(found, finding{ID: c.ID, At: r.Start, Msg: fmt.Sprintf("sleeping: %s took %v of fake time; Put and TaskDone never wait", who(c.ID), r.Ret-r.Start)})
			}
			continue
		}
		if r.Err != errNil {
			switch end := ends[c.ID]; {
			case r.Err != errCanceled && r.Err != errDeadline:
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong error: %s returned %s at %v; it returns nil or, when its ctx ends first, ctx.Err() itself", who(c.ID), r.Err, r.Ret)})
			case end > r.Ret:
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("early: %s returned %s at %v, but its ctx ended only at %v; a call returns an error only when its ctx has ended", who(c.ID), r.Err, r.Ret, end)})
			case r.Err != c.CtxErr():
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong error: %s returned %s at %v, want %s: when its ctx ends first, a call returns ctx.Err()", who(c.ID), r.Err, r.Ret, c.CtxErr())})
			case c.Kind == opGet && r.V != 0:
				found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong result: %s returned %d with %s at %v; a Get that gives up returns the zero value and takes nothing", who(c.ID), r.V, r.Err, r.Ret)})
			}
			continue
		}
		if c.Kind != opGet {
			continue
		}
		switch pid, ok := put[r.V]; {
		case !ok:
			found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("wrong result: %s returned %d at %v, an item no Put put", who(c.ID), r.V, r.Ret)})
		case gotBy[r.V] != 0:
			found = append(found, finding{ID: c.ID, At: r.Ret, Msg: fmt.Sprintf("item taken twice: %s and %s both returned %d; each item goes to one Get", who(gotBy[r.V]), who(c.ID), r.V)})
		default:
			_ = pid
		}
		gotBy[r.V] = c.ID
	}
	if f := queuejudge.Earliest(found); f.Msg != "" {
		return f
	}
	// Every item put comes out of some Get: the callers' or the judge's at the end.
	for _, v := range p.drained {
		gotBy[v] = -1
	}
	var values []int
	for v := range put {
		values = append(values, v)
	}
	sort.Ints(values)
	for _, v := range values {
		if gotBy[v] != 0 {
			continue
		}
		from := fmt.Sprintf("the first Put(%d)", v)
		if id := put[v]; id != 0 {
			from = who(id)
		}
		msg := fmt.Sprintf("item lost: %s put %d, but no Get ever returned it, and the judge's Gets at the end found the queue without it; a Get that gives up must leave its item in the queue", from, v)
		return finding{Msg: msg, At: -1}
	}
	var changes [][]change
	for q := range s.Prefill {
		changes = append(changes, countChanges(s, p, q))
	}
	if msg, id := earlyJoin(s, p, who); msg != "" {
		return finding{Msg: msg, ID: id, At: p.recs[id].Ret}
	}
	if msg, id, at := liveness(s, p, ends, changes, who); msg != "" {
		return finding{Msg: msg, ID: id, At: at}
	}
	msg, id := linearizable(s, p)
	if id == 0 {
		return finding{Msg: msg, At: -1}
	}
	return finding{Msg: msg, ID: id, At: p.recs[id].Ret}
}

// countChanges lists the changes of the count of unfinished tasks of Queue q,
// pessimistically for a waiting Join: each Put at its call, each TaskDone at its return.
func countChanges(s schedule, p *played, q int) []change {
	var chs []change
	for i, f := range s.Firsts() {
		if f.Q == q {
			chs = append(chs, change{p.prefill[i].CallTick, 0, +1})
		}
	}
	for _, c := range s.Calls()[1:] {
		r := p.recs[c.ID]
		switch {
		case c.Q != q:
		case c.Kind == opPut && r.Started:
			chs = append(chs, change{r.CallTick, r.Start, +1})
		case c.Kind == opTaskDone && r.Returned && !r.Panicked:
			chs = append(chs, change{r.RetTick, r.Ret, -1})
		}
	}
	sort.Slice(chs, func(i, j int) bool { return chs[i].tick < chs[j].tick })
	return chs
}

// zeroAfter returns the first instant at or after tick at which the count was zero,
// pessimistically.
func zeroAfter(chs []change, tick int64, callAt time.Duration) (time.Duration, bool) {
	n := 0
	for _, ch := range chs {
		if ch.tick > tick {
			if n == 0 {
				return callAt, true
			}
			break
		}
		n += ch.delta
	}
	if n == 0 {
		return callAt, true
	}
	for _, ch := range chs {
		if ch.tick <= tick {
			continue
		}
		n += ch.delta
		if n == 0 {
			return ch.at, true
		}
	}
	return 0, false
}

// earlyJoin finds a Join that returned nil although the count was never zero while it
// ran, even counting each Put at its return and each TaskDone at its call. It returns
// the verdict and the Join.
func earlyJoin(s schedule, p *played, who func(int) string) (string, int) {
	for _, c := range s.Calls()[1:] {
		r := p.recs[c.ID]
		if c.Kind != opJoin || !r.Returned || r.Err != errNil {
			continue
		}
		n, zero := 0, false
		var puts, dones int
		for i, f := range s.Firsts() {
			if pr := p.prefill[i]; f.Q == c.Q && pr.RetTick < r.CallTick {
				n++
				puts++
			}
		}
		for _, d := range s.Calls()[1:] {
			dr := p.recs[d.ID]
			switch {
			case d.Q != c.Q:
			case d.Kind == opPut && dr.Returned && dr.RetTick < r.CallTick:
				n++
				puts++
			case d.Kind == opTaskDone && dr.Started && !dr.Panicked && dr.CallTick < r.CallTick:
				n--
				dones++
			}
		}
		zero = n <= 0
		for _, d := range s.Calls()[1:] {
			dr := p.recs[d.ID]
			if d.Q == c.Q && d.Kind == opTaskDone && dr.Started && !dr.Panicked && dr.CallTick > r.CallTick && dr.CallTick < r.RetTick {
				n--
				zero = zero || n <= 0
			}
		}
		if !zero {
			return fmt.Sprintf("early: %s returned nil at %v while tasks were unfinished (%d put before it, %d of them done): Join waits until every task put is done (TaskDone), not until the queue is empty", who(c.ID), r.Ret, puts, dones), c.ID
		}
	}
	return "", 0
}

// liveness checks every instant at which the run stood still (every goroutine blocked,
// fake time about to move on): no call may still be waiting whose ctx has ended, no Get
// while the queue holds an item, no Join once the count of unfinished tasks has reached
// zero since it was called.
func liveness(s schedule, p *played, ends []time.Duration, chs [][]change, who func(int) string) (string, int, time.Duration) {
	calls := s.Calls()
	for _, at := range queuejudge.Instants(calls, p.recs, ends) {
		held := append([]int(nil), s.Prefill...)
		for _, c := range calls[1:] {
			if r := p.recs[c.ID]; r.Returned && r.Ret <= at && r.Err == errNil {
				switch c.Kind {
				case opPut:
					held[c.Q]++
				case opGet:
					held[c.Q]--
				}
			}
		}
		for _, c := range calls[1:] {
			r := p.recs[c.ID]
			if !r.Started || r.Start > at || r.Ret <= at || !c.Waits() {
				continue
			}
			then := fmt.Sprintf("it returned %s at %v", r.Err, r.Ret)
			if c.Kind == opGet && r.Err == errNil {
				then = fmt.Sprintf("it returned %d at %v", r.V, r.Ret)
			}
			what := p.eventsAt(s, at, 0)
			n, queue := held[c.Q], "the queue"
			if len(s.Prefill) > 1 {
				queue = s.QueueName(c.Q)
			}
			switch {
			case ends[c.ID] <= at:
				return fmt.Sprintf("late: %s was still waiting after %v, when its ctx had ended (at %v); %s: a call whose ctx ends while it waits returns ctx.Err() at that instant (watch ctx.Done(), or wake the waiter with context.AfterFunc)", who(c.ID), at, ends[c.ID], then), c.ID, at
			case c.Kind == opGet && n > 0:
				return waitVerdict(who(c.ID), at, fmt.Sprintf("%s held %d item(s)", queue, n), what, then, p.eventsAt(s, r.Ret, c.ID), r.Err == errNil, "a Put brings an item"), c.ID, at
			case c.Kind == opJoin:
				if z, ok := zeroAfter(chs[c.Q], r.CallTick, r.Start); ok && z <= at {
					return waitVerdict(who(c.ID), at, fmt.Sprintf("the count of unfinished tasks reached zero at %v", z), what, then, p.eventsAt(s, r.Ret, c.ID), r.Err == errNil, "the count reaches zero, even when a Put comes right after"), c.ID, at
				}
			}
		}
	}
	return "", 0, 0
}

func waitVerdict(who string, at time.Duration, state, what, then, thenWhat string, proceeded bool, when string) string {
	if what != "" {
		what = " (at that instant: " + what + ")"
	}
	if proceeded && thenWhat == "" {
		return fmt.Sprintf("late: %s was still waiting after %v although %s%s; %s: a waiting call goes on at the instant %s (block on a channel or sync.Cond and wake it; never poll or sleep)", who, at, state, what, then, when)
	}
	if thenWhat != "" {
		then += ", when " + thenWhat
	}
	return fmt.Sprintf("lost wakeup: %s kept waiting after %v although %s%s; %s: a waiting call must go on at the instant %s", who, at, state, what, then, when)
}

// linearizable checks the run's history of each Queue with porcupine, and returns the
// verdict and the first call no order explains.
func linearizable(s schedule, p *played) (string, int) {
	for q := range s.Prefill {
		if msg, id := linearizableOne(s, p, q); msg != "" {
			return msg, id
		}
	}
	return "", 0
}

func linearizableOne(s schedule, p *played, q int) (string, int) {
	var ops []porcupine.Operation
	for i, f := range s.Firsts() {
		if r := p.prefill[i]; f.Q == q {
			ops = append(ops, porcupine.Operation{ClientId: 0, Input: input{Kind: opPut, V: f.V, Who: fmt.Sprintf("the first %s.Put(%d)", s.QueueName(q), f.V)}, Call: r.CallTick, Output: output{}, Return: r.RetTick})
		}
	}
	for i, cl := range s.Callers {
		for _, c := range cl.Calls {
			r := p.recs[c.ID]
			if c.Kind == opCancel || c.Q != q || !r.Returned {
				continue
			}
			ops = append(ops, porcupine.Operation{ClientId: i + 1, Input: input{Kind: c.Kind, V: c.V, Who: s.DescribeCall(c.ID, r), ID: c.ID}, Call: r.CallTick, Output: output{Err: r.Err, V: r.V, Panicked: r.Panicked}, Return: r.RetTick})
		}
	}
	if msg, first := Linearizable(ops); msg != "" {
		id := 0
		if in, ok := first.Input.(input); ok {
			id = in.ID
		}
		return "not linearizable: no order of the calls explains their results (items come out in the order put, each to one Get; TaskDone panics exactly when no task is unfinished; Join returns nil only when none is)\n" + msg + "\n  ([call-return] are ticks of one clock: calls whose intervals overlap ran at the same time)", id
	}
	return "", 0
}

// report renders the calls of a played run: the returns of Put and TaskDone are no
// events, and their lines in the story are brief.
var report = queuejudge.Report[callKind]{
	Result: result,
	Shows:  call.Waits,
	Brief:  func(c call) bool { return !c.Waits() },
}

// eventsAt describes what the calls did at instant at, except call skip.
func (p *played) eventsAt(s schedule, at time.Duration, skip int) string {
	return s.EventsAt(p.recs, report, at, skip)
}

func result(c call, r record) string {
	switch {
	case c.Kind == opGet && r.Err == errNil:
		return fmt.Sprint(r.V)
	case c.Kind == opGet:
		return fmt.Sprintf("%d, %s", r.V, r.Err)
	case c.Kind == opJoin:
		return r.Err
	case c.Kind == opTaskDone && r.Panicked:
		return "(panicked: " + DonePanic + ")"
	}
	return ""
}

// story lists what each call returned and when, in time order, then what the judge's
// Gets took at the end.
func (p *played) story(s schedule) string {
	text := s.Story(p.recs, report)
	if len(p.drained) > 0 {
		text += fmt.Sprintf("\n    at the end, the judge's Gets took %v", p.drained)
	}
	return text
}

// stuckVerdict names the calls that never returned when every goroutine was blocked.
func stuckVerdict(s schedule, p *played) string {
	if p.stuck.Leak {
		return fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a call must leave nothing behind when it returns (in particular when its ctx ends first)\n  your goroutines:\n%s", p.stuck.Goroutines)
	}
	hung := s.Hung(p.recs)
	if len(hung) == 0 {
		hung = append(hung, "the run never finished (the judge's Gets at the end, with a ctx of 1µs, never returned)")
	}
	return queuejudge.Deadlock(hung, p.stuck.Goroutines)
}
