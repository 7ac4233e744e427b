package deferredcallbacktest

import (
	"fmt"
	"testing"

	"github.com/gokata/workbook/harness"
)

// Replays is how many times judge replays one Executor's part of a failed scene alone
// before it calls that part well-behaved alone: a bug that depends on how concurrent
// AddAction calls interleave may need several runs to show.
const Replays = 10

// Confirmations is how many more times judge plays a failed scene of several Executors,
// whose parts all behave alone, before it blames state shared between Executors: the
// scene must fail every time.
const Confirmations = 3

// judge plays sc and returns the first rule broken, or "". When a scene of several
// Executors fails, it replays each Executor's part alone (the one at fault first): a
// failure alone is reported as such. When every part behaves alone and the scene
// fails again each time it is played, the Executors share state. The verdict carries
// the timeline of the run whose verdict it is.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newExecutor func() Executor, sc scene, errClosed error) string {
	recs, stuck := play(t, pkg, w, newExecutor, sc)
	msg, who := verdict(sc, recs, stuck, errClosed)
	if msg == "" {
		return ""
	}
	tl := picture(sc, recs, who, stuck, errClosed)
	if len(sc) == 1 {
		return tl.Attach(msg)
	}
	order := []int{}
	if who >= 0 {
		order = append(order, who)
	}
	for i := range sc {
		if i != who {
			order = append(order, i)
		}
	}
	for _, i := range order {
		alone := scene{sc[i]}
		for range Replays {
			w.Notef("Executor %d of a failed scene, replayed alone:%s", i+1, alone)
			recs, stuck := play(t, pkg, w, newExecutor, alone)
			if m, who := verdict(alone, recs, stuck, errClosed); m != "" {
				return picture(alone, recs, who, stuck, errClosed).Attach(m)
			}
		}
	}
	for range Confirmations {
		w.Notef("a failed scene of %d Executors, played again:%s", len(sc), sc)
		recs, stuck := play(t, pkg, w, newExecutor, sc)
		if m, _ := verdict(sc, recs, stuck, errClosed); m == "" {
			return tl.Attach(msg) // it fails now and then, alone too perhaps: no evidence of sharing
		}
	}
	what, detail := "the run failed", msg
	if who >= 0 {
		what, detail = fmt.Sprintf("Executor %d broke a rule", who+1), fmt.Sprintf("Executor %d: %s", who+1, msg)
	}
	return tl.Attach(fmt.Sprintf("separate Executors must not share state: with %d Executors in use at once, %s, but used alone each of them behaves; "+
		"keep the pending actions, the goroutine and the closed flag in the Executor, not in package-level variables\n  %s",
		len(sc), what, detail))
}
