package cplatchtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/cp"
	"github.com/gokata/workbook/harness/timeline"
)

// A logStep is one step of a Part A schedule: an entry to apply, or a question to Expired.
type logStep struct {
	Cmd     cp.Command
	Expired time.Duration // for a query (Cmd.Op == 0): now, from the start
}

func (s logStep) String() string {
	if s.Cmd.Op == 0 {
		return fmt.Sprintf("Expired(start+%v)", s.Expired)
	}
	if s.Cmd.Op == cp.Await {
		return fmt.Sprintf("%s deadline start+%v", describe(s.Cmd), s.Cmd.Deadline.Sub(start))
	}
	return describe(s.Cmd)
}

// start is the instant a Part A schedule begins: the start of a synctest bubble.
var start = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// drawLog draws a log of commands as a leader could have committed it: new calls of up
// to three sessions, retries of earlier calls, Expires of earlier awaits, and questions to
// Expired between them.
func drawLog(rt *rapid.T) []logStep {
	n := rapid.IntRange(1, 40).Draw(rt, "steps")
	var steps []logStep
	var calls []cp.Command
	seq := map[uint64]uint64{}
	for i := range n {
		kind := rapid.IntRange(0, 9).Draw(rt, fmt.Sprintf("step %d kind", i+1))
		switch {
		case kind <= 5:
			session := uint64(rapid.IntRange(1, 3).Draw(rt, fmt.Sprintf("step %d session", i+1)))
			seq[session]++
			cmd := cp.Command{ID: cp.InvocationID{Session: session, Seq: seq[session]}}
			switch kind {
			case 0, 1:
				cmd.Op = cp.CountDown
			case 2:
				cmd.Op = cp.GetCount
			case 3, 4:
				cmd.Op = cp.Await
				cmd.Deadline = start.Add(time.Duration(rapid.IntRange(1, 60).Draw(rt, fmt.Sprintf("step %d deadline ms", i+1))) * time.Millisecond)
			case 5:
				cmd.Op = cp.TrySetCount
				cmd.Count = rapid.IntRange(0, 3).Draw(rt, fmt.Sprintf("step %d count", i+1))
			}
			calls = append(calls, cmd)
			steps = append(steps, logStep{Cmd: cmd})
		case kind <= 6 && len(calls) > 0:
			steps = append(steps, logStep{Cmd: calls[rapid.IntRange(0, len(calls)-1).Draw(rt, fmt.Sprintf("step %d retries", i+1))]})
		case kind <= 7 && len(calls) > 0:
			c := calls[rapid.IntRange(0, len(calls)-1).Draw(rt, fmt.Sprintf("step %d expires", i+1))]
			if c.Op == cp.Await {
				steps = append(steps, logStep{Cmd: cp.Command{ID: c.ID, Op: cp.Expire}})
			}
		default:
			ms := rapid.IntRange(0, 70).Draw(rt, fmt.Sprintf("step %d expired ms", i+1))
			steps = append(steps, logStep{Expired: time.Duration(ms) * time.Millisecond})
		}
	}
	return steps
}

// An answer is what a state machine said at one step, reduced to what the contract
// fixes: per completed invocation, the result's field that its operation defines.
type answer []string

func answerOf(ops map[cp.InvocationID]cp.Op, rs []cp.Result) answer {
	var a answer
	for _, r := range sortResults(rs) {
		switch ops[r.ID] {
		case cp.Await, cp.TrySetCount:
			a = append(a, fmt.Sprintf("%s %s: %t", ops[r.ID], r.ID, r.OK))
		case cp.GetCount:
			a = append(a, fmt.Sprintf("%s %s: %d", ops[r.ID], r.ID, r.Count))
		case cp.CountDown:
			a = append(a, fmt.Sprintf("%s %s: done", ops[r.ID], r.ID))
		default:
			a = append(a, fmt.Sprintf("%s: no such invocation in the log", r.ID))
		}
	}
	return a
}

func (a answer) String() string {
	if len(a) == 0 {
		return "nothing"
	}
	return "[" + strings.Join(a, ", ") + "]"
}

// judgeMachine plays steps on the model and on three of the learner's state machines,
// which apply them at different instants of fake time, and returns the first rule broken.
// The verdict carries the timeline of the run: one lane per state machine, its calls of
// Apply and Expired.
func judgeMachine(t *testing.T, pkg string, newSM func() StateMachine, steps []logStep) (verdict string) {
	ops := map[cp.InvocationID]cp.Op{}
	for _, s := range steps {
		if s.Cmd.Op != 0 && s.Cmd.Op != cp.Expire {
			ops[s.Cmd.ID] = s.Cmd.Op
		}
	}
	const copies = 3
	got := make([][][]cp.Result, copies) // per copy, per step
	gotIDs := make([][][]cp.InvocationID, copies)
	failure := ""
	var calls []timeline.Event // one goroutine makes them all: nothing is shared
	var callStep []int         // the step of each call, to label it if the timeline is drawn
	var outcomes []string      // what each call did, for its label
	var brk *broke
	lanes := []string{machineLane(0), machineLane(1), machineLane(2)}
	defer func() {
		if verdict != "" {
			for k, i := range callStep {
				if s := steps[i]; s.Cmd.Op == 0 {
					calls[k].Label = timeline.Ended(fmt.Sprintf("Expired(+%v)", s.Expired), outcomes[k])
				} else {
					calls[k].Label = timeline.Ended(fmt.Sprintf("Apply(%d, %s)", i+1, s.Cmd.Op), outcomes[k])
				}
			}
			tl := timeline.Replay(lanes, calls)
			if brk != nil {
				tl.Broke(brk.lane, brk.label)
			}
			verdict = tl.Attach(verdict)
		}
	}()
	stuck := harness.Bubble(t, pkg, func() {
		for c := range copies {
			var sm StateMachine
			if msg := harness.Call(pkg, "NewStateMachine", func() { sm = newSM() }); msg != "" {
				failure = msg
				return
			}
			base := time.Now()
			for i, s := range steps {
				// copy c applies step i at start + i*c*7ms: the copies see different clocks
				if d := base.Add(time.Duration(i*c*7) * time.Millisecond).Sub(time.Now()); d > 0 {
					time.Sleep(d)
				}
				var rs []cp.Result
				var ids []cp.InvocationID
				var msg string
				e := timeline.Event{Lane: machineLane(c), Kind: timeline.Call, Start: time.Since(start), Open: true, StartSeq: len(calls)}
				calls, callStep, outcomes = append(calls, e), append(callStep, i), append(outcomes, "")
				ev := &calls[len(calls)-1]
				if s.Cmd.Op == 0 {
					msg = harness.Call(pkg, "Expired", func() { ids = sm.Expired(start.Add(s.Expired)) })
				} else {
					msg = harness.Call(pkg, "Apply", func() { rs = sm.Apply(uint64(i+1), s.Cmd) })
				}
				ev.End, ev.EndSeq, ev.Open = time.Since(start), ev.StartSeq, false
				if msg != "" {
					outcomes[len(outcomes)-1] = "panicked"
					brk = &broke{lane: machineLane(c), label: "panicked"}
					failure = fmt.Sprintf("%s\n  at step %d (%s) of:\n%s", msg, i+1, s, showLog(steps, i))
					return
				}
				outcomes[len(outcomes)-1] = "returned"
				got[c] = append(got[c], slices.Clone(rs))
				gotIDs[c] = append(gotIDs[c], sortIDs(ids))
			}
		}
	})
	if failure != "" {
		return failure
	}
	// breakAt marks the rule broken by copy c at step i, right after that call.
	breakAt := func(c, i int, label string) {
		e := calls[c*len(steps)+i]
		calls = append(calls, timeline.Instant(e.Lane, timeline.Broke, label, e.End, e.EndSeq))
	}
	if stuck != nil {
		brk = &broke{lane: judgeLane, label: "deadlock"}
		return fmt.Sprintf("deadlock: a state machine blocked; Apply and Expired must return at once\n  your goroutines:\n%s", stuck.Goroutines)
	}
	m := newMachine()
	for i, s := range steps {
		if s.Cmd.Op == 0 {
			want := m.expired(start.Add(s.Expired))
			if d := harness.Diff(want, gotIDs[0][i]); d != "" {
				breakAt(0, i, "wrong answer")
				return fmt.Sprintf("Expired returned %v, want %v: with %s, the awaits whose deadline is not after start+%v\n  the log:\n%s", gotIDs[0][i], want, m.state(), s.Expired, showLog(steps, i))
			}
			continue
		}
		before := m.state()
		want := answerOf(ops, m.apply(s.Cmd))
		if g := answerOf(ops, got[0][i]); !slices.Equal(g, want) {
			breakAt(0, i, "wrong answer")
			return fmt.Sprintf("Apply(%d, %s) returned %s, want %s: the state before it was %s%s\n  the log:\n%s", i+1, describe(s.Cmd), g, want, before, retried(ops, steps, got[0], i), showLog(steps, i))
		}
		for c := 1; c < copies; c++ {
			if !slices.Equal(got[c][i], got[0][i]) {
				breakAt(c, i, "not deterministic")
				return fmt.Sprintf("Apply is not deterministic: two state machines given the same log returned %s and %s at entry %d (%s), so members would diverge; Apply must not read the clock, draw random numbers or range over a map\n  the log:\n%s", showResults(got[0][i]), showResults(got[c][i]), i+1, describe(s.Cmd), showLog(steps, i))
			}
		}
	}
	return ""
}

// retried explains a wrong answer at step i that a state machine without a record of
// completed invocations gives: it applied a retry again.
func retried(ops map[cp.InvocationID]cp.Op, steps []logStep, got [][]cp.Result, i int) string {
	m := &machine{forget: true, done: map[cp.InvocationID]cp.Result{}}
	seen := map[cp.InvocationID]int{}
	first := ""
	for k, s := range steps[:i+1] {
		if s.Cmd.Op == 0 {
			continue
		}
		// A retry of an invocation already complete must be answered from the record;
		// an Await retried while it still waits is only registered again.
		_, complete := m.done[s.Cmd.ID]
		if j, ok := seen[s.Cmd.ID]; ok && complete && first == "" && s.Cmd.Op != cp.Expire {
			first = fmt.Sprintf("; entry %d is a retry of entry %d (%s), and your Apply applied it again: a retry must be answered from the record and change nothing", k+1, j+1, describe(s.Cmd))
		}
		if s.Cmd.Op != cp.Expire {
			if _, ok := seen[s.Cmd.ID]; !ok {
				seen[s.Cmd.ID] = k
			}
		}
		if !slices.Equal(answerOf(ops, m.apply(s.Cmd)), answerOf(ops, got[k])) {
			return ""
		}
	}
	return first
}

// machineLane is the timeline's lane of the state machine of copy c.
func machineLane(c int) string { return fmt.Sprintf("state machine %d", c+1) }

func showLog(steps []logStep, upTo int) string {
	var b strings.Builder
	for i, s := range steps[:upTo+1] {
		fmt.Fprintf(&b, "    %2d. %s\n", i+1, s)
	}
	return strings.TrimRight(b.String(), "\n")
}
