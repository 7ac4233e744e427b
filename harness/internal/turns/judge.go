package turns

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// record is what happened to one instance.
type record[M Method] struct {
	k        *Kata[M]
	mu       sync.Mutex
	n        int
	printed  []Call[M]
	started  []bool    // per method
	returned []int     // per method: its calls when it returned; -1 until then
	running  []Call[M] // print callbacks running now
	overlap  string    // a call that began while another was still running
	foreign  string    // a call from a goroutine other than its method's
	// overlapLane and foreignLane are the lanes of the prints that broke those rules,
	// overlapAt and foreignAt their moments in the timeline.
	overlapLane, foreignLane string
	overlapAt, foreignAt     timeline.Moment
	printedAt                []timeline.Moment  // the moment of each print, as printed
	endedAt                  []timeline.Moment  // per method: the moment it returned
	tl                       *timeline.Timeline // nil: nothing is recorded
	lanes                    map[M]string       // the lane of each method's goroutine
	tick                     func()             // called on each call, for the watchdogs
	// reached[k] is closed once k calls are made; made in the bubble by gates, so
	// that a goroutine of the judge waiting on one is durably blocked.
	reached []chan struct{}
}

func (k *Kata[M]) newRecord(n int) *record[M] {
	r := &record[M]{k: k, n: n, started: make([]bool, len(k.Methods)), returned: make([]int, len(k.Methods)), endedAt: make([]timeline.Moment, len(k.Methods))}
	for m := range r.returned {
		r.returned[m] = -1
	}
	return r
}

// gates makes the channels of reached; call it in the bubble.
func (r *record[M]) gates() {
	r.reached = make([]chan struct{}, len(r.k.Want(r.n))+1)
	for k := range r.reached {
		r.reached[k] = make(chan struct{})
	}
	close(r.reached[0])
}

// printer returns the print function for method m called on goroutine gid (0: any). It
// yields while it runs, so that a method that hands over the turn before its print
// returns is caught overlapping the next print.
func (r *record[M]) printer(m M, gid uint64, yields int) func(int) {
	return func(v int) {
		c := Call[M]{m, v}
		g := goid()
		lane := r.lanes[m]
		if gid != 0 && g != gid {
			lane = fmt.Sprintf("goroutine %d", g)
		}
		r.mu.Lock()
		overlaps := len(r.running) > 0 && r.overlap == ""
		if overlaps {
			o := r.running[0]
			r.overlap = fmt.Sprintf("overlapping prints: %s called while %s was still running; a method hands over the turn only after its print has returned", r.k.PrintCall(c), r.k.PrintCall(o))
			r.overlapLane = lane
		}
		r.running = append(r.running, c)
		r.printed = append(r.printed, c)
		r.tl.Mark(lane, "printed "+r.k.Word(c))
		at := r.tl.Latest(lane)
		r.printedAt = append(r.printedAt, at)
		if overlaps {
			r.overlapAt = at
		}
		if k := len(r.printed); k < len(r.reached) {
			close(r.reached[k])
		}
		r.mu.Unlock()
		if r.tick != nil {
			r.tick()
		}
		if gid != 0 && g != gid {
			r.mu.Lock()
			if r.foreign == "" {
				r.foreign = fmt.Sprintf("print from another goroutine: %s was called from goroutine %d, not from the goroutine that called %s; each method calls %s itself", r.k.PrintCall(c), g, m, r.k.Itself)
				r.foreignLane, r.foreignAt = lane, at
			}
			r.mu.Unlock()
		}
		yieldAll(yields)
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

// goid returns the calling goroutine's id, from the first line of its stack trace
// ("goroutine 12 [running]:"); a small buffer keeps it cheap.
func goid() uint64 {
	var buf [64]byte
	line := buf[:runtime.Stack(buf[:], false)]
	line = bytes.TrimPrefix(line, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(line[:bytes.IndexByte(line, ' ')]), 10, 64)
	return id
}

// judge plays s and returns the first rule broken, with the timeline of the run whose
// verdict it is attached, or "". When one of several instances in use at once
// misbehaves, it replays that one's part alone: a failure alone is reported as such; a
// failure only in company means they share state.
func (j *judge[M, I]) judge(t *testing.T, s Schedule[M]) string {
	msg, i, tl := j.run(t, s)
	if msg != "" && len(s.ns) > 1 {
		j.w.stall.company.Store(int64(len(s.ns)))
	}
	if msg == "" {
		return ""
	}
	if i < 0 || len(s.ns) == 1 {
		return tl.Attach(msg)
	}
	alone := Schedule[M]{ns: []int{s.ns[i]}, yields: [][]int{s.yields[i]}}
	for _, r := range s.routines {
		if r.inst == i {
			r.inst = 0
			alone.routines = append(alone.routines, r)
		}
	}
	for range 10 {
		if m, _, tl := j.run(t, alone); m != "" {
			return tl.Attach(m)
		}
	}
	return tl.Attach(fmt.Sprintf("with %d %s in use at once, %s %d: %s; used alone it behaves, so separate %s must not share state", len(s.ns), j.k.Types, j.k.Type, i+1, msg, j.k.Types))
}

// lane names the lane of the goroutine r of s: its methods, and its instance when there
// are several ("Even+Odd (ZeroEvenOdd 2)"), as the verdicts name them.
func (k *Kata[M]) lane(s Schedule[M], r routine[M]) string {
	var ns []string
	for _, m := range r.methods {
		ns = append(ns, m.String())
	}
	name := strings.Join(ns, "+")
	if len(s.ns) > 1 {
		name += fmt.Sprintf(" (%s %d)", k.Type, r.inst+1)
	}
	return name
}

// run plays s in a bubble and returns the first rule broken, or "", the index of the
// instance that broke it (-1 when it is not one instance's fault), and the run's
// timeline, where it broke marked.
func (j *judge[M, I]) run(t *testing.T, s Schedule[M]) (string, int, *timeline.Timeline) {
	k, w, pkg := j.k, j.w, j.pkg
	recs := make([]*record[M], len(s.ns))
	lanes := make([]string, len(s.routines))
	for i, n := range s.ns {
		recs[i] = k.newRecord(n)
		recs[i].tick = w.Progress
		recs[i].lanes = map[M]string{}
	}
	for jr, r := range s.routines {
		lanes[jr] = k.lane(s, r)
		for _, m := range r.methods {
			recs[r.inst].lanes[m] = lanes[jr]
		}
	}
	var tl *timeline.Timeline
	defer w.Record(nil)
	defer w.stall.playing(nil, "", nil)
	var mu sync.Mutex
	var failure string
	// fail keeps the first failure and marks it in lane.
	fail := func(lane, label, msg string) {
		mu.Lock()
		defer mu.Unlock()
		if failure == "" {
			failure = msg
			tl.Broke(lane, label)
		}
	}
	var elapsed time.Duration
	began := make([]bool, len(s.routines)) // the goroutine has passed its gate
	stuck := harness.Bubble(t, pkg, func() {
		tl = timeline.New() // first, so that it starts when the bubble's time does
		tl.Lanes(lanes...)
		for _, rec := range recs {
			rec.tl = tl
		}
		w.Record(tl)
		w.stall.playing(recs, k.describe(s), tl)
		insts := make([]I, len(s.ns))
		for _, rec := range recs {
			rec.gates()
		}
		for i, n := range s.ns {
			name := fmt.Sprintf("New(%d)", n)
			if msg := harness.Call(pkg, name, func() { insts[i] = j.newI(n) }); msg != "" {
				fail("judge", name+" panicked", msg)
				return
			}
		}
		start := time.Now()
		done := make(chan struct{}, len(s.routines))
		for jr, r := range s.routines {
			go func() {
				defer func() { done <- struct{}{} }()
				gid := goid()
				rec, inst := recs[r.inst], insts[r.inst]
				if r.after > 0 {
					sp := tl.Begin(lanes[jr], timeline.Wait, fmt.Sprintf("until %d %ss", r.after, k.Noun))
					<-rec.reached[r.after]
					sp.End("")
				}
				mu.Lock()
				began[jr] = true
				mu.Unlock()
				for _, m := range r.methods {
					rec.mu.Lock()
					rec.started[m] = true
					rec.mu.Unlock()
					print := rec.printer(m, gid, s.yield(r.inst, m))
					sp := tl.Begin(lanes[jr], timeline.Call, m.String())
					msg := harness.Call(pkg, m.String(), func() { j.methodOf(inst, m)(print) })
					w.Progress()
					rec.mu.Lock()
					rec.returned[m] = Count(rec.printed, m)
					rec.mu.Unlock()
					if msg != "" {
						sp.End("panicked")
						fail(lanes[jr], m.String()+" panicked", msg)
						return
					}
					sp.End("returned")
					rec.mu.Lock()
					rec.endedAt[m] = sp.Done()
					rec.mu.Unlock()
				}
			}()
			yieldAll(r.yields)
		}
		for range s.routines {
			<-done
		}
		elapsed = time.Since(start)
	})
	mu.Lock()
	defer mu.Unlock()
	if failure != "" {
		return failure, -1, tl
	}
	// A wrong call is the cause of whatever follows it, a deadlock included.
	for i, rec := range recs {
		rec.mu.Lock()
		msg := k.Sequence(rec.printed, rec.n, stuck == nil)
		lane, label, at := rec.wrongCall()
		if msg == "" && rec.overlap != "" {
			msg, lane, label, at = rec.overlap, rec.overlapLane, "overlapping prints", rec.overlapAt
		}
		rec.mu.Unlock()
		if msg != "" {
			tl.BrokeAfter(at, lane, label)
			return msg, i, tl
		}
	}
	if stuck != nil {
		label := "deadlock"
		if stuck.Leak {
			label = "goroutine leak"
		}
		tl.Broke("judge", label)
		return k.stuckVerdict(s, recs, began, stuck), -1, tl
	}
	for i, rec := range recs {
		rec.mu.Lock()
		msg := k.Returns(rec.printed, rec.returned)
		foreign, foreignLane, foreignAt := rec.foreign, rec.foreignLane, rec.foreignAt
		lane, at := "judge", timeline.Moment{}
		for _, m := range k.Methods {
			if strings.HasPrefix(msg, m.String()+" returned") {
				lane, at = rec.lanes[m], rec.endedAt[m]
			}
		}
		rec.mu.Unlock()
		if msg != "" {
			tl.BrokeAfter(at, lane, "returned too early")
			return msg, i, tl
		}
		if foreign != "" {
			tl.BrokeAfter(foreignAt, foreignLane, "print off its goroutine")
			return foreign, i, tl
		}
	}
	if elapsed != 0 {
		tl.Broke("judge", fmt.Sprintf("slept %v", elapsed))
		return fmt.Sprintf("sleeping: the calls took %v of fake time, not 0; a method must go on as soon as the %s before its own has returned: block on a channel, sync.Cond or sync.Mutex, never sleep or poll", elapsed, k.Noun), -1, tl
	}
	return "", -1, tl
}

// wrongCall returns the lane of the goroutine that made the first call that departs from
// the model, a label for it ("wrong print: 2") and the moment of that print; or the lane
// of the method whose call is missing, and the zero Moment (the end of the run); r.mu is
// held.
func (r *record[M]) wrongCall() (lane, label string, at timeline.Moment) {
	want := r.k.Want(r.n)
	for i, c := range r.printed {
		if i >= len(want) || c != want[i] {
			return r.lanes[c.M], "wrong print: " + r.k.Word(c), r.printedAt[i]
		}
	}
	if len(r.printed) < len(want) {
		w := want[len(r.printed)]
		if lane, ok := r.lanes[w.M]; ok {
			return lane, "never printed " + r.k.Word(w), timeline.Moment{}
		}
	}
	return "judge", "too few " + r.k.Noun + "s", timeline.Moment{}
}

func (k *Kata[M]) stuckVerdict(s Schedule[M], recs []*record[M], began []bool, stuck *harness.Stuck) string {
	if stuck.Leak {
		return fmt.Sprintf("goroutine leak: %s returned but goroutines of yours were left blocked; a %s must not leave goroutines behind\n  schedule: %s\n  your goroutines:\n%s", k.list(), k.Type, k.describe(s), stuck.Goroutines)
	}
	var hung, finished []string
	for i, rec := range recs {
		rec.mu.Lock()
		for _, m := range k.Methods {
			if rec.started[m] && rec.returned[m] < 0 {
				name := m.String()
				if len(recs) > 1 {
					name = fmt.Sprintf("%s (%s %d)", name, k.Type, i+1)
				}
				hung = append(hung, name)
				if Count(rec.printed, m) == k.countOf(rec.n, m) {
					finished = append(finished, name)
				}
			}
		}
		rec.mu.Unlock()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "deadlock: %s never returned and every goroutine is blocked", strings.Join(hung, ", "))
	if len(finished) > 0 {
		fmt.Fprintf(&b, "\n  %s had made all its %ss: after its last %s a method returns at once, without waiting for another method", strings.Join(finished, ", "), k.Noun, k.Noun)
	}
	if len(recs) == 1 {
		fmt.Fprintf(&b, "\n  printed so far: %s", k.show(recs[0].printed, len(recs[0].printed)))
	}
	for j, r := range s.routines {
		if !began[j] {
			fmt.Fprintf(&b, "\n  %s was not called yet: the judge calls it once %s made; a method must not wait for the call of a method whose %ss come after its own", r.methods[0], plural(r.after, k.Noun), k.Noun)
		}
	}
	fmt.Fprintf(&b, "\n  schedule: %s\n  your goroutines:\n%s", k.describe(s), stuck.Goroutines)
	return b.String()
}
