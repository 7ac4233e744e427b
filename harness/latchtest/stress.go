package latchtest

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
	"github.com/gokata/workbook/harness/yield"
)

// The linearizable rule runs up to StressRuns runs of StressSteps steps on one Latch
// each, and starts no new run once StressBudget (real time) has passed. In a step,
// goroutine A first sets the count (CountDown until zero, then TrySetCount), then A and
// B, lined up on a spinning barrier, make one call each at the same moment.
const (
	StressRuns   = 32
	StressSteps  = 125
	StressBudget = time.Second
)

// A call of a stress run. Waits use a context that is already canceled, so that every
// call returns at once.
type call struct {
	Kind opKind // opCountDown, opCount, opTrySetCount, or opWait
	N    int
}

const opWait opKind = -1

func (c call) String() string {
	if c.Kind == opWait {
		return "Wait(canceled ctx)"
	}
	return op(c).String()
}

// A clash is what a step does: the count to start from, and the calls A and B make at
// the same moment.
type clash struct {
	count int
	a, b  call
}

var clashes = []clash{
	{0, call{Kind: opTrySetCount, N: 2}, call{Kind: opTrySetCount, N: 3}},
	{0, call{Kind: opTrySetCount, N: 1}, call{Kind: opTrySetCount, N: 2}},
	{0, call{Kind: opTrySetCount, N: 2}, call{Kind: opCount}},
	{1, call{Kind: opCountDown}, call{Kind: opCountDown}},
	{2, call{Kind: opCountDown}, call{Kind: opCountDown}},
	{1, call{Kind: opCountDown}, call{Kind: opTrySetCount, N: 2}},
	{1, call{Kind: opCountDown}, call{Kind: opWait}},
	{1, call{Kind: opCountDown}, call{Kind: opCount}},
}

// stress runs calls that clash, in real time, on two CPUs, and checks each run's history
// with porcupine: some order of the calls, each taking effect at one instant between its
// call and its return, must explain every result. It is the one rule where the learner's
// calls truly overlap: a check-then-act (look at the count in one critical section, set
// it in the next) passes every schedule of the bubbles, where the calls of an instant run
// one after another, and can fail here.
//
// Whether two calls interleave badly is up to the scheduler (and on a busy machine fewer
// steps fit in the budget), so this rule may miss such a bug on one run and find it on
// the next, and a failure cannot be replayed by a seed. A correct Latch never fails it.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newLatch func(int) Latch) {
	t.Helper()
	r := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	begin := time.Now()
	for i := 0; i < StressRuns && (i == 0 || time.Since(begin) < StressBudget); i++ {
		steps := make([]clash, StressSteps)
		for k := range steps {
			steps[k] = clashes[r.IntN(len(clashes))]
		}
		w.Notef("linearizable: run %d of %d: %d steps of two calls at once (real time)", i+1, StressRuns, StressSteps)
		// Yield points of the learner's code (when the judge instrumented it) yield at
		// random, so that a window between two critical sections is often open while
		// the other goroutine's call runs.
		restore := yield.Set(yield.Policy{Percent: 20 + r.IntN(60), Seed: r.Uint64()})
		ops, msg := runClashes(pkg, w, newLatch, steps)
		restore()
		if msg != "" {
			t.Fatal(msg)
		}
		res, info := porcupine.CheckOperationsVerbose(latchModel(0), ops, 0)
		if res != porcupine.Ok {
			t.Fatalf("not linearizable: no order of these calls explains their results; each call must take effect at one instant between its call and its return (a check-then-act in two critical sections does not)\n%s", explain(ops, info))
		}
	}
}

// runClashes plays the steps on a New(0) and returns the operations for porcupine, or a
// verdict for a panic. Call and return times are ticks of one atomic clock, so they order
// the calls as they happened.
func runClashes(pkg string, w *harness.Watchdog, newLatch func(int) Latch, steps []clash) ([]porcupine.Operation, string) {
	var l Latch
	if msg := harness.Call(pkg, "New(0)", func() { l = newLatch(0) }); msg != "" {
		return nil, msg
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	var clock atomic.Int64
	do := func(g int, c call, ops *[]porcupine.Operation) string {
		o := porcupine.Operation{ClientId: g, Input: c}
		o.Call = clock.Add(1)
		msg := harness.Call(pkg, c.String(), func() {
			switch c.Kind {
			case opCountDown:
				l.CountDown()
			case opCount:
				o.Output = l.Count()
			case opTrySetCount:
				o.Output = l.TrySetCount(c.N)
			case opWait:
				o.Output = errText(l.Wait(canceled))
			}
		})
		o.Return = clock.Add(1)
		*ops = append(*ops, o)
		return msg
	}
	// A spinning barrier lines A and B up: whichever gets there first spins until the
	// other arrives, so they set off at the same moment, each on a CPU of its own.
	var arrived atomic.Int64
	var failed atomic.Bool
	barrier := func(n int64) {
		arrived.Add(1)
		for i := 0; arrived.Load() < 2*n && !failed.Load(); i++ {
			if i%64 == 63 {
				runtime.Gosched()
			}
		}
	}
	var ops [2][]porcupine.Operation
	var msgs [2]string
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			defer func() {
				if msgs[g] != "" {
					failed.Store(true)
				}
			}()
			for k, st := range steps {
				if g == 0 {
					// Set the count: down to zero (a few tries at most), then up.
					for try := 0; try < 8; try++ {
						if msgs[g] = do(g, call{Kind: opCount}, &ops[g]); msgs[g] != "" {
							return
						}
						if ops[g][len(ops[g])-1].Output.(int) == 0 {
							break
						}
						if msgs[g] = do(g, call{Kind: opCountDown}, &ops[g]); msgs[g] != "" {
							return
						}
					}
					if st.count > 0 {
						if msgs[g] = do(g, call{Kind: opTrySetCount, N: st.count}, &ops[g]); msgs[g] != "" {
							return
						}
					}
				}
				barrier(int64(2*k + 1))
				c := st.a
				if g == 1 {
					c = st.b
				}
				if msgs[g] = do(g, c, &ops[g]); msgs[g] != "" {
					return
				}
				barrier(int64(2*k + 2))
				if k%64 == 0 && w != nil {
					w.Progress()
				}
			}
		})
	}
	wg.Wait()
	for g := range 2 {
		if msgs[g] != "" {
			return nil, msgs[g]
		}
	}
	return append(ops[0], ops[1]...), ""
}

// latchModel is the sequential Latch for porcupine, from New(count): the state is the
// count.
func latchModel(count int) porcupine.Model {
	return porcupine.Model{
		Init: func() any { return count },
		Step: func(state, input, output any) (bool, any) {
			count, c := state.(int), input.(call)
			switch c.Kind {
			case opCountDown:
				return true, max(count-1, 0)
			case opCount:
				return output.(int) == count, count
			case opTrySetCount:
				if count == 0 && c.N > 0 {
					return output.(bool), c.N
				}
				return !output.(bool), count
			}
			// Wait with a canceled ctx: nil at zero, context.Canceled otherwise.
			if count == 0 {
				return output.(string) == errNil, count
			}
			return output.(string) == errCanceled, count
		},
	}
}

// explain shows where the longest order porcupine found breaks off: its last calls, with
// the count after each, then the first calls that no order could place.
func explain(ops []porcupine.Operation, info porcupine.LinearizationInfo) string {
	var longest []int
	for _, part := range info.PartialLinearizations() {
		for _, lin := range part {
			if len(lin) > len(longest) {
				longest = lin
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  On latch = New(0), goroutines A and B made %d calls. The longest order found that explains their results covers %d of them, and ends:", len(ops), len(longest))
	count := 0
	placed := map[int]bool{}
	for k, id := range longest {
		placed[id] = true
		before := count
		_, next := latchModel(0).Step(count, ops[id].Input, ops[id].Output)
		count = next.(int)
		if k >= len(longest)-6 {
			fmt.Fprintf(&b, "\n    %s   (count %d -> %d)", describeOp(ops[id]), before, count)
		}
	}
	var rest []porcupine.Operation
	for id, o := range ops {
		if !placed[id] {
			rest = append(rest, o)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Call < rest[j].Call })
	fmt.Fprintf(&b, "\n  With the count at %d, no order explains the calls that come next:", count)
	for k, o := range rest {
		if k == 6 {
			fmt.Fprintf(&b, "\n    ... and %d more", len(rest)-k)
			break
		}
		fmt.Fprintf(&b, "\n    %s", describeOp(o))
	}
	b.WriteString("\n  ([call-return] are ticks of one clock: calls whose intervals overlap ran at the same time. Timing decides whether a run shows this, so a rerun may pass; the bug is there all the same.)")
	return b.String()
}

func describeOp(o porcupine.Operation) string {
	res := ""
	switch v := o.Output.(type) {
	case int:
		res = fmt.Sprintf(" = %d", v)
	case bool:
		res = fmt.Sprintf(" = %t", v)
	case string:
		res = " = " + v
	}
	return fmt.Sprintf("[%5d-%5d] %s: %v%s", o.Call, o.Return, actorName(o.ClientId), o.Input.(call), res)
}
