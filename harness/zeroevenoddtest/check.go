// Package zeroevenoddtest checks implementations of the zeroevenodd kata.
package zeroevenoddtest

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
	pkg := harness.PackageOf(newZEO)
	w := &watchdogs{harness.StartWatchdog(t, pkg), startStallWatch(t, pkg)}
	mk := func(n int) ZeroEvenOdd { return newZEO(n) }
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
				inTurn(1, []method{zero, odd, even}),
				inTurn(1, []method{even, zero, odd}),
				{ns: []int{2}, yields: [][3]int{{}}, routines: []routine{{methods: []method{zero, even}}, {methods: []method{odd}}}},
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

func negative(t *testing.T, newZEO func(int) ZeroEvenOdd) {
	t.Helper()
	var got any
	func() {
		defer func() { got = recover() }()
		newZEO(-1)
	}()
	if kata, ok := harness.NotImplemented(got); ok {
		t.Fatalf("%s: not implemented yet: edit katas/%s/%s.go", kata, kata, kata)
	}
	const want = "zeroevenodd: negative n"
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
type call struct {
	m method
	v int
}

// want is the model: 0 1 0 2 ... 0 n, each number printed by its method.
func want(n int) []call {
	var cs []call
	for i := 1; i <= n; i++ {
		m := odd
		if i%2 == 0 {
			m = even
		}
		cs = append(cs, call{zero, 0}, call{m, i})
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
// every print of each of them comes before every print of m (a method with no prints
// may come anywhere).
func canFollow(n int, before []method, m method) bool {
	first, _, ok := span(n, m)
	for _, prev := range before {
		if _, last, ok2 := span(n, prev); ok && ok2 && last > first {
			return false
		}
	}
	return true
}

// A schedule lists the ZeroEvenOdds in use at once and the goroutines that call their
// methods, in start order.
type schedule struct {
	ns       []int     // per ZeroEvenOdd: its n
	yields   [][3]int  // per ZeroEvenOdd and method: runtime.Gosched calls inside each print
	routines []routine // in start order
}

type routine struct {
	zeo     int
	methods []method // called in turn
	after   int      // the goroutine starts once this many prints are made
	yields  int      // runtime.Gosched calls before the next goroutine starts
}

func inTurn(n int, order []method) schedule {
	return schedule{ns: []int{n}, yields: [][3]int{{}}, routines: []routine{{methods: order}}}
}

func permutations() [][]method {
	return [][]method{
		{zero, even, odd}, {zero, odd, even}, {even, zero, odd},
		{even, odd, zero}, {odd, zero, even}, {odd, even, zero},
	}
}

func draw(rt *rapid.T) schedule {
	var s schedule
	var rs []routine
	count := rapid.IntRange(1, 3).Draw(rt, "zeroevenodds")
	for i := range count {
		name := fmt.Sprintf("zeo%d", i+1)
		n := rapid.IntRange(0, MaxN).Draw(rt, name+" n")
		s.ns = append(s.ns, n)
		perms := map[string][]method{}
		var keys []string
		for _, p := range permutations() {
			k := fmt.Sprintf("%s, %s, %s", p[0], p[1], p[2])
			perms[k] = p
			keys = append(keys, k)
		}
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
			mine = append(mine, routine{zeo: i, methods: []method{m}})
		}
		// A goroutine may start at any time up to the first print of its methods.
		for j := range mine {
			latest := 2 * n
			for _, m := range mine[j].methods {
				if first, _, ok := span(n, m); ok {
					latest = min(latest, first)
				}
			}
			if latest > 0 {
				mine[j].after = rapid.IntRange(0, latest).Draw(rt, fmt.Sprintf("%s: prints made before the goroutine of %s starts", name, mine[j].methods[0]))
			}
		}
		rs = append(rs, mine...)
		var y [3]int
		for _, m := range []method{zero, even, odd} {
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
			news = append(news, fmt.Sprintf("ZeroEvenOdd %d = New(%d)", i+1, n))
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
		zeo := ""
		if len(s.ns) > 1 {
			zeo = fmt.Sprintf("ZeroEvenOdd %d: ", r.zeo+1)
		}
		if r.after > 0 {
			who = fmt.Sprintf("once %s made, %s", plural(r.after, "print"), who)
		}
		parts = append(parts, zeo+who+strings.Join(calls, ", then "))
	}
	return strings.Join(parts, "; ")
}

// record is what happened to one ZeroEvenOdd.
type record struct {
	mu       sync.Mutex
	n        int
	printed  []call
	started  [3]bool
	returned [3]int // prints of the method when it returned; -1 until then
	running  []call // print callbacks running now
	overlap  string // a print that began while another was still running
	foreign  string // a print from a goroutine other than its method's
	tick     func() // called on each print, for the watchdogs
	// reached[k] is closed once k prints are made; made in the bubble by gates, so
	// that a goroutine of the judge waiting on one is durably blocked.
	reached []chan struct{}
}

func newRecord(n int) *record {
	return &record{n: n, returned: [3]int{-1, -1, -1}}
}

// gates makes the channels of reached; call it in the bubble.
func (r *record) gates() {
	r.reached = make([]chan struct{}, 2*r.n+1)
	for k := range r.reached {
		r.reached[k] = make(chan struct{})
	}
	close(r.reached[0])
}

// printer returns the print function for method m called on goroutine gid (0: any). It yields
// while it runs, so that a method that hands over the turn before its print returns is
// caught overlapping the next print.
func (r *record) printer(m method, gid uint64, yields int) func(int) {
	return func(v int) {
		c := call{m, v}
		r.mu.Lock()
		if len(r.running) > 0 && r.overlap == "" {
			o := r.running[0]
			r.overlap = fmt.Sprintf("overlapping prints: %s's printNumber(%d) called while %s's printNumber(%d) was still running; a method hands over the turn only after its print has returned", m, v, o.m, o.v)
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
				r.foreign = fmt.Sprintf("print from another goroutine: %s's printNumber(%d) was called from goroutine %d, not from the goroutine that called %s; each method calls printNumber itself", m, v, g, m)
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
// ZeroEvenOdds in use at once misbehaves, it replays that one's part alone: a failure
// alone is reported as such; a failure only in company means they share state.
func judge(t *testing.T, pkg string, w *watchdogs, newZEO func(int) ZeroEvenOdd, s schedule) string {
	msg, i := run(t, pkg, w, newZEO, s)
	if msg != "" && len(s.ns) > 1 {
		w.stall.company.Store(int64(len(s.ns)))
	}
	if msg == "" || i < 0 || len(s.ns) == 1 {
		return msg
	}
	alone := schedule{ns: []int{s.ns[i]}, yields: [][3]int{s.yields[i]}}
	for _, r := range s.routines {
		if r.zeo == i {
			r.zeo = 0
			alone.routines = append(alone.routines, r)
		}
	}
	for range 10 {
		if m, _ := run(t, pkg, w, newZEO, alone); m != "" {
			return m
		}
	}
	return fmt.Sprintf("with %d ZeroEvenOdds in use at once, ZeroEvenOdd %d: %s; used alone it behaves, so separate ZeroEvenOdds must not share state", len(s.ns), i+1, msg)
}

// run plays s in a bubble and returns the first rule broken, or "", and the index of
// the ZeroEvenOdd that broke it (-1 when it is not one ZeroEvenOdd's fault).
func run(t *testing.T, pkg string, w *watchdogs, newZEO func(int) ZeroEvenOdd, s schedule) (string, int) {
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
		zeos := make([]ZeroEvenOdd, len(s.ns))
		for _, rec := range recs {
			rec.gates()
		}
		for i, n := range s.ns {
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", n), func() { zeos[i] = newZEO(n) }); msg != "" {
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
				rec, z := recs[r.zeo], zeos[r.zeo]
				<-rec.reached[r.after]
				mu.Lock()
				began[j] = true
				mu.Unlock()
				for _, m := range r.methods {
					rec.mu.Lock()
					rec.started[m] = true
					rec.mu.Unlock()
					print := rec.printer(m, gid, s.yields[r.zeo][m])
					msg := harness.Call(pkg, m.String(), func() { methodOf(z, m)(print) })
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
	// A wrong print is the cause of whatever follows it, a deadlock included.
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
		return fmt.Sprintf("sleeping: the calls took %v of fake time, not 0; a method must go on as soon as the print before its own has returned: block on a channel, sync.Cond or sync.Mutex, never sleep or poll", elapsed), -1
	}
	return "", -1
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
			what = fmt.Sprintf("too many prints: %s printed %d with n = 0", g.m, g.v)
		case i >= len(want):
			what = fmt.Sprintf("too many prints: %s printed %d after all of 0 1 ... 0 %d was printed", g.m, g.v, n)
		case g.m == zero && g.v != 0:
			what = fmt.Sprintf("wrong number: Zero printed %d; Zero prints only 0", g.v)
		case g.m == odd && (g.v%2 == 0 || g.v < 1 || g.v > n):
			what = fmt.Sprintf("wrong number: Odd printed %d; Odd prints the odd numbers from 1 to %d", g.v, n)
		case g.m == even && (g.v%2 != 0 || g.v < 1 || g.v > n):
			what = fmt.Sprintf("wrong number: Even printed %d; Even prints the even numbers from 2 to %d", g.v, n)
		case g.m != zero && printedBefore(got[:i], g):
			what = fmt.Sprintf("wrong order: %s printed %d twice", g.m, g.v)
		default:
			w := want[i]
			switch {
			case w.m == zero:
				what = fmt.Sprintf("wrong order: %s printed %d before Zero printed the 0 that comes before it", g.m, g.v)
			case g.m == zero:
				what = fmt.Sprintf("wrong order: Zero printed 0 again before %s printed %d", w.m, w.v)
			case g.m == w.m:
				what = fmt.Sprintf("wrong order: %s printed %d before it printed %d", g.m, g.v, w.v)
			default:
				what = fmt.Sprintf("wrong order: %s printed %d before %s printed %d", g.m, g.v, w.m, w.v)
			}
		}
		return fmt.Sprintf("%s: got %s, want %s", what, show(got, i), show(want, i))
	}
	if complete && len(got) < len(want) {
		w := want[len(got)]
		what := fmt.Sprintf("%s never printed %d", w.m, w.v)
		if w.m == zero {
			what = fmt.Sprintf("Zero never printed the 0 before %d", want[len(got)+1].v)
		}
		return fmt.Sprintf("too few prints: %s, although every method returned: got %s, want %s", what, show(got, len(got)), show(want, len(got)))
	}
	return ""
}

func printedBefore(got []call, c call) bool {
	for _, g := range got {
		if g == c {
			return true
		}
	}
	return false
}

// returnVerdict checks that each method returned only once its own prints were done.
func returnVerdict(rec *record) string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, m := range []method{zero, odd, even} {
		if got, all := rec.returned[m], rec.count(m); got < all {
			var later []string
			k := 0
			for _, c := range rec.printed {
				if c.m == m {
					if k >= got {
						later = append(later, fmt.Sprint(c.v))
					}
					k++
				}
			}
			return fmt.Sprintf("%s returned before its last print: it returned after %d of its %d prints, and printed %s after it had returned; a method returns only once its own prints are done", m, got, all, strings.Join(later, " "))
		}
	}
	return ""
}

// show prints a sequence of numbers, eliding what is far from index i.
func show(cs []call, i int) string {
	lo, hi := max(0, i-6), min(len(cs), i+5)
	var vs []string
	for _, c := range cs[lo:hi] {
		vs = append(vs, fmt.Sprint(c.v))
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
		return fmt.Sprintf("goroutine leak: Zero, Even and Odd returned but goroutines of yours were left blocked; a ZeroEvenOdd must not leave goroutines behind\n  schedule: %s\n  your goroutines:\n%s", s, stuck.Goroutines)
	}
	var hung, finished []string
	for i, rec := range recs {
		rec.mu.Lock()
		for _, m := range []method{zero, even, odd} {
			if rec.started[m] && rec.returned[m] < 0 {
				name := m.String()
				if len(recs) > 1 {
					name = fmt.Sprintf("%s (ZeroEvenOdd %d)", name, i+1)
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
		fmt.Fprintf(&b, "\n  %s had made all its prints: after its last print a method returns at once, without waiting for another method", strings.Join(finished, ", "))
	}
	if len(recs) == 1 {
		fmt.Fprintf(&b, "\n  printed so far: %s", show(recs[0].printed, len(recs[0].printed)))
	}
	for j, r := range s.routines {
		if !began[j] {
			fmt.Fprintf(&b, "\n  %s was not called yet: the judge calls it once %s made; a method must not wait for the call of a method whose prints come after its own", r.methods[0], plural(r.after, "print"))
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
