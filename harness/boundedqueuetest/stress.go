package boundedqueuetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/queuejudge"
	"github.com/gokata/workbook/harness/internal/tlmark"
)

// The linearizable rule runs up to ClashRuns runs of ClashSteps steps on one Queue each,
// and starts no new run once ClashBudget (real time) has passed.
const (
	ClashRuns   = 64
	ClashSteps  = 100
	ClashBudget = 500 * time.Millisecond
)

// A clash is what a step does: goroutine A first sets the number of items (fill; full
// means the capacity, full-1 one less), then A and B, lined up on a spinning barrier,
// make one call each at the same moment. Puts and Takes use a ctx that is already
// canceled: each proceeds if it can and returns at once otherwise.
type clash struct {
	fill int
	a, b callKind
}

const full = -1

// clashList is weighted towards the clashes where a check-then-act shows: two Puts for
// the last free slot, two Takes for the last item.
var clashList = []clash{
	{full - 1, opPut, opPut}, {full - 1, opPut, opPut}, {full - 1, opPut, opPut},
	{full - 1, opPut, opPut}, {full - 1, opPut, opPut}, {full - 1, opPut, opPut},
	{1, opTake, opTake}, {1, opTake, opTake},
	{0, opPut, opTake}, {full, opPut, opTake}, {0, opPut, opLen}, {1, opTake, opLen},
}

// clashes runs calls that clash, in real time, on two CPUs, and checks each run's history
// with porcupine. It is the one rule where the learner's calls truly overlap: a
// check-then-act (look at the length in one critical section, add in the next) passes
// the bubbles, where the calls of an instant run one after another, and can fail here.
// Timing decides which clash shows it (herd is the dependable check for that); a correct
// Queue never fails.
func clashes(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) {
	t.Helper()
	r := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	begin := time.Now()
	for i := 0; i < ClashRuns && (i < 2 || time.Since(begin) < ClashBudget); i++ {
		cap := 1 + i%2
		steps := make([]clash, ClashSteps)
		for k := range steps {
			steps[k] = clashList[r.IntN(len(clashList))]
		}
		w.Notef("linearizable: run %d of %d: %d steps of two calls at once on New(%d) (real time)", i+1, ClashRuns, ClashSteps, cap)
		ops, msg := runClashes(pkg, w, newQueue, cap, steps)
		if msg != "" {
			t.Fatal(msg)
		}
		if msg, first := Linearizable(cap, ops); msg != "" {
			tl := tlmark.History(ops, first, clashLane, clashLabel, "not linearizable")
			t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("not linearizable: no order of these calls explains their results; each call must take effect at one instant between its call and its return (a check-then-act over two critical sections does not)\n  On q = New(%d), goroutines A and B made Puts and Takes with a canceled ctx (each proceeds if it can, or returns at once) and Lens, two at the same moment:\n%s\n  ([call-return] are ticks of one clock: calls whose intervals overlap ran at the same time. Timing decides whether a run shows this, so a rerun may pass; the bug is there all the same.)", cap, msg))))
		}
	}
}

// runClashes plays the steps on a New(cap) and returns the operations for porcupine, or a
// verdict for a panic.
func runClashes(pkg string, w *harness.Watchdog, newQueue func(int) Queue, cap int, steps []clash) ([]porcupine.Operation, string) {
	var q Queue
	if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", cap), func() { q = newQueue(cap) }); msg != "" {
		return nil, msg
	}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	var clock atomic.Int64
	next := [2]int{1000, 2000} // the values each goroutine puts
	do := func(g int, kind callKind, ops *[]porcupine.Operation) string {
		in := input{Kind: kind}
		if kind == opPut {
			next[g]++
			in.V = next[g]
		}
		o := porcupine.Operation{ClientId: g, Input: in}
		var out output
		o.Call = clock.Add(1)
		msg := harness.Call(pkg, kind.method(), func() {
			var err error
			switch kind {
			case opPut:
				err = q.Put(canceled, in.V)
			case opTake:
				out.V, err = q.Take(canceled)
			default:
				out.V = q.Len()
			}
			out.Err = errText(err)
		})
		o.Return = clock.Add(1)
		o.Output = out
		*ops = append(*ops, o)
		return msg
	}
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
					// Set the number of items: take them all (a few at most), then put.
					for try := 0; try < cap+2; try++ {
						if msgs[g] = do(g, opTake, &ops[g]); msgs[g] != "" {
							return
						}
						if ops[g][len(ops[g])-1].Output.(output).Err != errNil {
							break
						}
					}
					fill := st.fill
					if fill < 0 {
						fill += cap + 1
					}
					for range fill {
						if msgs[g] = do(g, opPut, &ops[g]); msgs[g] != "" {
							return
						}
					}
				}
				barrier(int64(2*k + 1))
				kind := st.a
				if g == 1 {
					kind = st.b
				}
				if msgs[g] = do(g, kind, &ops[g]); msgs[g] != "" {
					return
				}
				barrier(int64(2*k + 2))
				if k%32 == 0 {
					w.Progress()
				}
			}
		})
	}
	wg.Wait()
	var all []porcupine.Operation
	for g := range 2 {
		if msgs[g] != "" {
			return nil, msgs[g]
		}
		for _, o := range ops[g] {
			in := o.Input.(input)
			switch in.Kind {
			case opPut:
				in.Who = fmt.Sprintf("goroutine %c: Put(canceled ctx, %d)", 'A'+g, in.V)
			case opTake:
				in.Who = fmt.Sprintf("goroutine %c: Take(canceled ctx)", 'A'+g)
			default:
				in.Who = fmt.Sprintf("goroutine %c: Len()", 'A'+g)
			}
			o.Input = in
			all = append(all, o)
		}
	}
	return all, ""
}

// clashLane and clashLabel render a call of the linearizable rule in a timeline.
func clashLane(o porcupine.Operation) string { return fmt.Sprintf("goroutine %c", 'A'+o.ClientId) }

func clashLabel(o porcupine.Operation) (call, result string) {
	in, out := o.Input.(input), o.Output.(output)
	switch in.Kind {
	case opPut:
		return fmt.Sprintf("Put(%d)", in.V), queuejudge.Short(out.Err)
	case opTake:
		return "Take()", queuejudge.Short(fmt.Sprintf("%d, %s", out.V, out.Err))
	}
	return "Len()", fmt.Sprint(out.V)
}

func (k callKind) method() string {
	switch k {
	case opPut:
		return "Put"
	case opTake:
		return "Take"
	}
	return "Len"
}

// The stress rule runs up to StressRuns runs of Producers producers putting PerProducer
// items each and Consumers consumers taking as many, and starts no new run once
// StressBudget (real time) has passed.
const (
	StressRuns   = 20
	Producers    = 4
	Consumers    = 4
	PerProducer  = 64
	StressBudget = time.Second
)

// stress runs producers and consumers in real time with nothing of the judge's between
// them: each goroutine writes only memory of its own (and a producer writes a payload for
// each item before putting it, which the consumer reads after taking it). The race
// detector then sees the Queue's synchronization alone: an unlocked read of the length,
// or a Take that does not synchronize with the Put of its item, is reported. Afterwards:
// every item taken once, each producer's items in order in each consumer's, and Len
// within bounds.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) {
	t.Helper()
	begin := time.Now()
	for run := 0; run < StressRuns && (run == 0 || time.Since(begin) < StressBudget); run++ {
		capacity := 1 + run%3
		what := fmt.Sprintf("stress run %d: %d producers put %d items each into New(%d) while %d consumers take them, with context.Background() (real time)", run+1, Producers, PerProducer, capacity, Consumers)
		w.Notef("%s", what)
		var q Queue
		if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", capacity), func() { q = newQueue(capacity) }); msg != "" {
			t.Fatal(msg)
		}
		n := Producers * PerProducer
		payload := make([]int, n+1)
		taken := make([][]int, Consumers)
		lens := make([]int, 0, 256)
		msgs := make([]string, Producers+Consumers+1)
		gate := make(chan struct{})
		var wg sync.WaitGroup
		for p := range Producers {
			wg.Go(func() {
				<-gate
				for i := range PerProducer {
					v := 1 + p*PerProducer + i
					// If the race detector reports this line, a Take returned this item
					// without synchronizing with its Put.
					payload[v] = v
					var err error
					if msgs[p] = harness.Call(pkg, "Put", func() { err = q.Put(context.Background(), v) }); msgs[p] != "" {
						return
					}
					if err != nil {
						msgs[p] = fmt.Sprintf("wrong result: Put(context.Background(), %d) returned %s; with a ctx that never ends it waits for room", v, errText(err))
						return
					}
				}
			})
		}
		for c := range Consumers {
			wg.Go(func() {
				<-gate
				for range PerProducer {
					var v int
					var err error
					if msgs[Producers+c] = harness.Call(pkg, "Take", func() { v, err = q.Take(context.Background()) }); msgs[Producers+c] != "" {
						return
					}
					if err != nil || v < 1 || v > n {
						msgs[Producers+c] = fmt.Sprintf("wrong result: Take(context.Background()) returned %d, %s; only items 1..%d were put", v, errText(err), n)
						return
					}
					if payload[v] != v { // see the producer's comment
						msgs[Producers+c] = fmt.Sprintf("Take returned %d before its Put had begun", v)
						return
					}
					taken[c] = append(taken[c], v)
				}
			})
		}
		wg.Go(func() {
			<-gate
			for range cap(lens) {
				var l int
				if msgs[Producers+Consumers] = harness.Call(pkg, "Len", func() { l = q.Len() }); msgs[Producers+Consumers] != "" {
					return
				}
				lens = append(lens, l)
				runtime.Gosched()
			}
		})
		done := harness.Joined(&wg)
		close(gate)
		select {
		case <-done:
		case <-time.After(harness.Deadline * 3 / 4):
			t.Fatalf("deadlock: %s did not finish in %v\n  your goroutines:\n%s", what, harness.Deadline*3/4, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		w.Progress()
		for _, msg := range msgs {
			if msg != "" {
				t.Fatalf("%s\n  schedule: %s", msg, what)
			}
		}
		if msg := checkStress(taken, lens, capacity, n); msg != "" {
			t.Fatalf("%s\n  schedule: %s", msg, what)
		}
	}
}

func checkStress(taken [][]int, lens []int, capacity, n int) string {
	seen := make([]int, n+1)
	for c, vs := range taken {
		last := make([]int, Producers)
		for _, v := range vs {
			seen[v]++
			p := (v - 1) / PerProducer
			if v < last[p] {
				return fmt.Sprintf("wrong order: consumer %d took %d after %d, but producer %d put %d before %d; items come out in the order they went in", c+1, v, last[p], p+1, last[p], v)
			}
			last[p] = v
		}
	}
	for v := 1; v <= n; v++ {
		switch {
		case seen[v] > 1:
			return fmt.Sprintf("item taken twice: %d was taken %d times; each item goes to one Take", v, seen[v])
		case seen[v] == 0:
			return fmt.Sprintf("item lost: %d was put and never taken, though the consumers made a Take for every item", v)
		}
	}
	for _, l := range lens {
		if l < 0 || l > capacity {
			return fmt.Sprintf("wrong result: Len() returned %d on a Queue of capacity %d; Len is between 0 and the capacity", l, capacity)
		}
	}
	return ""
}

// The herd part of the linearizable rule runs up to HerdTrials trials, at least
// HerdMinTrials, and starts no new one once HerdBudget (real time) has passed.
const (
	HerdTrials    = 400
	HerdMinTrials = 300
	HerdWaiters   = 4
	HerdBudget    = 1500 * time.Millisecond
)

// herd checks, in real time, that each freed slot lets exactly one waiting Put through
// (and each item exactly one waiting Take): HerdWaiters goroutines wait on a full (empty)
// New(1); the judge makes one Take (Put) at a time, HerdWaiters-1 of them, each time
// waiting until one more waiter has gone on; then it gives the last waiter 200µs and
// cancels its ctx. Exactly HerdWaiters-1 may have succeeded, whatever
// the timing. Waiters woken together that look for room in one critical section and add
// their item in the next (a check-then-act) overfill the queue here.
func herd(t *testing.T, pkg string, w *harness.Watchdog, newQueue func(int) Queue) {
	t.Helper()
	begin := time.Now()
	const releases = HerdWaiters - 1
	for i := 0; i < HerdTrials && (i < HerdMinTrials || time.Since(begin) < HerdBudget); i++ {
		putters := i%3 != 2 // two trials of waiting Puts, then one of waiting Takes
		side, release, state := "Takes", "Put", "an empty New(1)"
		if putters {
			side, release, state = "Puts", "Take", "a full New(1)"
		}
		what := fmt.Sprintf("%d %s wait on %s, then %d %ss one after another (real time, trial %d)", HerdWaiters, side, state, releases, release, i+1)
		w.Notef("linearizable: %s", what)
		var q Queue
		if msg := harness.Call(pkg, "New(1)", func() { q = newQueue(1) }); msg != "" {
			t.Fatal(msg)
		}
		if putters {
			if msg := harness.Call(pkg, "Put", func() { q.Put(context.Background(), 1) }); msg != "" {
				t.Fatal(msg)
			}
		}
		ctx, cancel := context.WithCancel(context.Background())
		var succeeded atomic.Int64
		msgs := make([]string, HerdWaiters)
		var wg sync.WaitGroup
		for k := range HerdWaiters {
			wg.Go(func() {
				var err error
				msgs[k] = harness.Call(pkg, side[:len(side)-1], func() {
					if putters {
						err = q.Put(ctx, 100+k)
					} else {
						_, err = q.Take(ctx)
					}
				})
				if msgs[k] == "" && err == nil {
					succeeded.Add(1)
				}
			})
		}
		time.Sleep(100 * time.Microsecond) // most of them are waiting by now
		lost := ""
		for r := range releases {
			var err error
			if msg := harness.Call(pkg, release, func() {
				if putters {
					_, err = q.Take(context.Background())
				} else {
					err = q.Put(context.Background(), 1+r)
				}
			}); msg != "" {
				cancel()
				t.Fatal(msg)
			}
			if err != nil {
				cancel()
				t.Fatalf("wrong result: %s(context.Background()) returned %s while %d %s waited on %s\n  schedule: %s", release, errText(err), HerdWaiters, side, state, what)
			}
			for wait := time.Now(); succeeded.Load() <= int64(r) && time.Since(wait) < harness.Deadline/2; {
				time.Sleep(20 * time.Microsecond)
			}
			if succeeded.Load() <= int64(r) {
				lost = fmt.Sprintf("lost wakeup: after %s number %d on %s, none of the waiting %s went on within %v", release, r+1, state, side, harness.Deadline/2)
				break
			}
		}
		time.Sleep(200 * time.Microsecond) // time for a second winner of the last release
		cancel()
		done := harness.Joined(&wg)
		select {
		case <-done:
		case <-time.After(harness.Deadline / 2):
			t.Fatalf("deadlock: %d %s were still waiting on %s %v after their ctx was canceled\n  schedule: %s\n  your goroutines:\n%s", HerdWaiters, side, state, harness.Deadline/2, what, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		w.Progress()
		for _, msg := range msgs {
			if msg != "" {
				t.Fatal(msg)
			}
		}
		var n int
		if msg := harness.Call(pkg, "Len", func() { n = q.Len() }); msg != "" {
			t.Fatal(msg)
		}
		wantLen := map[bool]int{true: 1, false: 0}[putters]
		if got := succeeded.Load(); got > releases || n != wantLen {
			t.Fatalf("not linearizable: %d %ss let %d of the %d waiting %s through, and Len() is %d, want %d: each %s makes room for one; waiters woken together must not all go on: look and act in one critical section (a check-then-act over two critical sections lets two through)\n  schedule: %s", releases, release, got, HerdWaiters, side, n, wantLen, release, what)
		}
		if lost != "" {
			t.Fatalf("%s\n  schedule: %s", lost, what)
		}
	}
}
