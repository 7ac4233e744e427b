package harness

import (
	"fmt"
	"time"
)

// A WaitReport is what ObserveWait saw of the learner's goroutines while they should have
// been blocked.
type WaitReport struct {
	Window   time.Duration
	CPU      float64     // fraction of one CPU the process used in the window
	Sleeping []Goroutine // learner goroutines seen in time.Sleep
	Busy     []Goroutine // learner goroutines seen running or runnable in 3 or more samples
	pkg      string
}

// ObserveWait watches the process for d (real time) while the goroutines of package pkg
// are expected to be blocked, sampling their states ten times, and returns what it saw.
// Call it outside synctest bubbles.
func ObserveWait(pkg string, d time.Duration) WaitReport {
	r := WaitReport{Window: d, pkg: pkg}
	sleeping, busy := map[string]Goroutine{}, map[string]Goroutine{}
	busySamples := map[string]int{}
	var sampling time.Duration // CPU time of the samples themselves, not the learner's
	cpu0, wall0 := CPUTime(), time.Now()
	for i := 0; i < 10; i++ {
		time.Sleep(d / 10)
		c := CPUTime()
		gs := Of(pkg, Goroutines())
		sampling += CPUTime() - c
		for _, g := range gs {
			switch {
			case g.Sleeping():
				sleeping[g.ID] = g
			case g.Busy():
				busy[g.ID] = g
				busySamples[g.ID]++
			}
		}
	}
	r.CPU = float64(CPUTime()-cpu0-sampling) / float64(time.Since(wall0))
	for _, g := range sleeping {
		r.Sleeping = append(r.Sleeping, g)
	}
	for id, g := range busy {
		if busySamples[id] >= 3 {
			r.Busy = append(r.Busy, g)
		}
	}
	return r
}

// SpinThreshold is the share of a CPU above which a waiting process counts as spinning.
// A goroutine blocked on a channel, a sync.Cond or a sync.Mutex uses about 1%; a spinning
// one uses about 100% (50% when it shares its core).
const SpinThreshold = 0.3

// Verdict returns "" when the learner's goroutines blocked while waiter (say "Second")
// waited for what (say "First"), and otherwise the rule they broke.
func (r WaitReport) Verdict(waiter, what string) string {
	switch {
	case r.CPU > SpinThreshold || len(r.Busy) > 0:
		return fmt.Sprintf("busy-wait: the process used %.0f%% of a CPU for %v while %s waited for %s; waiting must block (on a channel, sync.Cond, sync.Mutex or sync.WaitGroup), not spin\n%s",
			100*r.CPU, r.Window, waiter, what, Describe(r.pkg, r.Busy))
	case len(r.Sleeping) > 0:
		return fmt.Sprintf("sleep-polling: %s was found in time.Sleep while it waited for %s; waiting must block until woken, not sleep in a loop\n%s",
			waiter, what, Describe(r.pkg, r.Sleeping))
	}
	return ""
}
