package semaphoretest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/tlmark"
)

// The linearizable rule runs up to LinearRuns runs on a New(LinearSize), each with
// LinearClients goroutines making LinearCalls calls, and starts no new run once
// LinearBudget (real time) has passed.
const (
	LinearRuns    = 40
	LinearClients = 3
	LinearCalls   = 60
	LinearSize    = 2
	LinearBudget  = time.Second
)

// An op is one call of a linearizability run. None of them blocks: Acquire gets a ctx
// that is already canceled, and each goroutine releases only tokens it took.
type op struct {
	kind kind
	n    int64
}

func (o op) String() string {
	switch o.kind {
	case tryAcquire:
		return fmt.Sprintf("TryAcquire(%d)", o.n)
	case release:
		return fmt.Sprintf("Release(%d)", o.n)
	}
	return fmt.Sprintf("Acquire(canceled ctx, %d)", o.n)
}

// linearizable runs goroutines that make non-blocking calls at the same time, in real
// time, and checks each run's history with porcupine: some order of the calls, each
// taking effect at one instant between its call and its return, must explain every
// result (two TryAcquires that both take the last token do not). Timing decides whether
// a run shows such a bug, so this rule may miss it on one run and find it on the next.
func linearizable(t *testing.T, pkg string, w *harness.Watchdog, newWeighted func(int64) Weighted) {
	t.Helper()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	begin := time.Now()
	for run := 0; run < LinearRuns && (run == 0 || time.Since(begin) < LinearBudget); run++ {
		w.Notef("linearizable: run %d of %d: %d goroutines making %d calls each (real time)", run+1, LinearRuns, LinearClients, LinearCalls)
		var s Weighted
		if msg := harness.Call(pkg, "New", func() { s = newWeighted(LinearSize) }); msg != "" {
			t.Fatal(msg)
		}
		var clock atomic.Int64
		ops := make([][]porcupine.Operation, LinearClients)
		msgs := make([]string, LinearClients)
		var wg sync.WaitGroup
		for g := range LinearClients {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(rand.Uint64(), uint64(g)))
				held := int64(0)
				for range LinearCalls {
					o := op{kind: kind(r.IntN(3)), n: 1 + int64(r.IntN(LinearSize))}
					if o.kind == release {
						if held == 0 {
							o.kind = tryAcquire
						} else {
							o.n = 1 + int64(r.IntN(int(held)))
						}
					}
					rec := porcupine.Operation{ClientId: g, Input: o, Call: clock.Add(1)}
					msgs[g] = harness.Call(pkg, o.String(), func() {
						switch o.kind {
						case tryAcquire:
							ok := s.TryAcquire(o.n)
							rec.Output = boolText(ok)
							if ok {
								held += o.n
							}
						case release:
							s.Release(o.n)
							rec.Output = ""
							held -= o.n
						case acquire:
							err := s.Acquire(canceled, o.n)
							rec.Output = errText(err)
							if err == nil {
								held += o.n
							}
						}
					})
					rec.Return = clock.Add(1)
					if msgs[g] != "" {
						return
					}
					ops[g] = append(ops[g], rec)
					if r.IntN(4) == 0 {
						runtime.Gosched()
					}
				}
			})
		}
		wg.Wait()
		w.Progress()
		var all []porcupine.Operation
		for g := range LinearClients {
			if msgs[g] != "" {
				t.Fatal(msgs[g])
			}
			all = append(all, ops[g]...)
		}
		res, info := porcupine.CheckOperationsVerbose(semModel(), all, 0)
		if res != porcupine.Ok {
			text, first := explainHistory(all, info)
			tl := tlmark.History(all, first, func(o porcupine.Operation) string { return actorName(o.ClientId) }, linearLabel, "not linearizable")
			t.Fatal(harness.Draw(tl.Attach("not linearizable: no order of these calls explains their results; each call must take effect at one instant between its call and its return (a check-then-act in two critical sections does not)\n" + text)))
		}
	}
}

// semModel is the sequential semaphore for porcupine, from New(LinearSize): the state
// is the count of tokens held. It checks that no order hands out more tokens than there
// are; who waits is not part of its state.
func semModel() porcupine.Model {
	return porcupine.Model{
		Init: func() any { return int64(0) },
		Step: func(state, input, output any) (bool, any) {
			cur, o := state.(int64), input.(op)
			fits := LinearSize-cur >= o.n
			switch o.kind {
			case tryAcquire:
				if output.(string) == "true" {
					return fits, cur + o.n
				}
				// false is right when the tokens are not free, and also when they are
				// but someone waits: an Acquire with a canceled ctx may join the line
				// for a moment before it sees its ctx. (A false that should be true is
				// the schedules' to catch.)
				return output.(string) == "false", cur
			case release:
				return cur >= o.n, cur - o.n
			}
			switch output.(string) {
			case errNil:
				return fits, cur + o.n
			case errCanceled:
				return true, cur // a done ctx: either answer when it fits
			}
			return false, cur
		},
	}
}

// linearLabel renders a call of the linearizable rule for a timeline.
func linearLabel(o porcupine.Operation) (call, result string) {
	in := o.Input.(op)
	if in.kind == acquire {
		return fmt.Sprintf("Acquire(canceled, %d)", in.n), shortErr(fmt.Sprint(o.Output))
	}
	return in.String(), fmt.Sprint(o.Output)
}

// explainHistory shows where the longest order porcupine found breaks off, and returns
// the first call no order explains.
func explainHistory(ops []porcupine.Operation, info porcupine.LinearizationInfo) (string, porcupine.Operation) {
	var longest []int
	for _, part := range info.PartialLinearizations() {
		for _, lin := range part {
			if len(lin) > len(longest) {
				longest = lin
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  On New(%d), %d goroutines made %d calls. The longest order found that explains their results covers %d of them, and ends:", LinearSize, LinearClients, len(ops), len(longest))
	cur := int64(0)
	placed := map[int]bool{}
	for k, id := range longest {
		placed[id] = true
		before := cur
		_, next := semModel().Step(cur, ops[id].Input, ops[id].Output)
		cur = next.(int64)
		if k >= len(longest)-6 {
			fmt.Fprintf(&b, "\n    %s   (held %d -> %d)", describeOp(ops[id]), before, cur)
		}
	}
	var rest []porcupine.Operation
	for id, o := range ops {
		if !placed[id] {
			rest = append(rest, o)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Call < rest[j].Call })
	fmt.Fprintf(&b, "\n  With %d tokens held, no order explains the calls that come next:", cur)
	for k, o := range rest {
		if k == 6 {
			fmt.Fprintf(&b, "\n    ... and %d more", len(rest)-k)
			break
		}
		fmt.Fprintf(&b, "\n    %s", describeOp(o))
	}
	b.WriteString("\n  ([call-return] are ticks of one clock: calls whose intervals overlap ran at the same time. Timing decides whether a run shows this, so a rerun may pass; the bug is there all the same.)")
	var first porcupine.Operation
	if len(rest) > 0 {
		first = rest[0]
	}
	return b.String(), first
}

func describeOp(o porcupine.Operation) string {
	res := ""
	if s, _ := o.Output.(string); s != "" {
		res = " = " + s
	}
	return fmt.Sprintf("[%5d-%5d] %s: %v%s", o.Call, o.Return, actorName(o.ClientId), o.Input.(op), res)
}
