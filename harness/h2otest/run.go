package h2otest

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// An atom is one call of Hydrogen or Oxygen and what happened to it. The seq fields are
// instants of the H2O's record (0: not yet).
type atom struct {
	kind     byte   // 'H' or 'O'
	name     string // "H3": the third hydrogen to arrive
	goid     string // the goroutine that called the method
	arrived  int    // the judge is about to call the method
	released int    // its release callback started
	ended    int    // its release callback returned
	returned int    // the method returned
	molecule int    // 0-based, in the order molecules are released
	crowd    bool   // when its release started, the atoms waiting could form a molecule
	calls    int    // release callbacks made
	lane     string // its lane in the timeline: its name, with its H2O's when there are several
	call     *timeline.Span
	marked   timeline.Moment // the moment its release started, in the timeline
}

func (a *atom) method() string {
	if a.kind == 'H' {
		return "Hydrogen"
	}
	return "Oxygen"
}

func (a *atom) callback() string { return "release" + a.method() }

// A failure is a broken rule and the instant it broke, with the lane of the goroutine
// that broke it, a short label and the moment after which the timeline marks it (the
// zero Moment: at the end of the run).
type failure struct {
	seq         int
	msg         string
	lane, label string
	at          timeline.Moment
}

// record is what happened to one H2O. Every callback and every arrival takes its lock,
// so the judge sees one order of events.
type record struct {
	mu       sync.Mutex
	seq      int
	atoms    []*atom // in arrival order: the drawn part, then the completion
	order    []*atom // in the order their releases started
	ended    []int   // per molecule: releases that returned
	fails    []failure
	arrivals []chan struct{} // per atom: closed when it has arrived
	rels     []release
	tl       *timeline.Timeline // nil: nothing is recorded
}

// newRecord makes the record of an H2O whose atoms arrive in order; prefix starts the
// lanes of its atoms ("H2O 2 ").
func newRecord(atoms string, rels []release, prefix string) *record {
	r := &record{rels: rels}
	for i, n := range names(atoms) {
		r.atoms = append(r.atoms, &atom{kind: atoms[i], name: n, lane: prefix + n})
		r.arrivals = append(r.arrivals, make(chan struct{}))
	}
	return r
}

// failf records a broken rule, marked label in lane right after the latest event of
// that lane; r.mu is held.
func (r *record) failf(lane, label, format string, args ...any) {
	r.fails = append(r.fails, failure{r.seq, fmt.Sprintf(format, args...), lane, label, r.tl.Latest(lane)})
}

func (r *record) arrive(a *atom) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	a.arrived = r.seq
	a.goid = goid()
	a.call = r.tl.Begin(a.lane, timeline.Call, a.method())
}

// release is the release callback of atom a: it checks the rules that can be checked
// when a release starts, then holds and yields as the schedule says.
func (r *record) release(a *atom) {
	r.mu.Lock()
	r.seq++
	a.calls++
	lane := a.lane
	g := goid()
	if g != a.goid {
		lane = "goroutine " + g
	}
	if a.calls > 1 {
		r.tl.Mark(lane, "released again")
		r.failf(lane, "released twice", "released twice: %s called %s twice; each atom calls its release once", a.name, a.callback())
		r.mu.Unlock()
		return
	}
	r.tl.Mark(lane, "released")
	a.marked = r.tl.Latest(lane)
	if g != a.goid {
		r.failf(lane, "wrong goroutine", "released from another goroutine: %s of %s was called from goroutine %s, not from the goroutine that called %s (goroutine %s); each atom calls its own release", a.callback(), a.name, g, a.method(), a.goid)
	}
	i := len(r.order)
	m := i / 3
	a.released, a.molecule = r.seq, m
	var h, o int
	for _, b := range r.atoms {
		if b.arrived != 0 && (b.calls == 0 || b == a) {
			if b.kind == 'H' {
				h++
			} else {
				o++
			}
		}
	}
	a.crowd = h >= 2 && o >= 1
	r.order = append(r.order, a)
	if m == len(r.ended) {
		r.ended = append(r.ended, 0)
	}
	if m > 0 && r.ended[m-1] < 3 {
		var running []string
		for _, b := range r.order[3*(m-1) : 3*m] {
			if b.ended == 0 {
				running = append(running, fmt.Sprintf("%s of %s", b.callback(), b.name))
			}
		}
		r.failf(lane, "molecules overlap", "molecules overlap: %s of %s (molecule %d) started while %s (molecule %d) was still running; every release of one molecule returns before any release of the next starts\n  releases in order: %s",
			a.callback(), a.name, m+1, strings.Join(running, " and "), m, r.molecules())
	}
	group := r.order[3*m:]
	if h := count(group, 'H'); h > 2 {
		r.failf(lane, "three hydrogens", "not a water molecule: molecule %d got %s (three hydrogens); each molecule is two hydrogens and one oxygen\n  releases in order: %s", m+1, atomNames(group), r.molecules())
	} else if o := count(group, 'O'); o > 1 {
		r.failf(lane, "two oxygens", "not a water molecule: molecule %d got %s (two oxygens); each molecule is two hydrogens and one oxygen\n  releases in order: %s", m+1, atomNames(group), r.molecules())
	}
	rel := release{hold: -1}
	if i < len(r.rels) {
		rel = r.rels[i]
	}
	var held *timeline.Span
	if rel.hold >= 0 {
		held = r.tl.Begin(lane, timeline.Wait, "held until "+r.atoms[rel.hold].name)
	}
	r.mu.Unlock()
	if rel.hold >= 0 {
		<-r.arrivals[rel.hold]
		held.End("")
	}
	for range rel.yields {
		runtime.Gosched()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	a.ended = r.seq
	r.ended[m]++
}

func (r *record) returnOf(a *atom, panicked string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	a.returned = r.seq
	if panicked != "" {
		a.call.End("panicked")
	} else {
		a.call.End("returned")
	}
	switch {
	case panicked != "":
		r.failf(a.lane, "panicked", "%s", panicked)
	case a.calls == 0:
		r.failf(a.lane, "returned unreleased", "returned without releasing: %s (%s) returned without calling %s; an atom returns once its molecule is released", a.method(), a.name, a.callback())
	case a.ended == 0:
		r.failf(a.lane, "returned too early", "returned too early: %s (%s) returned while its %s was still running", a.method(), a.name, a.callback())
	}
}

// molecules renders the releases so far, a molecule in brackets.
func (r *record) molecules() string {
	var parts []string
	for m := 0; 3*m < len(r.order); m++ {
		parts = append(parts, "["+atomNames(r.order[3*m:min(len(r.order), 3*m+3)])+"]")
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

func count(as []*atom, kind byte) int {
	n := 0
	for _, a := range as {
		if a.kind == kind {
			n++
		}
	}
	return n
}

func atomNames(as []*atom) string {
	var ns []string
	for _, a := range as {
		ns = append(ns, a.name)
	}
	return strings.Join(ns, " ")
}

// verdict returns the first rule the H2O broke, or "", once the run is over; with
// unreturned, an atom that never returned counts too.
func (r *record) verdict(unreturned bool) string { return r.first(unreturned).msg }

// first returns the first rule the H2O broke (a zero failure for none), once the run is
// over; with unreturned, an atom that never returned counts too.
func (r *record) first(unreturned bool) failure {
	r.mu.Lock()
	defer r.mu.Unlock()
	fails := slices.Clone(r.fails)
	// An atom released before an atom of its molecule arrived.
	for m := 0; 3*m < len(r.order); m++ {
		group := r.order[3*m : min(len(r.order), 3*m+3)]
		last := slices.MaxFunc(group, func(a, b *atom) int { return a.arrived - b.arrived })
		for _, a := range group {
			if a.released < last.arrived {
				why := "releasing on arrival is the classic mistake"
				if a.crowd {
					why = "the molecules are the releases taken three at a time in the order they start, so an atom that arrives after a molecule formed must not take the place of a waiting atom in it"
				}
				fails = append(fails, failure{a.released, fmt.Sprintf("released too early: %s called %s before %s, an atom of its molecule (molecule %d: %s), had arrived; an atom waits until the three atoms of its molecule are all there (%s)\n  releases in order: %s",
					a.name, a.callback(), last.name, m+1, atomNames(group), why, r.molecules()), a.lane, "released too early", a.marked})
				break
			}
		}
	}
	for _, a := range r.atoms {
		if unreturned && a.arrived != 0 && a.returned == 0 {
			fails = append(fails, failure{1 << 30, fmt.Sprintf("%s (%s) never returned", a.method(), a.name), a.lane, "never returned", timeline.Moment{}})
		}
	}
	if len(fails) == 0 {
		return failure{}
	}
	return slices.MinFunc(fails, func(a, b failure) int { return a.seq - b.seq })
}

// waiting returns the atoms that arrived and were not released, and whether they could
// form a molecule.
func (r *record) waiting() (names []string, formable bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var h, o int
	for _, a := range r.atoms {
		if a.arrived != 0 && a.calls == 0 && a.returned == 0 {
			names = append(names, a.name)
			if a.kind == 'H' {
				h++
			} else {
				o++
			}
		}
	}
	return names, h >= 2 && o >= 1
}

// incomplete describes a molecule whose releases began but did not all happen while an
// atom that could complete it waits, or returns "".
func (r *record) incomplete() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := len(r.order) / 3
	if len(r.order)%3 == 0 {
		return ""
	}
	group := r.order[3*m:]
	need := map[byte]int{'H': 2 - count(group, 'H'), 'O': 1 - count(group, 'O')}
	var waiting []string
	for _, a := range r.atoms {
		if a.arrived != 0 && a.calls == 0 && a.returned == 0 && need[a.kind] > 0 {
			waiting = append(waiting, a.name)
		}
	}
	if len(waiting) == 0 {
		return ""
	}
	return fmt.Sprintf("molecule %d is incomplete: %s released, and %s waits but was never released to complete it (a lost wakeup?)\n  releases in order: %s", m+1, atomNames(group), strings.Join(waiting, ", "), r.molecules())
}

// judge plays s and returns the first rule broken, or "", and the timeline of the run
// whose verdict it is. When one of several H2Os in use at once misbehaves, it replays
// that H2O's part alone: a failure alone is reported as such; a failure only in company
// means the H2Os share state.
func judge(t *testing.T, pkg string, w *harness.Watchdog, newH2O func() H2O, s schedule) (string, *timeline.Timeline) {
	msg, i, tl := run(t, pkg, w, newH2O, s)
	if msg == "" || i < 0 || s.h2os == 1 {
		return msg, tl
	}
	alone := s.only(i)
	for range 10 {
		if m, _, tl := run(t, pkg, w, newH2O, alone); m != "" {
			return m, tl
		}
	}
	return fmt.Sprintf("separate H2Os must not share state: with %d H2Os in use at once, H2O %d: %s\n  used alone, H2O %d behaves", s.h2os, i+1, msg, i+1), tl
}

// run plays s in a bubble and returns the first rule broken, or "", the index of the
// H2O that broke it (-1 when it is not one H2O's fault), and the run's timeline, where
// it broke marked.
//
// The judge never waits for fake time: a correct H2O may make its atoms wait in
// sync.Mutex.Lock, which stops fake time in a bubble. It starts atoms, yields, and waits
// on channels for the atoms that must return; releases that take long wait for later
// arrivals instead of sleeping. So any fake time that passes was slept by the H2O.
func run(t *testing.T, pkg string, w *harness.Watchdog, newH2O func() H2O, s schedule) (string, int, *timeline.Timeline) {
	recs := make([]*record, s.h2os)
	drawn := make([]string, s.h2os)
	total, want := 0, 0
	for i := range s.h2os {
		drawn[i] = s.drawn(i)
		all := drawn[i] + completion(drawn[i])
		recs[i] = newRecord(all, s.releases[i], s.h2oName(i))
		total += len(all)
		want += 3 * formable(drawn[i])
	}
	var tl *timeline.Timeline
	defer w.Record(nil)
	newPanic := ""
	var elapsed time.Duration
	stuck := harness.Bubble(t, pkg, func() {
		tl = timeline.New() // first, so that it starts when the bubble's time does
		w.Record(tl)
		for _, rec := range recs {
			rec.tl = tl
		}
		hs := make([]H2O, s.h2os)
		for i := range hs {
			if msg := harness.Call(pkg, "New", func() { hs[i] = newH2O() }); msg != "" {
				newPanic = msg
				tl.Broke("judge", "New panicked")
				return
			}
		}
		start := time.Now()
		done := make(chan struct{}, total)
		launch := func(i, k int) {
			rec, a := recs[i], recs[i].atoms[k]
			tl.Lanes(a.lane)
			m := hs[i].Hydrogen
			if a.kind == 'O' {
				m = hs[i].Oxygen
			}
			go func() {
				defer func() { done <- struct{}{} }()
				rec.arrive(a)
				close(rec.arrivals[k])
				msg := harness.Call(pkg, a.method(), func() { m(func() { rec.release(a) }) })
				w.Progress()
				rec.returnOf(a, msg)
			}()
			if s.settle {
				synctest.Wait()
			}
		}
		next := make([]int, s.h2os)
		for _, b := range s.bursts {
			for range b.atoms {
				launch(b.h2o, next[b.h2o])
				next[b.h2o]++
			}
			for range b.yields {
				runtime.Gosched()
			}
		}
		// Every molecule the drawn atoms can form must be released without more atoms.
		for range want {
			<-done
		}
		// Atoms without partners stay blocked: give them a chance to misbehave, then
		// complete their molecules.
		for range 10 {
			runtime.Gosched()
		}
		if total > want {
			tl.Mark("judge", "completes the molecules")
		}
		for i := range s.h2os {
			for ; next[i] < len(recs[i].atoms); next[i]++ {
				launch(i, next[i])
				runtime.Gosched()
			}
		}
		for range total - want {
			<-done
		}
		elapsed = time.Since(start)
	})
	if newPanic != "" {
		return newPanic, -1, tl
	}
	for i, rec := range recs {
		// A panic or a broken rule seen before the run got stuck explains it best.
		if f := rec.first(false); f.msg != "" {
			tl.BrokeAfter(f.at, f.lane, f.label)
			return fmt.Sprintf("%s\n  schedule: %s", f.msg, s), i, tl
		}
	}
	if stuck != nil {
		label := "deadlock"
		if stuck.Leak {
			label = "goroutine leak"
		}
		tl.Broke("judge", label)
		msg, i := stuckVerdict(s, recs, stuck)
		return msg, i, tl
	}
	if elapsed != 0 {
		tl.Broke("judge", fmt.Sprintf("slept %v", elapsed))
		return fmt.Sprintf("sleeping: the atoms took %v of fake time, not 0; a molecule must be released as soon as its atoms are there: block on a channel, sync.Cond or sync.Mutex, never sleep or poll\n  schedule: %s", elapsed, s), -1, tl
	}
	return "", -1, tl
}

func stuckVerdict(s schedule, recs []*record, stuck *harness.Stuck) (string, int) {
	if stuck.Leak {
		return fmt.Sprintf("goroutine leak: every atom returned, but goroutines of yours were left blocked; an H2O must not leave goroutines behind\n  schedule: %s\n  your goroutines:\n%s", s, stuck.Goroutines), -1
	}
	for i, rec := range recs {
		if ws, ok := rec.waiting(); ok {
			rec.mu.Lock()
			released := rec.molecules()
			rec.mu.Unlock()
			return fmt.Sprintf("deadlock: %s%s are waiting and could form a molecule, but none of them was released; a molecule forms as soon as its three atoms are there and the molecule before it has been released\n  releases in order: %s\n  schedule: %s\n  your goroutines:\n%s",
				s.h2oName(i), strings.Join(ws, ", "), released, s, stuck.Goroutines), i
		}
	}
	for i, rec := range recs {
		if msg := rec.incomplete(); msg != "" {
			return fmt.Sprintf("deadlock: %s%s\n  schedule: %s\n  your goroutines:\n%s", s.h2oName(i), msg, s, stuck.Goroutines), i
		}
	}
	for i, rec := range recs {
		if msg := rec.verdict(true); msg != "" {
			return fmt.Sprintf("deadlock: %s%s, and every goroutine is blocked\n  schedule: %s\n  your goroutines:\n%s", s.h2oName(i), msg, s, stuck.Goroutines), i
		}
	}
	return fmt.Sprintf("deadlock: every goroutine is blocked\n  schedule: %s\n  your goroutines:\n%s", s, stuck.Goroutines), -1
}

// goid returns the calling goroutine's id.
func goid() string {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	f := strings.Fields(string(buf[:n]))
	if len(f) < 2 {
		return ""
	}
	return f[1]
}
