package pooltest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// The stress rule runs up to StressRuns Pools in real time, and starts no new one once
// StressBudget has passed. In each, StressSubmitters goroutines submit StressTasks tasks
// each and then wait for their results, while another goroutine calls Close at a random
// moment.
const (
	StressRuns       = 100
	StressBudget     = time.Second
	StressSubmitters = 3
	StressTasks      = 8
)

// stress runs Pools in real time and adds no synchronization of its own between the
// learner's goroutines: a task writes only its own slot, and the harness reads the slots
// only after your Get or Close said the task had finished. The race detector then sees
// exactly the learner's synchronization, so a result published without it (a Done
// closed before the value is stored, a field read without the lock) is reported.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newPool newPoolFunc, errClosed error) {
	t.Helper()
	begin := time.Now()
	for run := 0; run < StressRuns && (run == 0 || time.Since(begin) < StressBudget); run++ {
		workers := 1 + rand.IntN(4)
		what := fmt.Sprintf("stress run %d of %d (real time): %d worker%s, %d goroutines submit %d tasks each and wait for their results, Close at a random moment",
			run+1, StressRuns, workers, plural(workers), StressSubmitters, StressTasks)
		w.Notef("%s", what)
		var p pool
		if msg := harness.Call(pkg, "New", func() { p = newPool(workers) }); msg != "" {
			t.Fatal(msg)
		}
		type slot struct {
			ran    bool
			value  int
			err    error
			closed bool // Done was closed when Get returned
		}
		slots := make([]slot, StressSubmitters*StressTasks+1) // by task ID
		verdicts := make([]string, StressSubmitters+1)
		gate := make(chan struct{})
		var wg sync.WaitGroup
		for g := range StressSubmitters {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-gate
				futures := make([]future, StressTasks)
				for k := range StressTasks {
					id := 1 + g*StressTasks + k
					task := func() (int, error) {
						slots[id].ran = true
						if id%5 == 0 {
							panic(panicValue(id))
						}
						return value(id), nil
					}
					if msg := harness.Call(pkg, fmt.Sprintf("Submit (task %d)", id), func() { futures[k] = p.Submit(task) }); msg != "" {
						verdicts[g] = msg
						return
					}
					if rand.IntN(3) == 0 {
						runtime.Gosched()
					}
				}
				for k, f := range futures {
					id := 1 + g*StressTasks + k
					s := &slots[id]
					msg := harness.Call(pkg, fmt.Sprintf("Get (task %d)", id), func() {
						if k%2 == 0 {
							<-f.Done()
						}
						s.value, s.err = f.Get(context.Background())
						select {
						case <-f.Done():
							s.closed = true
						default:
						}
					})
					if msg != "" {
						verdicts[g] = msg
						return
					}
				}
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			for range rand.IntN(40) {
				runtime.Gosched()
			}
			verdicts[StressSubmitters] = harness.Call(pkg, "Close", p.Close)
		}()
		close(gate)
		wg.Wait()
		w.Progress()
		for _, v := range verdicts {
			if v != "" {
				t.Fatal(v)
			}
		}
		for id := 1; id < len(slots); id++ {
			s := slots[id]
			var msg string
			switch {
			case !s.closed:
				msg = fmt.Sprintf("Done of task %d was not closed after its Get returned the result", id)
			case errors.Is(s.err, errClosed):
				if s.ran {
					msg = fmt.Sprintf("Get of task %d returned ErrClosed, but the task ran", id)
				}
			case !s.ran:
				msg = fmt.Sprintf("Get of task %d returned (%d, %v), but the task never ran", id, s.value, s.err)
			case id%5 == 0 && (s.err == nil || !strings.Contains(s.err.Error(), panicValue(id))):
				msg = fmt.Sprintf("Get of task %d returned (%d, %v); the task panicked with %q, so want an error that says so and contains it", id, s.value, s.err, panicValue(id))
			case id%5 != 0 && (s.value != value(id) || s.err != nil):
				msg = fmt.Sprintf("Get of task %d returned (%d, %v); the task returned (%d, nil)", id, s.value, s.err, value(id))
			}
			if msg != "" {
				t.Fatalf("%s\n  schedule: %s", msg, what)
			}
		}
	}
}
