package trafficlighttest

import (
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/judgeclock"
)

// ProbeWindow is how long a probe watches cars wait for the light.
const ProbeWindow = 100 * time.Millisecond

// ProbeGrace is how long, in real time, a probe waits for a call that should return at
// once before it leaves the case to the schedules.
const ProbeGrace = 2 * time.Second

// probe checks, in real time, how cars wait while car 1 crosses on road 1: car 2 on road
// 2 waits for the light, and car 3 on road 1, which arrives after car 2, waits for the
// switch. A blocked goroutine uses no CPU and is not found in time.Sleep. It judges only
// the waiting: a Light that does not make them wait, or never lets them cross, is left
// to the schedules, which say exactly what went wrong. Goroutines of the learner's that
// are still blocked when it gives up are added to leftovers.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newLight func() Light, leftovers judgeclock.Leftovers) {
	t.Helper()
	w.Notef("cars 2 (road 2) and 3 (road 1) wait while car 1 crosses on road 1 (real time)")
	var l Light
	if msg := harness.Call(pkg, "New", func() { l = newLight() }); msg != "" {
		t.Fatal(msg)
	}
	crossing := make(chan struct{})
	gate := make(chan struct{})
	done := make(chan string, 3)
	noop := func() {}
	call := func(id, road, direction int, cross func()) {
		go func() {
			done <- harness.Call(pkg, "CarArrived", func() { l.CarArrived(id, road, direction, noop, cross) })
		}()
	}
	call(1, 1, 1, func() {
		close(crossing)
		<-gate
	})
	select {
	case <-crossing:
	case msg := <-done:
		if msg != "" {
			t.Fatal(msg)
		}
		return // car 1 did not cross: the schedules say why
	case <-time.After(ProbeGrace):
		close(gate)
		leftovers.Add(harness.Of(pkg, harness.Goroutines()))
		return
	}
	call(2, 2, 3, noop)
	blocked(pkg, ProbeGrace) // car 2 has arrived before car 3 does
	call(3, 1, 2, noop)
	rep := harness.ObserveWait(pkg, ProbeWindow)
	close(gate)
	for range 3 {
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
		case <-time.After(ProbeGrace):
			leftovers.Add(harness.Of(pkg, harness.Goroutines()))
			return // stuck: the schedules find out where
		}
	}
	w.Progress()
	if msg := rep.Verdict("car 2 or 3", "car 1 to cross"); msg != "" {
		t.Fatal(msg)
	}
}

// blocked waits until none of the learner's goroutines is running, or for at most limit.
func blocked(pkg string, limit time.Duration) {
	start := time.Now()
	for time.Since(start) < limit {
		busy := false
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			busy = busy || !judgeclock.Blocked(g)
		}
		if !busy {
			return
		}
		time.Sleep(time.Millisecond)
	}
}
