// Package fizzbuzztest checks implementations of the fizzbuzz kata.
package fizzbuzztest

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
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
	pkg := harness.PackageOf(newFizzBuzz)
	w := &watchdogs{harness.StartWatchdog(t, pkg), startStallWatch(t, pkg)}
	mk := func(n int) FizzBuzz { return newFizzBuzz(n) }
	harness.Rules(t,
		harness.Rule{Name: "zero", Check: func(t *testing.T) {
			for _, order := range permutations() {
				s := inTurn(0, order)
				w.Notef("%s", s)
				if msg, _ := run(t, pkg, w, mk, s); msg != "" {
					t.Fatal(withSchedule(msg, s))
				}
			}
		}},
		harness.Rule{Name: "negative", Check: func(t *testing.T) { negative(t, mk) }},
		harness.Rule{Name: "inturn", Check: func(t *testing.T) {
			for _, s := range []schedule{
				inTurn(3, []method{number, fizz, buzz, fizzbuzz}),
				inTurn(3, []method{fizzbuzz, buzz, number, fizz}),
				together(5, []method{fizz, buzz}, []method{number}, []method{fizzbuzz}),
				together(14, []method{fizzbuzz, fizz}, []method{buzz}, []method{number}),
				together(15, []method{number, fizzbuzz}, []method{fizz}, []method{buzz}),
				together(15, []method{fizz}, []method{buzz, fizzbuzz}, []method{number}),
			} {
				w.Notef("%s", s)
				if msg, _ := run(t, pkg, w, mk, s); msg != "" {
					t.Fatal(withSchedule(msg, s))
				}
			}
		}},
		harness.Rule{Name: "waiting", Check: func(t *testing.T) { probe(t, pkg, w, mk) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule: %s", s)
				w.Notef("schedule: %s", s)
				if msg := judge(t, pkg, w, mk, s); msg != "" {
					rt.Fatal(msg)
				}
			})
		}},
		harness.Rule{Name: "stress", Check: func(t *testing.T) { stress(t, pkg, w, mk) }},
	)
}

func negative(t *testing.T, newFizzBuzz func(int) FizzBuzz) {
	t.Helper()
	var got any
	func() {
		defer func() { got = recover() }()
		newFizzBuzz(-1)
	}()
	if kata, ok := harness.NotImplemented(got); ok {
		t.Fatalf("%s: not implemented yet: edit katas/%s/%s.go", kata, kata, kata)
	}
	const want = "fizzbuzz: negative n"
	switch {
	case got == nil:
		t.Fatalf("New(-1) returned; want a panic %q", want)
	case !strings.HasPrefix(fmt.Sprint(got), want):
		t.Fatalf("New(-1) panicked with %q; want %q", fmt.Sprint(got), want)
	}
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
// number.
type call struct {
	m method
	v int // Number's argument; 0 for the others
}

func (c call) String() string {
	if c.m == number {
		return fmt.Sprint(c.v)
	}
	return c.m.word()
}

// want is the model: for i = 1..n, the call for i.
func want(n int) []call {
	var cs []call
	for i := 1; i <= n; i++ {
		c := call{m: kind(i)}
		if c.m == number {
			c.v = i
		}
		cs = append(cs, c)
	}
	return cs
}

// span returns the first and last index of m's calls in want(n), and whether it has any.
func span(n int, m method) (first, last int, ok bool) {
	first = -1
	for i, c := range want(n) {
		if c.m == m {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last, first >= 0
}

// canFollow reports whether a goroutine that called the methods before may call m next:
// every call of each of them comes before every call of m (a method with no calls may
// come anywhere).
func canFollow(n int, before []method, m method) bool {
	first, _, ok := span(n, m)
	for _, prev := range before {
		if _, last, ok2 := span(n, prev); ok && ok2 && last > first {
			return false
		}
	}
	return true
}

// A schedule lists the FizzBuzzes in use at once and the goroutines that call their
// methods, in start order.
type schedule struct {
	ns       []int     // per FizzBuzz: its n
	yields   [][4]int  // per FizzBuzz and method: runtime.Gosched calls inside each print
	routines []routine // in start order
}

type routine struct {
	fb      int
	methods []method // called in turn
	after   int      // the goroutine starts once this many calls are made
	yields  int      // runtime.Gosched calls before the next goroutine starts
}

func inTurn(n int, order []method) schedule {
	return together(n, order)
}

// together is New(n) and a goroutine for each list of methods, started in order.
func together(n int, lists ...[]method) schedule {
	s := schedule{ns: []int{n}, yields: [][4]int{{}}}
	for _, l := range lists {
		s.routines = append(s.routines, routine{methods: l})
	}
	return s
}

func permutations() [][]method {
	var out [][]method
	var rec func(prefix []method, rest []method)
	rec = func(prefix, rest []method) {
		if len(rest) == 0 {
			out = append(out, prefix)
			return
		}
		for i, m := range rest {
			r := append(append([]method{}, rest[:i]...), rest[i+1:]...)
			rec(append(append([]method{}, prefix...), m), r)
		}
	}
	rec(nil, methods)
	return out
}

func draw(rt *rapid.T) schedule {
	perms := map[string][]method{}
	var keys []string
	for _, p := range permutations() {
		k := fmt.Sprintf("%s, %s, %s, %s", p[0], p[1], p[2], p[3])
		perms[k] = p
		keys = append(keys, k)
	}
	var s schedule
	var rs []routine
	count := rapid.IntRange(1, 3).Draw(rt, "fizzbuzzes")
	for i := range count {
		name := fmt.Sprintf("fizzbuzz%d", i+1)
		n := rapid.IntRange(0, MaxN).Draw(rt, name+" n")
		s.ns = append(s.ns, n)
		order := perms[rapid.SampledFrom(keys).Draw(rt, name+" call order")]
		var mine []routine
		for j, m := range order {
			if j > 0 {
				last := &mine[len(mine)-1]
				if canFollow(n, last.methods, m) && rapid.Bool().Draw(rt, fmt.Sprintf("%s: %s on the goroutine of %s", name, m, last.methods[len(last.methods)-1])) {
					last.methods = append(last.methods, m)
					continue
				}
			}
			mine = append(mine, routine{fb: i, methods: []method{m}})
		}
		// A goroutine may start at any time up to the first call of its methods.
		for j := range mine {
			latest := n
			for _, m := range mine[j].methods {
				if first, _, ok := span(n, m); ok {
					latest = min(latest, first)
				}
			}
			if latest > 0 {
				mine[j].after = rapid.IntRange(0, latest).Draw(rt, fmt.Sprintf("%s: calls made before the goroutine of %s starts", name, mine[j].methods[0]))
			}
		}
		rs = append(rs, mine...)
		var y [4]int
		for _, m := range methods {
			y[m] = rapid.IntRange(0, 3).Draw(rt, fmt.Sprintf("%s: yields in each print of %s", name, m))
		}
		s.yields = append(s.yields, y)
	}
	for _, i := range rapid.Permutation(indexes(len(rs))).Draw(rt, "start order") {
		r := rs[i]
		r.yields = rapid.IntRange(0, 3).Draw(rt, "yields before the next start")
		s.routines = append(s.routines, r)
	}
	return s
}

func indexes(n int) []int {
	ix := make([]int, n)
	for i := range ix {
		ix[i] = i
	}
	return ix
}

func (s schedule) String() string {
	var news []string
	for i, n := range s.ns {
		if len(s.ns) == 1 {
			news = append(news, fmt.Sprintf("New(%d)", n))
		} else {
			news = append(news, fmt.Sprintf("FizzBuzz %d = New(%d)", i+1, n))
		}
	}
	parts := []string{strings.Join(news, ", ")}
	for _, r := range s.routines {
		var calls []string
		for _, m := range r.methods {
			calls = append(calls, m.String())
		}
		who := "a goroutine calls "
		if len(calls) > 1 {
			who = "one goroutine calls "
		}
		fb := ""
		if len(s.ns) > 1 {
			fb = fmt.Sprintf("FizzBuzz %d: ", r.fb+1)
		}
		if r.after > 0 {
			who = fmt.Sprintf("once %s made, %s", plural(r.after, "call"), who)
		}
		parts = append(parts, fb+who+strings.Join(calls, ", then "))
	}
	return strings.Join(parts, "; ")
}

// record is what happened to one FizzBuzz.
type record struct {
	mu       sync.Mutex
	n        int
	printed  []call
	started  [4]bool
	returned [4]int // calls of the method when it returned; -1 until then
	running  []call // print callbacks running now
	overlap  string // a call that began while another was still running
	foreign  string // a call from a goroutine other than its method's
	tick     func() // called on each call, for the watchdogs
	// reached[k] is closed once k calls are made; made in the bubble by gates, so
	// that a goroutine of the judge waiting on one is durably blocked.
	reached []chan struct{}
}

func newRecord(n int) *record {
	return &record{n: n, returned: [4]int{-1, -1, -1, -1}}
}

// gates makes the channels of reached; call it in the bubble.
func (r *record) gates() {
	r.reached = make([]chan struct{}, r.n+1)
	for k := range r.reached {
		r.reached[k] = make(chan struct{})
	}
	close(r.reached[0])
}

// printer returns the print function for method m called on goroutine gid (0: any). It
// yields while it runs, so that a method that hands over the turn before its print
// returns is caught overlapping the next print.
func (r *record) printer(m method, gid uint64, yields int) func(int) {
	return func(v int) {
		c := call{m, v}
		r.mu.Lock()
		if len(r.running) > 0 && r.overlap == "" {
			o := r.running[0]
			r.overlap = fmt.Sprintf("overlapping prints: %s called while %s was still running; a method hands over the turn only after its print has returned", printCall(c), printCall(o))
		}
		r.running = append(r.running, c)
		r.printed = append(r.printed, c)
		if k := len(r.printed); k < len(r.reached) {
			close(r.reached[k])
		}
		r.mu.Unlock()
		if r.tick != nil {
			r.tick()
		}
		if g := goid(); gid != 0 && g != gid {
			r.mu.Lock()
			if r.foreign == "" {
				r.foreign = fmt.Sprintf("print from another goroutine: %s was called from goroutine %d, not from the goroutine that called %s; each method calls its print function itself", printCall(c), g, m)
			}
			r.mu.Unlock()
		}
		for range yields {
			runtime.Gosched()
		}
		r.mu.Lock()
		for i, rc := range r.running {
			if rc == c {
				r.running = append(r.running[:i], r.running[i+1:]...)
				break
			}
		}
		r.mu.Unlock()
	}
}

// printCall names the print call c: "printFizz", "printNumber(4)".
func printCall(c call) string {
	if c.m == number {
		return fmt.Sprintf("printNumber(%d)", c.v)
	}
	return "print" + c.m.String()
}

func (r *record) count(m method) int {
	k := 0
	for _, c := range r.printed {
		if c.m == m {
			k++
		}
	}
	return k
}

// goid returns the calling goroutine's id, from the first line of its stack trace
// ("goroutine 12 [running]:"); a small buffer keeps it cheap.
func goid() uint64 {
	var buf [64]byte
	line := buf[:runtime.Stack(buf[:], false)]
	line = bytes.TrimPrefix(line, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(line[:bytes.IndexByte(line, ' ')]), 10, 64)
	return id
}

// judge plays s and returns the first rule broken, or "". When one of several
// FizzBuzzes in use at once misbehaves, it replays that one's part alone: a failure
// alone is reported as such; a failure only in company means they share state.
func judge(t *testing.T, pkg string, w *watchdogs, newFizzBuzz func(int) FizzBuzz, s schedule) string {
	msg, i := run(t, pkg, w, newFizzBuzz, s)
	if msg != "" && len(s.ns) > 1 {
		w.stall.company.Store(int64(len(s.ns)))
	}
	if msg == "" || i < 0 || len(s.ns) == 1 {
		return msg
	}
	alone := schedule{ns: []int{s.ns[i]}, yields: [][4]int{s.yields[i]}}
	for _, r := range s.routines {
		if r.fb == i {
			r.fb = 0
			alone.routines = append(alone.routines, r)
		}
	}
	for range 10 {
		if m, _ := run(t, pkg, w, newFizzBuzz, alone); m != "" {
			return m
		}
	}
	return fmt.Sprintf("with %d FizzBuzzes in use at once, FizzBuzz %d: %s; used alone it behaves, so separate FizzBuzzes must not share state", len(s.ns), i+1, msg)
}

// run plays s in a bubble and returns the first rule broken, or "", and the index of
// the FizzBuzz that broke it (-1 when it is not one FizzBuzz's fault).
func run(t *testing.T, pkg string, w *watchdogs, newFizzBuzz func(int) FizzBuzz, s schedule) (string, int) {
	recs := make([]*record, len(s.ns))
	for i, n := range s.ns {
		recs[i] = newRecord(n)
		recs[i].tick = w.Progress
	}
	w.stall.playing(recs, s.String())
	defer w.stall.playing(nil, "")
	var mu sync.Mutex
	var failure string
	fail := func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		if failure == "" {
			failure = msg
		}
	}
	var elapsed time.Duration
	began := make([]bool, len(s.routines)) // the goroutine has passed its gate
	stuck := harness.Bubble(t, pkg, func() {
		fbs := make([]FizzBuzz, len(s.ns))
		for _, rec := range recs {
			rec.gates()
		}
		for i, n := range s.ns {
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", n), func() { fbs[i] = newFizzBuzz(n) }); msg != "" {
				fail(msg)
				return
			}
		}
		start := time.Now()
		done := make(chan struct{}, len(s.routines))
		for j, r := range s.routines {
			go func() {
				defer func() { done <- struct{}{} }()
				gid := goid()
				rec, fb := recs[r.fb], fbs[r.fb]
				<-rec.reached[r.after]
				mu.Lock()
				began[j] = true
				mu.Unlock()
				for _, m := range r.methods {
					rec.mu.Lock()
					rec.started[m] = true
					rec.mu.Unlock()
					print := rec.printer(m, gid, s.yields[r.fb][m])
					msg := harness.Call(pkg, m.String(), func() { methodOf(fb, m)(print) })
					w.Progress()
					rec.mu.Lock()
					rec.returned[m] = rec.count(m)
					rec.mu.Unlock()
					if msg != "" {
						fail(msg)
						return
					}
				}
			}()
			for range r.yields {
				runtime.Gosched()
			}
		}
		for range s.routines {
			<-done
		}
		elapsed = time.Since(start)
	})
	mu.Lock()
	defer mu.Unlock()
	if failure != "" {
		return failure, -1
	}
	// A wrong call is the cause of whatever follows it, a deadlock included.
	for i, rec := range recs {
		rec.mu.Lock()
		msg := sequenceVerdict(rec.printed, rec.n, stuck == nil)
		if msg == "" {
			msg = rec.overlap
		}
		rec.mu.Unlock()
		if msg != "" {
			return msg, i
		}
	}
	if stuck != nil {
		return stuckVerdict(s, recs, began, stuck), -1
	}
	for i, rec := range recs {
		if msg := returnVerdict(rec); msg != "" {
			return msg, i
		}
		if rec.foreign != "" {
			return rec.foreign, i
		}
	}
	if elapsed != 0 {
		return fmt.Sprintf("sleeping: the calls took %v of fake time, not 0; a method must go on as soon as the call before its own has returned: block on a channel, sync.Cond or sync.Mutex, never sleep or poll", elapsed), -1
	}
	return "", -1
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
			what = fmt.Sprintf("too many calls: %s printed %s with n = 0", g.m, g)
		case i >= len(want):
			what = fmt.Sprintf("too many calls: %s printed %s after all of 1 ... %s was printed", g.m, g, want[len(want)-1])
		case g.m == number && (g.v < 1 || g.v > n):
			what = fmt.Sprintf("wrong number: Number printed %d; it prints numbers from 1 to %d", g.v, n)
		case g.m == number && kind(g.v) != number:
			what = fmt.Sprintf("wrong number: Number printed %d, which is %s's to print (%s)", g.v, kind(g.v), why(g.v))
		case g.m == number && printedBefore(got[:i], g):
			what = fmt.Sprintf("wrong order: Number printed %d twice", g.v)
		default:
			w := want[i]
			switch {
			case g.m == w.m:
				what = fmt.Sprintf("wrong order: Number printed %d before it printed %d", g.v, w.v)
			case w.m == number:
				what = fmt.Sprintf("wrong order: %s printed %s before Number printed %d", g.m, g, w.v)
			default:
				what = fmt.Sprintf("wrong order: %s printed %s before %s printed %s for %d", g.m, g, w.m, w, i+1)
			}
		}
		return fmt.Sprintf("%s: got %s, want %s", what, show(got, i), show(want, i))
	}
	if complete && len(got) < len(want) {
		w := want[len(got)]
		what := fmt.Sprintf("%s never printed %s for %d", w.m, w, len(got)+1)
		if w.m == number {
			what = fmt.Sprintf("Number never printed %d", w.v)
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

func printedBefore(got []call, c call) bool {
	for _, g := range got {
		if g == c {
			return true
		}
	}
	return false
}

// returnVerdict checks that each method returned only once its own calls were done.
func returnVerdict(rec *record) string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, m := range methods {
		if got, all := rec.returned[m], rec.count(m); got < all {
			return fmt.Sprintf("%s returned before its last call: it returned after %d of its %d calls of print%s, and made the rest after it had returned; a method returns only once its own calls are done", m, got, all, m)
		}
	}
	return ""
}

// show prints a sequence of calls, eliding what is far from index i.
func show(cs []call, i int) string {
	lo, hi := max(0, i-6), min(len(cs), i+5)
	var vs []string
	for _, c := range cs[lo:hi] {
		vs = append(vs, c.String())
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

func stuckVerdict(s schedule, recs []*record, began []bool, stuck *harness.Stuck) string {
	if stuck.Leak {
		return fmt.Sprintf("goroutine leak: Fizz, Buzz, FizzBuzz and Number returned but goroutines of yours were left blocked; a FizzBuzz must not leave goroutines behind\n  schedule: %s\n  your goroutines:\n%s", s, stuck.Goroutines)
	}
	var hung, finished []string
	for i, rec := range recs {
		rec.mu.Lock()
		for _, m := range methods {
			if rec.started[m] && rec.returned[m] < 0 {
				name := m.String()
				if len(recs) > 1 {
					name = fmt.Sprintf("%s (FizzBuzz %d)", name, i+1)
				}
				hung = append(hung, name)
				if rec.count(m) == countOf(rec.n, m) {
					finished = append(finished, name)
				}
			}
		}
		rec.mu.Unlock()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %s never returned and every goroutine is blocked", strings.Join(hung, ", "))
	if len(finished) > 0 {
		fmt.Fprintf(&b, "\n  %s had made all its calls: after its last call a method returns at once, without waiting for another method", strings.Join(finished, ", "))
	}
	if len(recs) == 1 {
		fmt.Fprintf(&b, "\n  printed so far: %s", show(recs[0].printed, len(recs[0].printed)))
	}
	for j, r := range s.routines {
		if !began[j] {
			fmt.Fprintf(&b, "\n  %s was not called yet: the judge calls it once %s made; a method must not wait for the call of a method whose calls come after its own", r.methods[0], plural(r.after, "call"))
		}
	}
	fmt.Fprintf(&b, "\n  schedule: %s\n  your goroutines:\n%s", s, stuck.Goroutines)
	return b.String()
}

func countOf(n int, m method) int {
	k := 0
	for _, c := range want(n) {
		if c.m == m {
			k++
		}
	}
	return k
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
func withSchedule(msg string, s schedule) string {
	if strings.Contains(msg, "\n  schedule: ") || strings.Contains(msg, ": not implemented yet: ") {
		return msg
	}
	return msg + "\n  schedule: " + s.String()
}
