package h2otest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// ProbeWindow is how long a probe lets atoms wait for their last partner.
const ProbeWindow = 100 * time.Millisecond

// probe checks, in real time, how atoms wait for the last atom of their molecule: a
// blocked goroutine uses no CPU and is not found in time.Sleep. It judges only the
// waiting (and a release before the molecule is complete): an H2O that never releases
// the molecule is left to the schedules, which say exactly what went wrong.
func probe(t *testing.T, pkg string, w *harness.Watchdog, newH2O func() H2O) {
	t.Helper()
	for _, c := range []struct {
		first, last, waiter, what string
	}{
		{"HH", "O", "two hydrogens", "an oxygen"},
		{"OH", "H", "an oxygen and a hydrogen", "a second hydrogen"},
	} {
		w.Notef("%s wait for %s (real time)", c.waiter, c.what)
		var h H2O
		if msg := harness.Call(pkg, "New", func() { h = newH2O() }); msg != "" {
			t.Fatal(msg)
		}
		var mu sync.Mutex
		var released []string
		done := make(chan string, 3)
		atoms := names(c.first + c.last)
		start := func(i int) {
			name := atoms[i]
			m, method := h.Hydrogen, "Hydrogen"
			if name[0] == 'O' {
				m, method = h.Oxygen, "Oxygen"
			}
			go func() {
				done <- harness.Call(pkg, method, func() {
					m(func() {
						mu.Lock()
						defer mu.Unlock()
						released = append(released, name)
					})
				})
			}()
		}
		for i := range len(c.first) {
			start(i)
		}
		rep := harness.ObserveWait(pkg, ProbeWindow)
		w.Progress()
		mu.Lock()
		early := strings.Join(released, ", ")
		mu.Unlock()
		if early != "" {
			t.Fatalf("released too early: %s released while only %s had arrived; an atom waits until the three atoms of its molecule are all there", early, strings.Join(atoms[:len(c.first)], ", "))
		}
		select {
		case msg := <-done:
			if msg != "" {
				t.Fatal(msg)
			}
			t.Fatalf("returned without releasing: an atom returned while only %s had arrived; an atom waits until its molecule is released", strings.Join(atoms[:len(c.first)], ", "))
		default:
		}
		start(len(c.first))
		for range 3 {
			select {
			case msg := <-done:
				if msg != "" {
					t.Fatal(msg)
				}
			case <-time.After(time.Second):
				return // stuck: the schedules find out where
			}
		}
		if msg := rep.Verdict(c.waiter, c.what); msg != "" {
			t.Fatal(fmt.Sprint(msg))
		}
	}
}
