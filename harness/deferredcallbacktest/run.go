package deferredcallbacktest

import (
	"fmt"
	"maps"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness"
)

// An addCall is one AddAction call and what it returned.
type addCall struct {
	name     string
	from     string // "goroutine 2", "action a3", "main"
	after    time.Duration
	at       time.Duration // fake instant of the call
	returned time.Duration // fake instant it returned
	done     bool
	err      error
	seq0     int64 // the harness's event counter when the call began
	seq1     int64 // and when it returned
	panicked bool
}

// due is the instant the action is due at.
func (c *addCall) due() time.Duration { return c.at + max(c.after, 0) }

// A runRec is one run of an action.
type runRec struct {
	name       string
	start, end time.Duration // end is meaningful once ended
	ended      bool
	goroutine  string
	seq0, seq1 int64
}

// A closeCall is one Close call.
type closeCall struct {
	at, returned time.Duration
	done         bool
	seq0, seq1   int64
	again        bool   // the sequential second Close, after the first ones returned
	from         string // "main", "closer 2"
	panicked     bool
}

// record is what happened in one bubble.
type record struct {
	mu         sync.Mutex
	clock      int64
	adds       []*addCall
	runs       []*runRec
	closes     []*closeCall
	running    []*runRec
	overlap    string  // the first two actions seen running at once
	overlapRun *runRec // the second of them
	panicked   string  // the first panic in a call into the learner's code
	broke      *broke  // where the first rule broke, for the timeline

	prefix   string          // of the timeline's lanes: "E2 " when several Executors play
	executor map[string]bool // goroutines this Executor's New started
	others   map[string]int  // goroutines the other Executors' New started: id -> Executor number
	harness  *idSet          // goroutines of the harness (in the whole bubble)
	leftover string          // learner goroutines alive after every Close returned
}

// An idSet is a set of goroutine ids, safe for concurrent use.
type idSet struct {
	mu sync.Mutex
	m  map[string]bool
}

func (s *idSet) add(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[id] = true
}

func (s *idSet) has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[id]
}

func (r *record) tick() int64 { r.clock++; return r.clock }

// notePanic notes a panic of a call made from lane (see record.lane) that ended at
// instant at, with the harness's counter at seq.
func (r *record) notePanic(msg, lane string, at time.Duration, seq int64) {
	if msg == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.panicked == "" {
		r.panicked = msg
		r.breaks(at, lane, "panicked")
		r.broke.seq = seq
	}
}

func (r *record) addCall(name string) *addCall {
	for _, c := range r.adds {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (r *record) ran(name string) bool {
	for _, x := range r.runs {
		if x.name == name {
			return true
		}
	}
	return false
}

// player plays a schedule against one executor in a bubble.
type player struct {
	pkg     string
	w       *harness.Watchdog
	e       Executor
	start   time.Time
	r       *record
	closing chan struct{} // closed just before the first Close: sleeping actions return
}

func (p *player) now() time.Duration { return time.Since(p.start) }

// add calls AddAction for sp and records the call.
func (p *player) add(sp *spec, from string) {
	c := &addCall{name: sp.name, from: from, after: sp.after, at: p.now()}
	p.r.mu.Lock()
	c.seq0 = p.r.tick()
	p.r.adds = append(p.r.adds, c)
	p.r.mu.Unlock()
	var err error
	msg := harness.Call(p.pkg, "AddAction", func() { err = p.e.AddAction(sp.after, p.body(sp)) })
	p.r.mu.Lock()
	c.seq1 = p.r.tick()
	c.returned, c.done, c.err, c.panicked = p.now(), true, err, msg != ""
	p.r.mu.Unlock()
	p.r.notePanic(msg, p.r.lane(from), c.returned, c.seq1)
	p.w.Progress()
}

// body is the action for sp: it records its run, adds sp's children, then sleeps.
func (p *player) body(sp *spec) func() {
	return func() {
		x := &runRec{name: sp.name, start: p.now(), goroutine: goid()}
		p.r.mu.Lock()
		x.seq0 = p.r.tick()
		p.r.runs = append(p.r.runs, x)
		if len(p.r.running) > 0 && p.r.overlap == "" {
			other := p.r.running[0]
			p.r.overlapRun = x
			p.r.overlap = fmt.Sprintf("actions ran at the same time: %s started at %v while %s (started at %v) was still running; actions must run one at a time, on the executor's goroutine", sp.name, x.start, other.name, other.start)
		}
		p.r.running = append(p.r.running, x)
		p.r.mu.Unlock()
		p.w.Progress()
		for _, c := range sp.children {
			p.add(c, "action "+sp.name)
		}
		if sp.sleep > 0 {
			select {
			case <-time.After(sp.sleep):
			case <-p.closing:
			}
		}
		p.r.mu.Lock()
		x.seq1 = p.r.tick()
		x.end, x.ended = p.now(), true
		for i, y := range p.r.running {
			if y == x {
				p.r.running = append(p.r.running[:i], p.r.running[i+1:]...)
				break
			}
		}
		p.r.mu.Unlock()
	}
}

// close calls Close and records the call.
func (p *player) close(again bool, from string) {
	c := &closeCall{at: p.now(), again: again, from: from}
	p.r.mu.Lock()
	c.seq0 = p.r.tick()
	p.r.closes = append(p.r.closes, c)
	p.r.mu.Unlock()
	msg := harness.Call(p.pkg, "Close", p.e.Close)
	p.r.mu.Lock()
	c.seq1 = p.r.tick()
	c.returned, c.done, c.panicked = p.now(), true, msg != ""
	p.r.mu.Unlock()
	p.r.notePanic(msg, p.r.lane(from), c.returned, c.seq1)
	p.w.Progress()
}

func (p *player) harnessGoroutine() { p.r.harness.add(goid()) }

// finish is the main goroutine of p's part: it calls Close at s.closeAt (from one
// goroutine or several at once), then Close again, then AddAction.
func (p *player) finish(s schedule) {
	time.Sleep(s.closeAt)
	close(p.closing)
	var closers sync.WaitGroup
	for i := range s.closers - 1 {
		closers.Add(1)
		go func() {
			defer closers.Done()
			p.harnessGoroutine()
			p.close(false, fmt.Sprintf("closer %d", i+2))
		}()
	}
	p.close(false, "main")
	closers.Wait()
	p.close(true, "main")
	p.add(&spec{name: "late", after: 0}, "main")
}

// play runs sc in a bubble, each schedule of sc against an Executor of its own made by
// newExecutor, and returns what happened to each.
func play(t *testing.T, pkg string, w *harness.Watchdog, newExecutor func() Executor, sc scene) ([]*record, *harness.Stuck) {
	w.Record(nil) // the timeline is drawn from the records after the run (see picture)
	ours := &idSet{m: map[string]bool{}}
	recs := make([]*record, len(sc))
	for i := range recs {
		recs[i] = &record{executor: map[string]bool{}, others: map[string]int{}, harness: ours}
		if len(sc) > 1 {
			recs[i].prefix = fmt.Sprintf("E%d ", i+1)
		}
	}
	stuck := harness.Bubble(t, pkg, func() {
		start := time.Now()
		ours.add(goid())
		before := ids(pkg)
		known := maps.Clone(before)
		players := make([]*player, len(sc))
		for i, r := range recs {
			p := &player{pkg: pkg, w: w, r: r, start: start, closing: make(chan struct{})}
			if msg := harness.Call(pkg, "New", func() { p.e = newExecutor() }); msg != "" {
				r.notePanic(msg, r.lane("main"), p.now(), 0)
				return
			}
			synctest.Wait() // New's goroutine is up and waiting
			for id := range ids(pkg) {
				if !known[id] {
					known[id] = true
					r.executor[id] = true
				}
			}
			players[i] = p
		}
		for i, r := range recs {
			for j, q := range recs {
				for id := range q.executor {
					if j != i {
						r.others[id] = j + 1
					}
				}
			}
		}

		var adders, mains sync.WaitGroup
		for i, s := range sc {
			p := players[i]
			for g, steps := range s.adders {
				adders.Add(1)
				go func() {
					defer adders.Done()
					p.harnessGoroutine()
					for _, st := range steps {
						if st.wait > 0 {
							time.Sleep(st.wait)
						}
						if st.settle {
							synctest.Wait()
						}
						p.add(st.act, fmt.Sprintf("goroutine %d", g+1))
					}
				}()
			}
			mains.Add(1)
			go func() {
				defer mains.Done()
				p.harnessGoroutine()
				p.finish(s)
			}()
		}
		mains.Wait()

		synctest.Wait() // every goroutine that is still there is blocked
		for id := range ids(pkg) {
			if !before[id] && !ours.has(id) {
				var left []harness.Goroutine
				for _, g := range harness.Of(pkg, harness.Goroutines()) {
					if !before[g.ID] && !ours.has(g.ID) {
						left = append(left, g)
					}
				}
				for _, r := range recs {
					r.mu.Lock()
					r.leftover = harness.Describe(pkg, left)
					r.mu.Unlock()
				}
				break
			}
		}

		var end time.Duration
		for _, s := range sc {
			end = max(end, horizon(s))
		}
		if rest := end - time.Since(start); rest > 0 {
			time.Sleep(rest) // would a closed executor run anything later?
		}
		adders.Wait()
	})
	return recs, stuck
}

// ids returns the goroutines running code of package pkg (like harness.Of, with a
// smaller buffer: it runs several times per schedule).
func ids(pkg string) map[string]bool {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	m := map[string]bool{}
	for _, block := range strings.Split(string(buf), "\n\n") {
		lines := strings.Split(block, "\n")
		id, _, _ := strings.Cut(strings.TrimPrefix(lines[0], "goroutine "), " ")
		for i := 1; i+1 < len(lines); i += 2 { // a function, then its file:line
			if strings.HasPrefix(lines[i], pkg+".") && !strings.Contains(lines[i+1], "_test.go:") {
				m[id] = true
				break
			}
		}
	}
	return m
}

// goid returns the calling goroutine's id.
func goid() string {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	id, _, _ := strings.Cut(strings.TrimPrefix(string(buf[:n]), "goroutine "), " ")
	return id
}
