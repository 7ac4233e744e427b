package tailservertest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// runner plays schedules against one implementation.
type runner struct {
	pkg       string // the learner's package
	w         *harness.Watchdog
	newServer func(out io.Writer, interval time.Duration) Server
	dir       string // the rule's temporary directory; each run gets a directory in it
	test      string // the name of the running test, for the verdict of a stuck run
}

// self is the checker's own package, whose goroutines are not the learner's.
var self = harness.PackageOf(draw)

// findings are the verdicts a run reaches inside its bubble.
type findings struct {
	mu       sync.Mutex
	panicked string // a call into the server panicked
	after    string // something was left behind after Close
	broken   string // the judge itself could not do its job
}

func (f *findings) set(field *string, msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if *field == "" {
		*field = msg
	}
}

// run plays s in a synctest bubble on files in a fresh directory and returns the first
// rule the server broke, or "", and the run's timeline.
func (r *runner) run(t *testing.T, s schedule) (string, *timeline.Timeline) {
	t.Helper()
	dir, err := os.MkdirTemp(r.dir, "run")
	if err != nil {
		return "tailservertest: " + err.Error(), nil
	}
	defer os.RemoveAll(dir)
	paths := make([]string, len(s.files)) // as given to Add
	for i, f := range s.files {
		if paths[i], err = create(dir, f); err != nil {
			return "tailservertest: " + err.Error(), nil
		}
	}
	if err := os.WriteFile(filepath.Join(dir, otherName), []byte("other\n"), 0o644); err != nil {
		return "tailservertest: " + err.Error(), nil
	}
	r.w.Notef("schedule: %s", s)
	r.test = t.Name()

	before := map[string]bool{}
	for _, g := range harness.Goroutines() {
		before[g.ID] = true
	}
	log := &eventLog{w: r.w, judged: -1, failPlan: s.fail, writes: make([]int, s.servers), inWrite: make([]int, s.servers)}
	var found findings
	ended := make(chan struct{})
	go r.watchSpin(s, log, ended, before)
	stuck := harness.Bubble(t, r.pkg, func() {
		r.play(s, dir, paths, log, &found, before)
	})
	close(ended)

	log.mu.Lock()
	settled := log.judged == len(log.events)
	log.mu.Unlock()
	if stuck == nil && settled {
		return log.verdict, log.tl
	}
	// A deadlock or a leak shows once the bubble has ended, and so does what the
	// goroutines left behind did after the run.
	msg, sp := verdict(s, paths, log, &found, stuck)
	if msg != log.verdict {
		if b := blameOf(msg, s, &found); b.lane != "" {
			log.tl.BrokeAfter(sp.Done(), b.lane, b.label)
		}
	}
	return msg, log.tl
}

// verdict returns the first rule the run broke, or "", and the span of the call or
// Write that broke it, for the timeline (nil when no one event did: the rule is marked
// at the end of the run).
func verdict(s schedule, paths []string, log *eventLog, found *findings, stuck *harness.Stuck) (string, *timeline.Span) {
	log.mu.Lock()
	events := append([]event(nil), log.events...)
	log.mu.Unlock()
	found.mu.Lock()
	defer found.mu.Unlock()
	switch {
	case found.broken != "":
		return found.broken, nil
	case found.panicked != "":
		return found.panicked, nil
	}
	if msg, sp := replayAll(s, paths, events); msg != "" {
		return msg, sp
	}
	if found.after != "" {
		return found.after, nil
	}
	if stuck != nil {
		return stuckVerdict(s, events, stuck), nil
	}
	return "", nil
}

// create writes the file's content before the first Add and returns the path to give
// to Add.
func create(dir string, f fileSpec) (string, error) {
	path := filepath.Join(dir, f.name)
	if err := os.WriteFile(path, []byte(f.old), 0o644); err != nil {
		return "", err
	}
	switch f.spelling {
	case dotted:
		return dir + string(filepath.Separator) + "." + string(filepath.Separator) + f.name, nil
	case relative:
		// Where no relative path leads there (on Windows, a temporary folder on another
		// drive than the test's), the absolute path stands in.
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, path); err == nil {
				return rel, nil
			}
		}
	}
	return path, nil
}

// play runs in the bubble: New (once per Server), one writer goroutine per file, Close
// at s.closeAt from s.closers goroutines per Server, then the calls that must fail after
// Close, and the checks that nothing is left behind.
func (r *runner) play(s schedule, dir string, paths []string, log *eventLog, found *findings, before map[string]bool) {
	log.start = time.Now()
	log.tl = timeline.New()
	r.w.Record(log.tl)
	lanes(log.tl, s)
	finished := make(chan struct{})
	defer close(finished)
	// Last of all, the judge marks where the run broke, while the time is still the
	// bubble's.
	defer func() {
		log.mu.Lock()
		log.judged = len(log.events)
		log.mu.Unlock()
		var sp *timeline.Span
		log.verdict, sp = verdict(s, paths, log, found, nil)
		if b := blameOf(log.verdict, s, found); b.lane != "" {
			log.tl.BrokeAfter(sp.Done(), b.lane, b.label)
		}
	}()
	go r.keepTime(s, paths, log, found, finished, before)
	srvs := make([]Server, s.servers)
	for k := range srvs {
		if msg := harness.Call(r.pkg, "New", func() { srvs[k] = r.newServer(output{log, k}, s.interval) }); msg != "" {
			log.tl.Broke(judged, "New panicked")
			found.set(&found.panicked, msg)
			return
		}
	}
	writers := make(chan struct{}, len(s.files))
	for i := range s.files {
		go func() {
			defer func() { writers <- struct{}{} }()
			r.write(srvs, s, i, paths[i], dir, log, found)
		}()
	}

	sleepUntil(log, s.closeAt)
	closers := make(chan struct{}, s.servers*s.closers)
	for k, srv := range srvs {
		for c := range s.closers {
			go func() {
				defer func() { closers <- struct{}{} }()
				r.call(closer(s, k, c), srv, k, log, found, callClose, -1, "", true)
			}()
		}
	}
	for range s.servers * s.closers {
		<-closers
	}
	for range s.files {
		<-writers
	}

	// After Close, Add and Remove fail, a second Close returns what the first did, and
	// nothing is printed.
	for k, srv := range srvs {
		if len(paths) > 0 {
			r.call(judged, srv, k, log, found, callAdd, 0, paths[0], true)
			r.call(judged, srv, k, log, found, callRemove, 0, paths[0], true)
		}
		r.call(judged, srv, k, log, found, callClose, -1, "", true)
	}

	// Let goroutines that are on their way out finish, then look for what is left.
	synctest.Wait()
	var left []harness.Goroutine
	for _, g := range harness.Of(r.pkg, harness.Goroutines()) {
		if !before[g.ID] && !startedBy(g, self) {
			left = append(left, g)
		}
	}
	if len(left) > 0 {
		found.set(&found.after, fmt.Sprintf("goroutine leak: goroutines of yours are still there after Close returned; Close returns after every goroutine has exited\n  your goroutines:\n%s", harness.Describe(r.pkg, left)))
		return
	}
	if open := openFiles(dir); len(open) > 0 {
		found.set(&found.after, fmt.Sprintf("file left open: %s still open after Close returned; Remove and Close close the files they opened", strings.Join(open, ", ")))
	}
}

// StuckAfter is how much fake time a run may take after its last step or its Close,
// whichever is later, before the judge calls it stuck.
const StuckAfter = time.Second

// keepTime ends a run that does not end in fake time: a call that never returns, while
// the server's goroutines keep polling (so that the bubble never deadlocks) or wait
// forever. It prints the first rule the log shows broken, the calls that never returned
// and the learner's goroutines, and ends the test binary, as the watchdog does.
func (r *runner) keepTime(s schedule, paths []string, log *eventLog, found *findings, finished chan struct{}, before map[string]bool) {
	limit := time.NewTimer(max(s.closeAt, s.horizon()) + StuckAfter - log.now())
	defer limit.Stop()
	select {
	case <-finished:
		return
	case <-limit.C:
	}
	log.mu.Lock()
	events := append([]event(nil), log.events...)
	log.mu.Unlock()
	var mine []harness.Goroutine
	for _, g := range harness.Of(r.pkg, harness.Goroutines()) {
		if !before[g.ID] && !startedBy(g, self) {
			mine = append(mine, g)
		}
	}
	hung := "the run never ended"
	if calls := hungCalls(events); calls != "" {
		hung = calls + " never returned"
	}
	hung += fmt.Sprintf(" (the judge waited until %v of fake time)", log.now())
	found.mu.Lock()
	msg := found.panicked
	found.mu.Unlock()
	if msg == "" {
		msg, _ = replayAll(s, paths, events)
	}
	if msg == "" {
		msg, hung = "deadlock: "+hung, ""
	}
	log.tl.Broke(judged, "never ended")
	msg = harness.Draw(log.tl.Attach(msg))
	var b strings.Builder
	_, file, line, _ := runtime.Caller(0)
	fmt.Fprintf(&b, "--- FAIL: %s (stuck)\n    %s:%d: %s\n", r.test, filepath.Base(file), line, indent(msg))
	if hung != "" {
		fmt.Fprintf(&b, "    and then %s\n", hung)
	}
	fmt.Fprintf(&b, "    schedule: %s\n", indent(s.String()))
	fmt.Fprintf(&b, "    your goroutines and where they are:\n    %s\n", indent(harness.Describe(r.pkg, mine)))
	if seed := harness.Seed(); seed != 0 {
		fmt.Fprintf(&b, "    To reproduce: go test -race -run='^%s$' -rapid.seed=%d (in the kata's folder)\n", r.test, seed)
	}
	b.WriteString("FAIL\n")
	fmt.Fprint(os.Stderr, b.String())
	harness.Exit()
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }

// SpinAfter is how long (real time) a run may log nothing before watchSpin looks for a
// goroutine that never blocks.
const SpinAfter = 2 * time.Second

// watchSpin runs outside the bubble and ends a run in which a goroutine of the learner
// never blocks (a poller that does not wait for the interval): in the bubble it stops
// fake time, so the run logs nothing while the goroutine keeps a CPU busy, often in
// system calls, reading the file again and again. It prints a busy-wait verdict and
// ends the test binary. A run stuck with every goroutine blocked it leaves to the
// watchdog.
func (r *runner) watchSpin(s schedule, log *eventLog, ended chan struct{}, before map[string]bool) {
	logged := func() int {
		log.mu.Lock()
		defer log.mu.Unlock()
		return len(log.events)
	}
	tick := time.NewTicker(SpinAfter / 10)
	defer tick.Stop()
	last, since := logged(), time.Now()
	for {
		select {
		case <-ended:
			return
		case <-tick.C:
		}
		if n := logged(); n != last || time.Since(since) < SpinAfter {
			if n != last {
				last, since = n, time.Now()
			}
			continue
		}
		// Nothing logged for SpinAfter: sample the learner's goroutines.
		seen, busy := map[string]harness.Goroutine{}, map[string]int{}
		for range 10 {
			time.Sleep(SpinAfter / 40)
			for _, g := range harness.Of(r.pkg, harness.Goroutines()) {
				if !before[g.ID] && (g.Busy() || g.State == "syscall") {
					seen[g.ID] = g
					busy[g.ID]++
				}
			}
		}
		var spinning []harness.Goroutine
		for id, g := range seen {
			if busy[id] >= 8 {
				spinning = append(spinning, g)
			}
		}
		select {
		case <-ended:
			return
		default:
		}
		if logged() != last || len(spinning) == 0 {
			since = time.Now()
			continue
		}
		var b strings.Builder
		_, file, line, _ := runtime.Caller(0)
		fmt.Fprintf(&b, "--- FAIL: %s (stuck)\n    %s:%d: busy-wait: nothing happened for %v of real time while goroutines of yours kept running: they never block (waiting for the next interval must block: a time.Ticker, time.Sleep or a timer)\n", r.test, filepath.Base(file), line, time.Since(since).Round(100*time.Millisecond))
		fmt.Fprintf(&b, "    schedule: %s\n", indent(s.String()))
		fmt.Fprintf(&b, "    your running goroutines:\n    %s\n", indent(harness.Describe(r.pkg, spinning)))
		if seed := harness.Seed(); seed != 0 {
			fmt.Fprintf(&b, "    To reproduce: go test -race -run='^%s$' -rapid.seed=%d (in the kata's folder)\n", r.test, seed)
		}
		b.WriteString("FAIL\n")
		fmt.Fprint(os.Stderr, b.String())
		harness.Exit()
		return
	}
}

// write is the writer goroutine of file i: it plays the file's steps at their instants.
// It starts no Add or Remove once Close has been called, and no append once Close has
// returned.
func (r *runner) write(srvs []Server, s schedule, i int, path, dir string, log *eventLog, found *findings) {
	f := s.files[i]
	lane := writer(f.name)
	fh, err := os.OpenFile(filepath.Join(dir, f.name), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		found.set(&found.broken, "tailservertest: "+err.Error())
		return
	}
	defer fh.Close()
	for _, st := range f.steps {
		sleepUntil(log, st.at)
		if st.op == opAppend {
			if !appendText(lane, fh, i, st.text, log, found) {
				return
			}
			continue
		}
		for k, srv := range srvs {
			ok := true
			switch st.op {
			case opAdd:
				ok = r.call(lane, srv, k, log, found, callAdd, i, path, false)
			case opRemove:
				ok = r.call(lane, srv, k, log, found, callRemove, i, path, false)
			case opAddMissing:
				ok = r.call(lane, srv, k, log, found, callAdd, -1, filepath.Join(dir, missingName), false)
			case opRemoveOther:
				ok = r.call(lane, srv, k, log, found, callRemove, -1, filepath.Join(dir, otherName), false)
			}
			if !ok {
				return
			}
		}
	}
}

// appendText appends text to the file and logs it in one critical section.
func appendText(lane string, fh *os.File, i int, text string, log *eventLog, found *findings) bool {
	log.mu.Lock()
	defer log.mu.Unlock()
	if log.closed {
		return false
	}
	if _, err := fh.WriteString(text); err != nil {
		found.set(&found.broken, "tailservertest: "+err.Error())
		return false
	}
	log.events = append(log.events, event{kind: evAppend, at: log.now(), server: -1, file: i, text: text})
	log.tl.Mark(lane, "append "+clip(text))
	log.w.Progress()
	return true
}

// call calls Add, Remove or Close from the goroutine of lane, logging the call and its
// return. Unless always is set, it starts no call once Close has been called, and then
// reports false.
func (r *runner) call(lane string, srv Server, server int, log *eventLog, found *findings, c call, file int, path string, always bool) bool {
	name := [...]string{"Add", "Remove", "Close"}[c]
	short := ""
	if path != "" {
		short = filepath.Base(path)
	}
	log.mu.Lock()
	if log.closing && !always {
		log.mu.Unlock()
		return false
	}
	log.calls++
	id := log.calls
	if c == callClose {
		log.closing = true
	}
	log.events = append(log.events, event{kind: evCall, at: log.now(), server: server, file: file, call: c, id: id, text: short})
	label := name
	if short != "" {
		label = fmt.Sprintf("%s(%s)", name, short)
	}
	if len(log.writes) > 1 {
		label += fmt.Sprintf(" S%d", server+1)
	}
	sp := log.tl.Begin(lane, timeline.Call, label)
	log.mu.Unlock()

	var err error
	what := name
	if short != "" {
		what = fmt.Sprintf("%s(%s)", name, short)
	}
	msg := harness.Call(r.pkg, what, func() {
		switch c {
		case callAdd:
			err = srv.Add(path)
		case callRemove:
			err = srv.Remove(path)
		default:
			err = srv.Close()
		}
	})
	if msg != "" {
		sp.End("panicked")
		log.tl.Broke(lane, "panicked")
		found.set(&found.panicked, msg)
		r.w.Notef("%s", msg) // for the watchdog, if a lock it held stops the run
		return false
	}
	log.logReturn(server, c, file, id, err, sp)
	return true
}

func sleepUntil(log *eventLog, at time.Duration) {
	if d := at - log.now(); d > 0 {
		time.Sleep(d)
	}
}

// startedBy reports whether g was started by a function of package pkg.
func startedBy(g harness.Goroutine, pkg string) bool {
	for i := len(g.Frames) - 1; i >= 0; i-- {
		fn := g.Frames[i].Func
		if strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "created by") {
			continue
		}
		rest, ok := strings.CutPrefix(fn, pkg)
		return ok && strings.HasPrefix(rest, ".")
	}
	return false
}

// openFiles returns the names of the files in dir that the process has open, where the
// system can tell (Linux: /proc/self/fd). Elsewhere (macOS, Windows) it returns nil: the
// rule that Remove and Close close their files is checked on Linux only.
func openFiles(dir string) []string {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	var open []string
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(target, dir+string(filepath.Separator)) {
			open = append(open, filepath.Base(target))
		}
	}
	return open
}
