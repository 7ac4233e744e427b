package queuejudge

import (
	"fmt"
	"iter"
	"runtime"
	"testing"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// RunSchedules is the schedules rule: with one P (so that the calls of a goroutine run
// back to back and a waiter woken by one call cannot run before the next call of the
// same goroutine), it judges each hand-written schedule of classics, then n schedules
// drawn by draw. judge returns the first rule a schedule's run broke, or "", with the
// run's timeline attached.
func RunSchedules[S fmt.Stringer](t *testing.T, w *harness.Watchdog, n int, classics iter.Seq2[string, S], draw func(*rapid.T) S, judge func(S) string) {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for name, s := range classics {
		w.Notef("schedule: %s", name)
		if msg := judge(s); msg != "" {
			t.Fatal(harness.Draw(timeline.Append(msg, "\n  (hand-written schedule: "+name+")")))
		}
	}
	harness.Check(t, n, func(rt *rapid.T) {
		s := draw(rt)
		rt.Logf("schedule: %s", s)
		w.Notef("schedule: %s", s)
		if msg := judge(s); msg != "" {
			rt.Fatal(msg)
		}
	})
}

// JudgeApart completes whole, the verdict on a run of n Queues in use at once: when it
// fails and n > 1, it judges each Queue's part alone (alone(i)); the first part that
// fails alone gives the verdict, and if each one passes alone, the Queues share state.
func JudgeApart(n int, whole string, alone func(i int) string) string {
	if whole == "" || n == 1 {
		return whole
	}
	for i := range n {
		if msg := alone(i); msg != "" {
			return msg
		}
	}
	return fmt.Sprintf("separate Queues must not share state: with %d Queues in use at once (each one alone passes), %s", n, whole)
}
