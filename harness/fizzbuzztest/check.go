// Package fizzbuzztest checks implementations of the fizzbuzz kata.
package fizzbuzztest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/turns"
)

// FizzBuzz is the API of the kata.
type FizzBuzz interface {
	Fizz(printFizz func())
	Buzz(printBuzz func())
	FizzBuzz(printFizzBuzz func())
	Number(printNumber func(int))
}

// Schedules is how many generated schedules Check runs.
const Schedules = 300

// MaxN is the largest n of a generated schedule.
const MaxN = 31

// StressRuns is how many FizzBuzzes the stress rule runs in real time.
const StressRuns = turns.StressRuns

// ProbeWindow is how long a probe lets a method wait before releasing it.
const ProbeWindow = turns.ProbeWindow

// Check hammers newFizzBuzz's values, rule by rule: "zero", n = 0 returns at once
// whatever order one goroutine calls the methods in; "negative", New(-1) panics;
// "inturn", one goroutine calls a method after another whose calls all come before it (a
// method returns after its own last call without waiting for the others); "waiting",
// real-time probes of how a method waits (spinning, sleep-polling); "schedules",
// generated schedules in synctest bubbles (sequence, calls from the method's own
// goroutine and never overlapping, returns, deadlocks, leaks, sleeping, instances
// independent); "stress", real-time runs in which the harness adds no synchronization of
// its own, so that the race detector sees the learner's alone.
func Check[F FizzBuzz](t *testing.T, newFizzBuzz func(n int) F) {
	t.Helper()
	mk := func(n int) FizzBuzz { return newFizzBuzz(n) }
	turns.Check(t, harness.PackageOf(newFizzBuzz), kata, mk, methodOf)
}

// kata is fizzbuzz for the judge: for i = 1..n, fizzbuzz, fizz, buzz or i, each printed
// by its method; schedules count calls.
var kata = &turns.Kata[method]{
	Name: "fizzbuzz", Type: "FizzBuzz", Types: "FizzBuzzes",
	Label: "fizzbuzz", Labels: "fizzbuzzes", Noun: "call",
	Methods:   methods,
	Want:      want,
	Word:      word,
	PrintCall: printCall,
	Itself:    "its print function",
	Sequence:  sequenceVerdict,
	Returns:   returnVerdict,
	Schedules: Schedules, MaxN: MaxN, StressMaxN: MaxN,
	InTurn: []turns.Schedule[method]{
		turns.Together(3, []method{number, fizz, buzz, fizzbuzz}),
		turns.Together(3, []method{fizzbuzz, buzz, number, fizz}),
		turns.Together(5, []method{fizz, buzz}, []method{number}, []method{fizzbuzz}),
		turns.Together(14, []method{fizzbuzz, fizz}, []method{buzz}, []method{number}),
		turns.Together(15, []method{number, fizzbuzz}, []method{fizz}, []method{buzz}),
		turns.Together(15, []method{fizz}, []method{buzz, fizzbuzz}, []method{number}),
	},
	// FizzBuzz may return within the window (it has no call with n = 5); the first
	// probe allows it too.
	Probes: []turns.Probe[method]{
		{N: 15, First: []method{fizz, buzz, fizzbuzz}, Last: number, Waiter: "Fizz, Buzz and FizzBuzz", What: "Number's 1 and 2", Early: []method{fizzbuzz}},
		{N: 5, First: []method{number, buzz, fizzbuzz}, Last: fizz, Waiter: "Number", What: "Fizz's fizz for 3", Early: []method{fizzbuzz}},
	},
}

// A method of the API.
type method int

const (
	fizz method = iota
	buzz
	fizzbuzz
	number
)

var methods = []method{fizz, buzz, fizzbuzz, number}

var names = [4]string{"Fizz", "Buzz", "FizzBuzz", "Number"}

func (m method) String() string { return names[m] }

// word is what m's print function stands for in a sequence.
func (m method) word() string { return strings.ToLower(names[m]) }

// kind returns the method that prints for i.
func kind(i int) method {
	switch {
	case i%15 == 0:
		return fizzbuzz
	case i%3 == 0:
		return fizz
	case i%5 == 0:
		return buzz
	}
	return number
}

// methodOf returns m of f as a function of a print function that takes the number
// (ignored by Fizz, Buzz and FizzBuzz).
func methodOf(f FizzBuzz, m method) func(func(int)) {
	switch m {
	case fizz:
		return func(p func(int)) { f.Fizz(func() { p(0) }) }
	case buzz:
		return func(p func(int)) { f.Buzz(func() { p(0) }) }
	case fizzbuzz:
		return func(p func(int)) { f.FizzBuzz(func() { p(0) }) }
	}
	return f.Number
}

// A call is one call of a print function: by which method, and for Number, with which
// number (0 for the others).
type call = turns.Call[method]

// word is how c shows in a sequence: "fizz", "4".
func word(c call) string {
	if c.M == number {
		return fmt.Sprint(c.V)
	}
	return c.M.word()
}

// want is the model: for i = 1..n, the call for i.
func want(n int) []call {
	var cs []call
	for i := 1; i <= n; i++ {
		c := call{M: kind(i)}
		if c.M == number {
			c.V = i
		}
		cs = append(cs, c)
	}
	return cs
}

// printCall names the print call c: "printFizz", "printNumber(4)".
func printCall(c call) string {
	if c.M == number {
		return fmt.Sprintf("printNumber(%d)", c.V)
	}
	return "print" + c.M.String()
}

// sequenceVerdict compares the calls of one FizzBuzz with the model and names the first
// wrong one. With complete set, it also reports calls that are missing.
func sequenceVerdict(got []call, n int, complete bool) string {
	want := want(n)
	for i, g := range got {
		if i < len(want) && g == want[i] {
			continue
		}
		var what string
		switch {
		case i >= len(want) && n == 0:
			what = fmt.Sprintf("too many calls: %s printed %s with n = 0", g.M, word(g))
		case i >= len(want):
			what = fmt.Sprintf("too many calls: %s printed %s after all of 1 ... %s was printed", g.M, word(g), word(want[len(want)-1]))
		case g.M == number && (g.V < 1 || g.V > n):
			what = fmt.Sprintf("wrong number: Number printed %d; it prints numbers from 1 to %d", g.V, n)
		case g.M == number && kind(g.V) != number:
			what = fmt.Sprintf("wrong number: Number printed %d, which is %s's to print (%s)", g.V, kind(g.V), why(g.V))
		case g.M == number && turns.Contains(got[:i], g):
			what = fmt.Sprintf("wrong order: Number printed %d twice", g.V)
		default:
			w := want[i]
			switch {
			case g.M == w.M:
				what = fmt.Sprintf("wrong order: Number printed %d before it printed %d", g.V, w.V)
			case w.M == number:
				what = fmt.Sprintf("wrong order: %s printed %s before Number printed %d", g.M, word(g), w.V)
			default:
				what = fmt.Sprintf("wrong order: %s printed %s before %s printed %s for %d", g.M, word(g), w.M, word(w), i+1)
			}
		}
		return fmt.Sprintf("%s: got %s, want %s", what, show(got, i), show(want, i))
	}
	if complete && len(got) < len(want) {
		w := want[len(got)]
		what := fmt.Sprintf("%s never printed %s for %d", w.M, word(w), len(got)+1)
		if w.M == number {
			what = fmt.Sprintf("Number never printed %d", w.V)
		}
		return fmt.Sprintf("too few calls: %s, although every method returned: got %s, want %s", what, show(got, len(got)), show(want, len(got)))
	}
	return ""
}

// why says why i is not Number's.
func why(i int) string {
	switch {
	case i%15 == 0:
		return fmt.Sprintf("%d is divisible by 15", i)
	case i%3 == 0:
		return fmt.Sprintf("%d is divisible by 3", i)
	}
	return fmt.Sprintf("%d is divisible by 5", i)
}

// returnVerdict checks that each method returned only once its own calls were done;
// returned[m] is how many calls m had made when it returned.
func returnVerdict(printed []call, returned []int) string {
	for _, m := range methods {
		if got, all := returned[m], turns.Count(printed, m); got < all {
			return fmt.Sprintf("%s returned before its last call: it returned after %d of its %d calls of print%s, and made the rest after it had returned; a method returns only once its own calls are done", m, got, all, m)
		}
	}
	return ""
}

// show prints a sequence of calls, eliding what is far from index i.
func show(cs []call, i int) string { return turns.Show(cs, i, word) }
