package cplatchtest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness/raftsim"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/cp"
)

// firstApplied returns the result of the first of e's invocations that the log applied.
func firstApplied(e event, applied map[cp.InvocationID]cp.Result) (cp.Result, bool) {
	for _, id := range e.IDs {
		if res, ok := applied[id]; ok {
			return res, true
		}
	}
	return cp.Result{}, false
}

// appliedOf returns, for every invocation that the log applied (a command of its own,
// not an Expire), the first result it was given, and the entries in the order applied.
func appliedOf(logs [][]raftsim.Applied) (map[cp.InvocationID]cp.Result, map[cp.InvocationID]uint64) {
	var longest []raftsim.Applied
	for _, l := range logs {
		if len(l) > len(longest) {
			longest = l
		}
	}
	results := map[cp.InvocationID]cp.Result{}
	at := map[cp.InvocationID]uint64{}
	for _, a := range longest {
		if a.Cmd.Op == 0 || a.Cmd.Op == cp.Expire {
			continue
		}
		if _, ok := at[a.Cmd.ID]; !ok {
			at[a.Cmd.ID] = a.Index
		}
		for _, res := range a.Results {
			if _, ok := results[res.ID]; !ok {
				results[res.ID] = res
			}
		}
	}
	return results, at
}

// once checks that no call of the history took effect under two invocation ids.
// It returns the call too, for the timeline.
func once(history []event, at map[cp.InvocationID]uint64, r run) (string, event) {
	for _, e := range history {
		if e.Call.Op != cp.CountDown && e.Call.Op != cp.TrySetCount {
			continue
		}
		var where []string
		for _, id := range e.IDs {
			if i, ok := at[id]; ok {
				where = append(where, fmt.Sprintf("as %s at entry %d", id, i))
			}
		}
		if len(where) > 1 {
			return fmt.Sprintf("applied twice: client %d's %s (called at %v) was applied %s; a retry must reuse the invocation id, so that the state machine answers it from its record\n  run: %s", e.Client+1, e.Call, e.Start, strings.Join(where, " and "), r), e
		}
	}
	return "", event{}
}

// An input of the latch model: one call, and whether its outcome is unknown (its ctx
// ended first, so it may or may not have taken effect, then or later).
type input struct {
	ev      event
	unknown bool
}

type output struct {
	ok    bool
	count int
}

// model is the latch as porcupine checks it: the state is the count. A call whose outcome
// is unknown may take effect or not, so the model is nondeterministic.
var model = (&porcupine.NondeterministicModel{
	Init: func() []any { return []any{0} },
	Step: func(state, in, out any) []any {
		n, i, o := state.(int), in.(input), out.(output)
		switch i.ev.Call.Op {
		case cp.CountDown:
			next := max(0, n-1)
			if i.unknown {
				return []any{n, next}
			}
			return []any{next}
		case cp.TrySetCount:
			ok := n == 0 && i.ev.Call.Count > 0
			switch {
			case i.unknown && ok:
				return []any{n, i.ev.Call.Count}
			case i.unknown:
				return []any{n}
			case ok != o.ok:
				return nil
			case ok:
				return []any{i.ev.Call.Count}
			}
			return []any{n}
		case cp.GetCount:
			if o.count == n {
				return []any{n}
			}
		case cp.Await:
			if o.ok == (n == 0) {
				return []any{n}
			}
		}
		return nil
	},
	DescribeOperation: func(in, out any) string { return in.(input).ev.String() },
}).ToModel()

// linearizable checks the history with porcupine. A call whose own ctx ended is kept only
// if it may have changed the count, as a call that may take effect at any later instant;
// an Await that returned false counts from its deadline, since it must see a count above
// zero between its deadline and its return.
//
// A call that failed but whose invocation the log shows applied took effect, with the
// result the log gave it; one whose invocation is not in the log did not. Only a call
// whose ids the judge could not see (its ctx was not passed to Invoke) stays unknown.
//
// Where it broke, for the timeline: at the call of the first call that no order can
// place next.
func linearizable(history []event, applied map[cp.InvocationID]cp.Result, r run, w *harness.Watchdog) (string, *broke) {
	var ops []porcupine.Operation
	for _, e := range history {
		in := input{ev: e}
		call, ret := e.Start.Nanoseconds(), e.End.Nanoseconds()
		if e.Err != nil {
			if e.Call.Op != cp.CountDown && e.Call.Op != cp.TrySetCount {
				continue
			}
			ret = math.MaxInt64
			if len(e.IDs) == 0 {
				in.unknown = true
			} else {
				res, ok := firstApplied(e, applied)
				if !ok {
					continue // never took effect
				}
				in.ev.OK = res.OK
			}
		}
		if e.Call.Op == cp.Await && !e.OK && e.Call.Timeout > 0 {
			call = (e.Start + e.Call.Timeout).Nanoseconds()
		}
		ops = append(ops, porcupine.Operation{ClientId: e.Client, Input: in, Output: output{ok: in.ev.OK, count: in.ev.Count}, Call: call, Return: ret})
	}
	done := make(chan struct{})
	defer close(done)
	go func() { // the judge is busy, not stuck
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				w.Progress()
			case <-done:
				return
			}
		}
	}()
	res, info := porcupine.CheckOperationsVerbose(model, ops, 20*time.Second)
	switch res {
	case porcupine.Ok:
		return "", nil
	case porcupine.Unknown:
		return "", nil // too many overlapping calls to decide in time: nothing proven either way
	}
	text, first := explain(ops, info)
	brk := atEnd("not linearizable")
	if in, ok := first.Input.(input); ok {
		brk = at(in.ev, time.Duration(first.Call), "not linearizable")
	}
	return fmt.Sprintf("not linearizable: no order of the calls explains their results; each call must take effect exactly once, at one instant between its call and its return (a retry must reuse the invocation id, and a read must go through the log)\n%s\n  run: %s", text, r), brk
}

// explain shows the longest order found and the calls that none can follow, and returns
// the first of these.
func explain(ops []porcupine.Operation, info porcupine.LinearizationInfo) (string, porcupine.Operation) {
	var longest []int
	for _, part := range info.PartialLinearizations() {
		for _, lin := range part {
			if len(lin) > len(longest) {
				longest = lin
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  The longest order found explains %d of %d calls; it ends:", len(longest), len(ops))
	placed := map[int]bool{}
	for k, id := range longest {
		placed[id] = true
		if k >= len(longest)-8 {
			fmt.Fprintf(&b, "\n    %s", ops[id].Input.(input).ev)
		}
	}
	var rest []porcupine.Operation
	for id, o := range ops {
		if !placed[id] {
			rest = append(rest, o)
		}
	}
	slices.SortFunc(rest, func(a, b porcupine.Operation) int { return int(a.Call - b.Call) })
	b.WriteString("\n  and none of these can come next:")
	for k, o := range rest {
		if k == 8 {
			fmt.Fprintf(&b, "\n    ... and %d more", len(rest)-k)
			break
		}
		fmt.Fprintf(&b, "\n    %s", o.Input.(input).ev)
	}
	var first porcupine.Operation
	if len(rest) > 0 {
		first = rest[0]
	}
	return b.String(), first
}
