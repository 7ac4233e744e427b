package judgeclock

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// MinimizeLimit is how long, in real time, the schedules rule goes on running schedules
// after the first failure, to minimize it.
const MinimizeLimit = 4 * time.Second

// Rules are the rules of a judge whose schedules of type P run on a Clock.
type Rules[P fmt.Stringer] struct {
	Misuse  func(t *testing.T) // the rule "misuse": bad arguments panic
	Waiting func(t *testing.T) // the rule "waiting": real-time probes of how calls wait
	// Fixed is the name of the rule that plays the schedules FixedPlans returns.
	Fixed      string
	FixedPlans func() []P
	// Schedules is how many schedules of the rule "schedules" Draw draws.
	Schedules int
	Draw      func(rt *rapid.T) P
	// Stress is the rule "stress": real-time runs in which the harness adds no
	// synchronization of its own.
	Stress func(t *testing.T)
	// Play plays one schedule and returns the first rule broken, or "", and the
	// recorder of the run (nil for none), whose timeline the verdict carries.
	Play func(t *testing.T, p P) (string, *Recorder)
}

// Judge runs the rules, in the order misuse, waiting, the fixed schedules, schedules,
// stress. A schedule's verdict ends with the schedule, unless the submission is not
// implemented yet, and carries the run's timeline. Once a schedule has failed, the schedules after MinimizeLimit stop
// rapid's minimizing.
func Judge[P fmt.Stringer](t *testing.T, w *harness.Watchdog, r Rules[P]) {
	t.Helper()
	var failed time.Time // the first failure
	play := func(t *testing.T, p P) string {
		if !failed.IsZero() && time.Since(failed) > MinimizeLimit {
			// Each failed run may leave goroutines blocked forever, which makes every
			// stack dump slower: stop rapid's minimizing. A panic has a traceback of
			// its own, so rapid does not take the schedule for a smaller failing one.
			panic("minimizing stopped after " + MinimizeLimit.String())
		}
		w.Notef("schedule: %s", p)
		msg, rec := r.Play(t, p)
		if msg != "" && failed.IsZero() {
			failed = time.Now()
		}
		if msg == "" || strings.Contains(msg, ": not implemented yet") {
			return msg
		}
		return rec.Attach(msg + "\n  schedule: " + p.String())
	}
	harness.Rules(t,
		harness.Rule{Name: "misuse", Check: r.Misuse},
		harness.Rule{Name: "waiting", Check: r.Waiting},
		harness.Rule{Name: r.Fixed, Check: func(t *testing.T) {
			for _, p := range r.FixedPlans() {
				if msg := play(t, p); msg != "" {
					t.Fatal(harness.Draw(msg))
				}
			}
		}},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, r.Schedules, func(rt *rapid.T) {
				p := r.Draw(rt)
				rt.Logf("schedule: %s", p)
				if msg := play(t, p); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: r.Stress},
	)
}
