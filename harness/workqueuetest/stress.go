package workqueuetest

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// The herd rule runs up to HerdTrials trials, at least HerdMinTrials, and starts no new
// one once HerdBudget (real time) has passed.
const (
	HerdTrials    = 300
	HerdMinTrials = 120
	HerdWaiters   = 4
	HerdBudget    = time.Second
)

// herd checks, in real time, that each item lets exactly one waiting Get through:
// HerdWaiters goroutines wait in Get on an empty Queue; the judge puts HerdWaiters-1
// items one at a time, each time waiting until one more Get has returned; then it gives
// the last Get 200µs and cancels its ctx. Exactly HerdWaiters-1 may have succeeded,
// whatever the timing. Getters woken together that look for an item in one critical
// section and take it in the next (the seed's "check not empty, then get") let two
// through.
func herd(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue) {
	t.Helper()
	begin := time.Now()
	const releases = HerdWaiters - 1
	for i := 0; i < HerdTrials && (i < HerdMinTrials || time.Since(begin) < HerdBudget); i++ {
		what := fmt.Sprintf("%d Gets wait on an empty Queue, then %d Puts one after another (real time, trial %d)", HerdWaiters, releases, i+1)
		w.Notef("herd: %s", what)
		var q Queue
		if msg := harness.Call(pkg, "New()", func() { q = newQueue() }); msg != "" {
			t.Fatal(msg)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var succeeded atomic.Int64
		msgs := make([]string, HerdWaiters)
		got := make([]int, HerdWaiters)
		var wg sync.WaitGroup
		for k := range HerdWaiters {
			wg.Go(func() {
				var err error
				msgs[k] = harness.Call(pkg, "Get", func() { got[k], err = q.Get(ctx) })
				if msgs[k] == "" && err == nil {
					succeeded.Add(1)
				} else {
					got[k] = -1
				}
			})
		}
		time.Sleep(100 * time.Microsecond) // most of them are waiting by now
		lost := ""
		for r := range releases {
			if msg := harness.Call(pkg, "Put", func() { q.Put(1 + r) }); msg != "" {
				cancel()
				t.Fatal(msg)
			}
			for wait := time.Now(); succeeded.Load() <= int64(r) && time.Since(wait) < harness.Deadline/2; {
				time.Sleep(20 * time.Microsecond)
			}
			if succeeded.Load() <= int64(r) {
				lost = fmt.Sprintf("lost wakeup: after Put number %d, none of the waiting Gets went on within %v", r+1, harness.Deadline/2)
				break
			}
		}
		time.Sleep(200 * time.Microsecond) // time for a second winner of the last Put
		cancel()
		done := harness.Joined(&wg)
		select {
		case <-done:
		case <-time.After(harness.Deadline / 2):
			t.Fatalf("deadlock: %d Gets were still waiting %v after their ctx was canceled\n  schedule: %s\n  your goroutines:\n%s", HerdWaiters, harness.Deadline/2, what, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		w.Progress()
		for _, msg := range msgs {
			if msg != "" {
				t.Fatal(msg)
			}
		}
		var results []int
		for _, v := range got {
			if v >= 0 {
				results = append(results, v)
			}
		}
		if n := succeeded.Load(); n > releases {
			t.Fatalf("item taken twice: %d Puts, but %d of the %d waiting Gets returned nil (they returned %v): look for an item and take it in one critical section; checking \"not empty\" first and getting afterwards is the seed's race\n  schedule: %s", releases, n, HerdWaiters, results, what)
		}
		if lost != "" {
			t.Fatalf("%s\n  schedule: %s", lost, what)
		}
	}
}

// The stress rule runs up to StressRuns runs of the seed's story, and starts no new one
// once StressBudget (real time) has passed.
const (
	StressRuns   = 20
	Workers      = 3
	Rounds       = 3
	PerRound     = 32
	StressBudget = time.Second
)

// stress plays the seed's story in real time with nothing of the judge's between the
// goroutines: Workers workers loop on Get, write a result for the task and call TaskDone;
// a producer puts PerRound tasks (writing a payload for each before its Put), calls Join,
// and reads every result, Rounds times. The race detector then sees the Queue's
// synchronization alone: a Put must happen before the Get that returns its item, and each
// TaskDone before the Join it releases returns. Afterwards: every task done once, each
// worker's tasks in the order put.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newQueue func() Queue) {
	t.Helper()
	begin := time.Now()
	for run := 0; run < StressRuns && (run == 0 || time.Since(begin) < StressBudget); run++ {
		what := fmt.Sprintf("stress run %d: %d workers Get, work and TaskDone; a producer puts %d tasks and joins, %d times (real time)", run+1, Workers, PerRound, Rounds)
		w.Notef("%s", what)
		var q Queue
		if msg := harness.Call(pkg, "New()", func() { q = newQueue() }); msg != "" {
			t.Fatal(msg)
		}
		n := Rounds * PerRound
		payload := make([]int, n+1)
		results := make([]int, n+1)
		took := make([][]int, Workers)
		msgs := make([]string, Workers+1)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for k := range Workers {
			wg.Go(func() {
				for {
					var v int
					var err error
					if msgs[k] = harness.Call(pkg, "Get", func() { v, err = q.Get(ctx) }); msgs[k] != "" || err != nil {
						return
					}
					if v < 1 || v > n {
						msgs[k] = fmt.Sprintf("wrong result: Get returned %d; only tasks 1..%d were put", v, n)
						return
					}
					// If the race detector reports this line, Get returned this task
					// without synchronizing with its Put.
					results[v] = payload[v] * 2
					took[k] = append(took[k], v)
					if msgs[k] = harness.Call(pkg, "TaskDone", q.TaskDone); msgs[k] != "" {
						return
					}
				}
			})
		}
		producer := make(chan struct{})
		go func() {
			defer close(producer)
			for r := range Rounds {
				for i := range PerRound {
					v := 1 + r*PerRound + i
					payload[v] = v
					if msgs[Workers] = harness.Call(pkg, "Put", func() { q.Put(v) }); msgs[Workers] != "" {
						return
					}
					// Let the workers run between two Puts, so that their TaskDones fall
					// between the producer's Puts instead of after them all (a Put that
					// touches the count outside the lock then races with a TaskDone).
					runtime.Gosched()
				}
				var err error
				if msgs[Workers] = harness.Call(pkg, "Join", func() { err = q.Join(context.Background()) }); msgs[Workers] != "" {
					return
				}
				if err != nil {
					msgs[Workers] = fmt.Sprintf("wrong result: Join(context.Background()) returned %s; with a ctx that never ends it waits until every task is done", errText(err))
					return
				}
				for i := range PerRound {
					v := 1 + r*PerRound + i
					// If the race detector reports this line, Join returned without
					// synchronizing with the TaskDone of this task.
					if results[v] != 2*v {
						msgs[Workers] = fmt.Sprintf("early: Join returned in round %d before task %d was done: Join waits until every task put is done", r+1, v)
						return
					}
				}
			}
		}()
		select {
		case <-producer:
		case <-time.After(harness.Deadline * 3 / 4):
			t.Fatalf("deadlock: %s did not finish in %v\n  your goroutines:\n%s", what, harness.Deadline*3/4, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		cancel()
		workersDone := make(chan struct{})
		go func() {
			wg.Wait()
			close(workersDone)
		}()
		select {
		case <-workersDone:
		case <-time.After(harness.Deadline * 3 / 4):
			t.Fatalf("deadlock: the workers' Gets did not return after their ctx was canceled\n  schedule: %s\n  your goroutines:\n%s", what, harness.Describe(pkg, harness.Of(pkg, harness.Goroutines())))
		}
		w.Progress()
		for _, msg := range msgs {
			if msg != "" {
				t.Fatalf("%s\n  schedule: %s", msg, what)
			}
		}
		seen := make([]int, n+1)
		for k, vs := range took {
			for i, v := range vs {
				seen[v]++
				if i > 0 && v < vs[i-1] {
					t.Fatalf("wrong order: worker %d got %d after %d, but %d was put first; items come out in the order put\n  schedule: %s", k+1, v, vs[i-1], v, what)
				}
			}
		}
		for v := 1; v <= n; v++ {
			if seen[v] != 1 {
				t.Fatalf("item taken twice: task %d was got %d times; each item goes to one Get\n  schedule: %s", v, seen[v], what)
			}
		}
		runtime.Gosched()
	}
}
