// Package zeroevenoddtest checks implementations of the zeroevenodd kata.
package zeroevenoddtest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/turns"
)

// ZeroEvenOdd is the API of the kata.
type ZeroEvenOdd interface {
	Zero(printNumber func(int))
	Even(printNumber func(int))
	Odd(printNumber func(int))
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// MaxN is the largest n of a generated schedule.
const MaxN = 10

// StressRuns is how many ZeroEvenOdds the stress rule runs in real time.
const StressRuns = turns.StressRuns

// ProbeWindow is how long a probe lets a method wait before releasing it.
const ProbeWindow = turns.ProbeWindow

// Check hammers newZEO's values, rule by rule: "zero", n = 0 returns at once whatever
// order one goroutine calls the methods in; "negative", New(-1) panics; "inturn", one
// goroutine calls a method after another whose prints all come before it (a method
// returns after its own last print without waiting for the others); "waiting",
// real-time probes of how a method waits (spinning, sleep-polling); "schedules",
// generated schedules in synctest bubbles (sequence, prints from the method's own
// goroutine and never overlapping, returns, deadlocks, leaks, sleeping, instances
// independent); "stress", real-time runs in which the harness adds no synchronization of
// its own, so that the race detector sees the learner's alone.
func Check[Z ZeroEvenOdd](t *testing.T, newZEO func(n int) Z) {
	t.Helper()
	mk := func(n int) ZeroEvenOdd { return newZEO(n) }
	turns.Check(t, harness.PackageOf(newZEO), kata, mk, methodOf)
}

// kata is zeroevenodd for the judge: 0 1 0 2 ... 0 n, Zero printing the 0s, Odd and
// Even the odd and even numbers; schedules count prints.
var kata = &turns.Kata[method]{
	Name: "zeroevenodd", Type: "ZeroEvenOdd", Types: "ZeroEvenOdds",
	Label: "zeo", Labels: "zeroevenodds", Noun: "print",
	Methods: []method{zero, even, odd},
	Want:    want,
	Word:    word,
	PrintCall: func(c call) string {
		return fmt.Sprintf("%s's printNumber(%d)", c.M, c.V)
	},
	Itself:    "printNumber",
	Sequence:  sequenceVerdict,
	Returns:   returnVerdict,
	Schedules: Schedules, MaxN: MaxN, StressMaxN: 20,
	InTurn: []turns.Schedule[method]{
		turns.Together(1, []method{zero, odd, even}),
		turns.Together(1, []method{even, zero, odd}),
		turns.Together(2, []method{zero, even}, []method{odd}),
	},
	Probes: []turns.Probe[method]{
		{N: 2, First: []method{even, odd}, Last: zero, Waiter: "Even and Odd", What: "the first 0"},
		{N: 2, First: []method{zero, even}, Last: odd, Waiter: "Zero", What: "Odd's 1"},
	},
}

// A method of the API.
type method int

const (
	zero method = iota
	even
	odd
)

var names = [3]string{"Zero", "Even", "Odd"}

func (m method) String() string { return names[m] }

func methodOf(z ZeroEvenOdd, m method) func(func(int)) {
	switch m {
	case zero:
		return z.Zero
	case even:
		return z.Even
	}
	return z.Odd
}

// A call is one call of a print function: by which method, with which number.
type call = turns.Call[method]

// want is the model: 0 1 0 2 ... 0 n, each number printed by its method.
func want(n int) []call {
	var cs []call
	for i := 1; i <= n; i++ {
		m := odd
		if i%2 == 0 {
			m = even
		}
		cs = append(cs, call{M: zero}, call{M: m, V: i})
	}
	return cs
}

// sequenceVerdict compares the prints of one ZeroEvenOdd with the model and names the
// first wrong one. With complete set, it also reports prints that are missing.
func sequenceVerdict(got []call, n int, complete bool) string {
	want := want(n)
	for i, g := range got {
		if i < len(want) && g == want[i] {
			continue
		}
		var what string
		switch {
		case i >= len(want) && n == 0:
			what = fmt.Sprintf("too many prints: %s printed %d with n = 0", g.M, g.V)
		case i >= len(want):
			what = fmt.Sprintf("too many prints: %s printed %d after all of 0 1 ... 0 %d was printed", g.M, g.V, n)
		case g.M == zero && g.V != 0:
			what = fmt.Sprintf("wrong number: Zero printed %d; Zero prints only 0", g.V)
		case g.M == odd && (g.V%2 == 0 || g.V < 1 || g.V > n):
			what = fmt.Sprintf("wrong number: Odd printed %d; Odd prints the odd numbers from 1 to %d", g.V, n)
		case g.M == even && (g.V%2 != 0 || g.V < 1 || g.V > n):
			what = fmt.Sprintf("wrong number: Even printed %d; Even prints the even numbers from 2 to %d", g.V, n)
		case g.M != zero && turns.Contains(got[:i], g):
			what = fmt.Sprintf("wrong order: %s printed %d twice", g.M, g.V)
		default:
			w := want[i]
			switch {
			case w.M == zero:
				what = fmt.Sprintf("wrong order: %s printed %d before Zero printed the 0 that comes before it", g.M, g.V)
			case g.M == zero:
				what = fmt.Sprintf("wrong order: Zero printed 0 again before %s printed %d", w.M, w.V)
			case g.M == w.M:
				what = fmt.Sprintf("wrong order: %s printed %d before it printed %d", g.M, g.V, w.V)
			default:
				what = fmt.Sprintf("wrong order: %s printed %d before %s printed %d", g.M, g.V, w.M, w.V)
			}
		}
		return fmt.Sprintf("%s: got %s, want %s", what, show(got, i), show(want, i))
	}
	if complete && len(got) < len(want) {
		w := want[len(got)]
		what := fmt.Sprintf("%s never printed %d", w.M, w.V)
		if w.M == zero {
			what = fmt.Sprintf("Zero never printed the 0 before %d", want[len(got)+1].V)
		}
		return fmt.Sprintf("too few prints: %s, although every method returned: got %s, want %s", what, show(got, len(got)), show(want, len(got)))
	}
	return ""
}

// returnVerdict checks that each method returned only once its own prints were done;
// returned[m] is how many prints m had made when it returned.
func returnVerdict(printed []call, returned []int) string {
	for _, m := range []method{zero, odd, even} {
		if got, all := returned[m], turns.Count(printed, m); got < all {
			var later []string
			k := 0
			for _, c := range printed {
				if c.M == m {
					if k >= got {
						later = append(later, fmt.Sprint(c.V))
					}
					k++
				}
			}
			return fmt.Sprintf("%s returned before its last print: it returned after %d of its %d prints, and printed %s after it had returned; a method returns only once its own prints are done", m, got, all, strings.Join(later, " "))
		}
	}
	return ""
}

// word is how a print shows in a sequence: its number.
func word(c call) string { return fmt.Sprint(c.V) }

// show prints a sequence of numbers, eliding what is far from index i.
func show(cs []call, i int) string { return turns.Show(cs, i, word) }
