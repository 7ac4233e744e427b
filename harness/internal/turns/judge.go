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
	tick     func()    // called on each call, for the watchdogs
	// reached[k] is closed once k calls are made; made in the bubble by gates, so
	// that a goroutine of the judge waiting on one is durably blocked.
	reached []chan struct{}
}

func (k *Kata[M]) newRecord(n int) *record[M] {
	r := &record[M]{k: k, n: n, started: make([]bool, len(k.Methods)), returned: make([]int, len(k.Methods))}
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
		r.mu.Lock()
		if len(r.running) > 0 && r.overlap == "" {
			o := r.running[0]
			r.overlap = fmt.Sprintf("overlapping prints: %s called while %s was still running; a method hands over the turn only after its print has returned", r.k.PrintCall(c), r.k.PrintCall(o))
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
				r.foreign = fmt.Sprintf("print from another goroutine: %s was called from goroutine %d, not from the goroutine that called %s; each method calls %s itself", r.k.PrintCall(c), g, m, r.k.Itself)
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

// judge plays s and returns the first rule broken, or "". When one of several
// instances in use at once misbehaves, it replays that one's part alone: a failure
// alone is reported as such; a failure only in company means they share state.
func (j *judge[M, I]) judge(t *testing.T, s Schedule[M]) string {
	msg, i := j.run(t, s)
	if msg != "" && len(s.ns) > 1 {
		j.w.stall.company.Store(int64(len(s.ns)))
	}
	if msg == "" || i < 0 || len(s.ns) == 1 {
		return msg
	}
	alone := Schedule[M]{ns: []int{s.ns[i]}, yields: [][]int{s.yields[i]}}
	for _, r := range s.routines {
		if r.inst == i {
			r.inst = 0
			alone.routines = append(alone.routines, r)
		}
	}
	for range 10 {
		if m, _ := j.run(t, alone); m != "" {
			return m
		}
	}
	return fmt.Sprintf("with %d %s in use at once, %s %d: %s; used alone it behaves, so separate %s must not share state", len(s.ns), j.k.Types, j.k.Type, i+1, msg, j.k.Types)
}

// run plays s in a bubble and returns the first rule broken, or "", and the index of
// the instance that broke it (-1 when it is not one instance's fault).
func (j *judge[M, I]) run(t *testing.T, s Schedule[M]) (string, int) {
	k, w, pkg := j.k, j.w, j.pkg
	recs := make([]*record[M], len(s.ns))
	for i, n := range s.ns {
		recs[i] = k.newRecord(n)
		recs[i].tick = w.Progress
	}
	w.stall.playing(recs, k.describe(s))
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
		insts := make([]I, len(s.ns))
		for _, rec := range recs {
			rec.gates()
		}
		for i, n := range s.ns {
			if msg := harness.Call(pkg, fmt.Sprintf("New(%d)", n), func() { insts[i] = j.newI(n) }); msg != "" {
				fail(msg)
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
				<-rec.reached[r.after]
				mu.Lock()
				began[jr] = true
				mu.Unlock()
				for _, m := range r.methods {
					rec.mu.Lock()
					rec.started[m] = true
					rec.mu.Unlock()
					print := rec.printer(m, gid, s.yield(r.inst, m))
					msg := harness.Call(pkg, m.String(), func() { j.methodOf(inst, m)(print) })
					w.Progress()
					rec.mu.Lock()
					rec.returned[m] = Count(rec.printed, m)
					rec.mu.Unlock()
					if msg != "" {
						fail(msg)
						return
					}
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
		return failure, -1
	}
	// A wrong call is the cause of whatever follows it, a deadlock included.
	for i, rec := range recs {
		rec.mu.Lock()
		msg := k.Sequence(rec.printed, rec.n, stuck == nil)
		if msg == "" {
			msg = rec.overlap
		}
		rec.mu.Unlock()
		if msg != "" {
			return msg, i
		}
	}
	if stuck != nil {
		return k.stuckVerdict(s, recs, began, stuck), -1
	}
	for i, rec := range recs {
		rec.mu.Lock()
		msg := k.Returns(rec.printed, rec.returned)
		rec.mu.Unlock()
		if msg != "" {
			return msg, i
		}
		if rec.foreign != "" {
			return rec.foreign, i
		}
	}
	if elapsed != 0 {
		return fmt.Sprintf("sleeping: the calls took %v of fake time, not 0; a method must go on as soon as the %s before its own has returned: block on a channel, sync.Cond or sync.Mutex, never sleep or poll", elapsed, k.Noun), -1
	}
	return "", -1
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
