package tailservertest

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// An event is one thing that happened in a run. The log keeps them in the order they
// happened: an append is logged in the same critical section as the write to the file,
// so no print of a line can be logged before the append of the line.
type event struct {
	kind    eventKind
	at      time.Duration  // fake time since New
	server  int            // the Server called or written by; -1 for appends
	file    int            // index of the file; -1 for Close and the files no schedule follows
	call    call           // evCall, evReturn
	id      int            // evCall, evReturn: pairs a return with its call
	text    string         // evAppend: the bytes; evWrite: what Write got
	err     error          // evReturn: what the call returned; evWrite: what Write returned
	n       int            // evWrite: the Write's number, from 1
	overlap bool           // evWrite: another Write was still running
	sp      *timeline.Span // evReturn: the call's span; evWrite: the Write's
}

type eventKind int

const (
	evAppend eventKind = iota
	evCall
	evReturn
	evWrite
)

type call int

const (
	callAdd call = iota
	callRemove
	callClose
)

// eventLog is the run's log and the state the writers share with the main goroutine.
type eventLog struct {
	mu       sync.Mutex
	start    time.Time
	events   []event
	calls    int
	writes   []int // per Server: Write calls so far
	inWrite  []int // per Server: Write calls running now
	closing  bool  // Close has been called: writers start no more Adds or Removes
	closed   bool  // Close has returned: writers stop
	w        *harness.Watchdog
	failPlan failPlan
	tl       *timeline.Timeline // what the goroutines did, recorded with the log
	verdict  string             // judged at the end of the run, in the bubble,
	judged   int                // when the log held this many events (-1: never)
}

func (l *eventLog) now() time.Duration { return time.Since(l.start) }

func (l *eventLog) logReturn(server int, c call, file, id int, err error, sp *timeline.Span) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sp.End(returned(err))
	if c == callClose {
		l.closed = true
	}
	l.events = append(l.events, event{kind: evReturn, at: l.now(), server: server, file: file, call: c, id: id, err: err, sp: sp})
	l.w.Progress()
}

// A WriteError is the error of a Write to out that the judge made fail.
type WriteError struct{ N int }

func (e *WriteError) Error() string {
	return fmt.Sprintf("write %d failed (the judge made it fail)", e.N)
}

// output is the io.Writer a Server prints to: it logs every Write, flags Writes that
// overlap, and fails the Writes the plan says.
type output struct {
	log    *eventLog
	server int
}

func (o output) Write(p []byte) (int, error) {
	l, k := o.log, o.server
	l.mu.Lock()
	l.writes[k]++
	l.inWrite[k]++
	ev := event{kind: evWrite, at: l.now(), server: k, file: -1, text: string(p), n: l.writes[k], overlap: l.inWrite[k] > 1}
	if l.failPlan.fails(ev.n) {
		ev.err = &WriteError{N: ev.n}
	}
	sp := l.tl.Begin(printer(len(l.writes), k), timeline.Wait, "Write "+printed(ev.text))
	ev.sp = sp
	l.events = append(l.events, ev)
	l.mu.Unlock()
	l.w.Progress()
	// Linger, so that a Write that another goroutine starts now overlaps this one.
	for range 3 {
		runtime.Gosched()
	}
	l.mu.Lock()
	l.inWrite[k]--
	if ev.err != nil {
		sp.End("failed")
	} else {
		sp.End("")
	}
	l.mu.Unlock()
	if ev.err != nil {
		return 0, ev.err
	}
	return len(p), nil
}
