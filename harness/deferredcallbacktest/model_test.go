package deferredcallbacktest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// accepted records the adds of s's goroutines as accepted, at their instants, with no
// runs yet: the model then says what a correct executor runs.
func accepted(s schedule) *record {
	r := &record{}
	for g, steps := range s.adders {
		at := time.Duration(0)
		for _, st := range steps {
			at += st.wait
			r.adds = append(r.adds, &addCall{name: st.act.name, from: fmt.Sprintf("goroutine %d", g+1), after: st.act.after, at: at, returned: at, done: true, seq0: r.tick(), seq1: r.tick()})
		}
	}
	return r
}

func TestModel(t *testing.T) {
	busy := schedule{adders: [][]step{{
		{act: &spec{name: "long", after: time.Second, sleep: 3 * time.Second}},
		{act: &spec{name: "two", after: 2 * time.Second}},
		{act: &spec{name: "now", after: -time.Second}},
		{wait: 2500 * time.Millisecond, act: &spec{name: "late", after: 0}},
		{act: &spec{name: "tie", after: -time.Hour}},
	}}, closeAt: time.Hour, closers: 1}
	closing := busy
	closing.closeAt = 4 * time.Second // "two", "late" and "tie" are due while "long" runs
	for _, c := range []struct {
		name string
		s    schedule
		want []string
	}{
		{"seed", seed(), []string{"C at 1s", "B at 2s", "A at 3s", "D at 7s"}},
		{"wakeup", wakeup(), []string{"five at 5m0s", "thirty at 30m0s"}},
		{"busy", busy, []string{"now at 0s", "long at 1s", "two at 4s", "late at 4s", "tie at 4s"}},
		{"closing", closing, []string{"now at 0s", "long at 1s"}},
		{"independent 1", independent()[0], []string{"A1 at 1s"}},
		{"independent 2", independent()[1], []string{"B1 at 1s", "B2 at 3s", "B3 at 3.5s"}},
	} {
		got := starts(model(accepted(c.s), specsOf(c.s), c.s.closeAt))
		if d := harness.Diff(c.want, got); d != "" {
			t.Errorf("%s: the model's timeline (-want +got):\n%s", c.name, d)
		}
	}
}
