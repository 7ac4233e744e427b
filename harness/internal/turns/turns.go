// Package turns judges katas in which the methods of one value, each called on its own
// goroutine, take turns calling print functions in an order that a model fixes.
package turns

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// A Method names a method of a kata's API; its values are 0, 1, ... in the order of
// Kata.Methods, and its String is the method's name.
type Method interface {
	~int
	fmt.Stringer
}

// A Call is one call of a print function: by which method, and with which number (0
// when the print function takes none).
type Call[M Method] struct {
	M M
	V int
}

// A Kata is what the judge needs to know of one kata: its methods, its model, and the
// words its verdicts use.
type Kata[M Method] struct {
	Name   string // the kata's package: New(-1) panics with Name + ": negative n"
	Type   string // the API's type: "FizzBuzz"
	Types  string // its plural: "FizzBuzzes"
	Label  string // rapid label of one instance, numbered from 1: "fizzbuzz"
	Labels string // rapid label of how many instances: "fizzbuzzes"
	Noun   string // what the model counts: "print" or "call"
	// Methods lists every method in numbering order.
	Methods []M
	// Want is the model: for n, every call of a print function, in order.
	Want func(n int) []Call[M]
	// Word writes a call in a sequence of calls: "0", "fizz".
	Word func(Call[M]) string
	// PrintCall names a call in a verdict: "Zero's printNumber(0)", "printFizz".
	PrintCall func(Call[M]) string
	// Itself is what each method must call itself: "printNumber".
	Itself string
	// Sequence compares the calls made to one instance with the model and names the
	// first wrong one, or returns "". With complete set, it also reports missing calls.
	Sequence func(got []Call[M], n int, complete bool) string
	// Returns checks that each method returned only once its own calls were done:
	// returned[m] is how many calls m had made when it returned (-1: it did not).
	Returns func(printed []Call[M], returned []int) string
	// Schedules is how many generated schedules the "schedules" rule runs.
	Schedules int
	// MaxN is the largest n of a generated schedule; StressMaxN of a stress run.
	MaxN, StressMaxN int
	// InTurn are the schedules of the "inturn" rule.
	InTurn []Schedule[M]
	// Probes are the real-time probes of the "waiting" rule.
	Probes []Probe[M]
}

// Check hammers the values of newI, with methodOf(i, m) calling method m of i with a
// print function, rule by rule: "zero", n = 0 returns at once whatever order one
// goroutine calls the methods in; "negative", New(-1) panics; "inturn", k.InTurn;
// "waiting", k.Probes; "schedules", generated schedules in synctest bubbles; "stress",
// real-time runs in which the harness adds no synchronization of its own. pkg is the
// package under test (harness.PackageOf).
func Check[M Method, I any](t *testing.T, pkg string, k *Kata[M], newI func(n int) I, methodOf func(I, M) func(func(int))) {
	t.Helper()
	w := &watchdogs[M]{harness.StartWatchdog(t, pkg), startStallWatch(t, pkg, k)}
	j := &judge[M, I]{k: k, pkg: pkg, w: w, newI: newI, methodOf: methodOf}
	inTurn := func(t *testing.T, ss []Schedule[M]) {
		for _, s := range ss {
			w.Notef("%s", k.describe(s))
			if msg, _, tl := j.run(t, s); msg != "" {
				t.Fatal(harness.Draw(tl.Attach(k.withSchedule(msg, s))))
			}
		}
	}
	harness.Rules(t,
		harness.Rule{Name: "zero", Check: func(t *testing.T) {
			var ss []Schedule[M]
			for _, order := range k.permutations() {
				ss = append(ss, Together(0, order))
			}
			inTurn(t, ss)
		}},
		harness.Rule{Name: "negative", Check: func(t *testing.T) { j.negative(t) }},
		harness.Rule{Name: "inturn", Check: func(t *testing.T) { inTurn(t, k.InTurn) }},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { j.probe(t) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, k.Schedules, func(rt *rapid.T) {
				s := k.draw(rt)
				rt.Logf("schedule: %s", k.describe(s))
				w.Notef("schedule: %s", k.describe(s))
				if msg := j.judge(t, s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { j.stress(t) }},
	)
}

// A judge plays schedules on the values of newI.
type judge[M Method, I any] struct {
	k        *Kata[M]
	pkg      string
	w        *watchdogs[M]
	newI     func(int) I
	methodOf func(I, M) func(func(int))
}

func (j *judge[M, I]) negative(t *testing.T) {
	t.Helper()
	var got any
	func() {
		defer func() { got = recover() }()
		j.newI(-1)
	}()
	if kata, ok := harness.NotImplemented(got); ok {
		t.Fatalf("%s: not implemented yet: edit katas/%s/%s.go", kata, kata, kata)
	}
	want := j.k.Name + ": negative n"
	switch {
	case got == nil:
		t.Fatalf("New(-1) returned; want a panic %q", want)
	case !strings.HasPrefix(fmt.Sprint(got), want):
		t.Fatalf("New(-1) panicked with %q; want %q", fmt.Sprint(got), want)
	}
}

// span returns the first and last index of m's calls in Want(n), and whether it has any.
func (k *Kata[M]) span(n int, m M) (first, last int, ok bool) {
	first = -1
	for i, c := range k.Want(n) {
		if c.M == m {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last, first >= 0
}

// CanFollow reports whether a goroutine that called the methods before may call m next:
// every call of each of them comes before every call of m (a method with no calls may
// come anywhere).
func (k *Kata[M]) CanFollow(n int, before []M, m M) bool {
	first, _, ok := k.span(n, m)
	for _, prev := range before {
		if _, last, ok2 := k.span(n, prev); ok && ok2 && last > first {
			return false
		}
	}
	return true
}

// countOf is how many calls m makes in Want(n).
func (k *Kata[M]) countOf(n int, m M) int {
	return Count(k.Want(n), m)
}

// Count is how many of cs are m's.
func Count[M Method](cs []Call[M], m M) int {
	c := 0
	for _, x := range cs {
		if x.M == m {
			c++
		}
	}
	return c
}

// Contains reports whether c is among cs.
func Contains[M Method](cs []Call[M], c Call[M]) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// Show writes a sequence of calls with word, eliding what is far from index i.
func Show[M Method](cs []Call[M], i int, word func(Call[M]) string) string {
	lo, hi := max(0, i-6), min(len(cs), i+5)
	var vs []string
	for _, c := range cs[lo:hi] {
		vs = append(vs, word(c))
	}
	s := strings.Join(vs, " ")
	if lo > 0 {
		s = "... " + s
	}
	if hi < len(cs) {
		s += " ..."
	}
	return "[" + s + "]"
}

func (k *Kata[M]) show(cs []Call[M], i int) string { return Show(cs, i, k.Word) }

// list names every method: "Zero, Even and Odd".
func (k *Kata[M]) list() string {
	var ns []string
	for _, m := range k.Methods {
		ns = append(ns, m.String())
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// plural says "1 print is" or "2 prints are".
func plural(k int, noun string) string {
	if k == 1 {
		return "1 " + noun + " is"
	}
	return fmt.Sprintf("%d %ss are", k, noun)
}

// withSchedule adds the schedule to a verdict that does not name it yet (and is not the
// stub's).
func (k *Kata[M]) withSchedule(msg string, s Schedule[M]) string {
	if strings.Contains(msg, "\n  schedule: ") || strings.Contains(msg, ": not implemented yet: ") {
		return msg
	}
	return msg + "\n  schedule: " + k.describe(s)
}
