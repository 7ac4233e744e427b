package harness

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
)

// Stuck is the error Bubble returns when a bubble cannot finish.
type Stuck struct {
	// Leak is true when the bubble's main goroutine returned but goroutines were left
	// blocked; false for a deadlock (every goroutine in the bubble durably blocked).
	Leak bool
	// Goroutines lists the learner's goroutines and where they are blocked.
	Goroutines string
}

func (s *Stuck) Error() string {
	if s.Leak {
		return "goroutine leak: goroutines were left blocked after every call returned:\n" + s.Goroutines
	}
	return "deadlock: every goroutine is blocked:\n" + s.Goroutines
}

// Bubble runs f in a testing/synctest bubble, where time is fake and advances only when
// every goroutine of the bubble is durably blocked. It returns a *Stuck when the bubble
// deadlocks or leaks goroutines (pkg, the learner's package, names the goroutines to list),
// and re-panics outside the bubble when f panics, so that rapid can shrink the case.
//
// f must not call t.Fatal: it reports failures through its own variables.
func Bubble(t *testing.T, pkg string, f func()) (stuck *Stuck) {
	t.Helper()
	var panicked any
	// The learner's goroutines of this bubble, the newest one: goroutines left blocked
	// by earlier stuck bubbles belong to older ones.
	mine := func() string {
		all := Goroutines()
		newest := 0
		for _, g := range all {
			newest = max(newest, g.Bubble)
		}
		var gs []Goroutine
		for _, g := range Of(pkg, all) {
			if g.Bubble == newest {
				gs = append(gs, g)
			}
		}
		return Describe(pkg, gs)
	}
	defer func() {
		r := recover()
		if r == nil {
			if panicked != nil {
				panic(panicked)
			}
			return
		}
		msg := fmt.Sprint(r)
		switch {
		case strings.Contains(msg, "main bubble goroutine has exited but blocked goroutines remain"):
			stuck = &Stuck{Leak: true, Goroutines: mine()}
		case strings.Contains(msg, "deadlock"):
			stuck = &Stuck{Goroutines: mine()}
		default:
			panic(r)
		}
	}()
	synctest.Test(t, func(*testing.T) {
		defer func() { panicked = recover() }()
		f()
	})
	return nil
}
