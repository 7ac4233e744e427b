package queuejudge

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// ScriptLane is the lane of the goroutine that makes the sequential rule's calls.
const ScriptLane = "caller"

// RunScript runs run, a fixed script of calls from one goroutine, in a synctest bubble
// (so that a call that never returns is a deadlock and a goroutine left behind is a
// leak), and returns the first rule broken, or "", with the run's timeline attached.
func RunScript(t *testing.T, pkg string, w *harness.Watchdog, run func(sc *Script)) string {
	w.Notef("one goroutine calls every method in turn")
	sc := &Script{Pkg: pkg, W: w}
	stuck := harness.Bubble(t, pkg, func() {
		sc.TL = timeline.New()
		w.Record(sc.TL)
		sc.TL.Lanes(ScriptLane)
		run(sc)
	})
	w.Record(nil)
	if stuck != nil && sc.Failed() {
		stuck = nil // the verdict came first; the script stopped with its calls unfinished
	}
	if stuck != nil {
		tlmark.Stuck(sc.TL, stuck)
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	var msg string
	switch {
	case sc.msg != "":
		msg = sc.msg
	case stuck != nil && stuck.Leak:
		msg = fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a call must leave nothing behind when it returns\n  calls: %s\n  your goroutines:\n%s", strings.Join(sc.order, "; "), stuck.Goroutines)
	case stuck != nil:
		msg = fmt.Sprintf("deadlock: %s\n  calls: %s\n  your goroutines:\n%s", sc.current, strings.Join(sc.order, "; "), stuck.Goroutines)
	default:
		return ""
	}
	return sc.TL.Attach(msg)
}

// A Script is the sequential rule's run: its calls and the first failure.
type Script struct {
	Pkg string
	W   *harness.Watchdog
	TL  *timeline.Timeline // the run's timeline, in lane ScriptLane

	mu      sync.Mutex
	span    *timeline.Span // the call in progress or last made, until its result is known
	msg     string
	current string   // what the call in progress should do, for a deadlock
	order   []string // every call so far
}

// Fail records the first failure, with the calls made so far.
func (sc *Script) Fail(format string, args ...any) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.msg == "" {
		sc.msg = fmt.Sprintf(format, args...)
		if len(sc.order) > 0 {
			sc.msg += "\n  calls: " + strings.Join(sc.order, "; ")
		}
		sc.span.End("")
		sc.TL.Broke(ScriptLane, timeline.Rule(sc.msg))
	}
}

// Failed reports whether the script has failed.
func (sc *Script) Failed() bool {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.msg != ""
}

// Note records the call what, and ifStuck, what it should do in case it never returns;
// it reports false, recording nothing, once the script has failed.
func (sc *Script) Note(what, ifStuck string) bool {
	if sc.Failed() {
		return false
	}
	sc.mu.Lock()
	sc.order = append(sc.order, what)
	sc.current = ifStuck
	sc.span.End("")
	sc.span = sc.TL.Begin(ScriptLane, timeline.Call, label(what))
	sc.mu.Unlock()
	return true
}

// Got ends the span of the call just made with what it returned.
func (sc *Script) Got(result string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.span.End(result)
}

// label shortens a call of the script for the timeline: "q.Take(canceled)".
func label(what string) string { return shortCtx.Replace(what) }

var shortCtx = strings.NewReplacer("ctx already canceled", "canceled", "ctx past its deadline", "expired", "context.Background()", "bg")

// Call makes one call into the learner's code, after noting what it should do in case it
// never returns, and reports whether it returned without a panic.
func (sc *Script) Call(what, ifStuck string, fn func()) bool {
	if !sc.Note(what, ifStuck) {
		return false
	}
	sc.W.Progress()
	if msg := harness.Call(sc.Pkg, what, fn); msg != "" {
		sc.Got("panicked")
		sc.Fail("%s", msg)
		return false
	}
	return true
}

// New makes the call what (a constructor) into the learner's code, recording it among
// the calls but leaving the deadlock text as it is.
func (sc *Script) New(what string, fn func()) {
	if sc.Failed() {
		return
	}
	sc.mu.Lock()
	sc.order = append(sc.order, what)
	sc.span.End("")
	sc.span = sc.TL.Begin(ScriptLane, timeline.Call, what)
	sc.mu.Unlock()
	if msg := harness.Call(sc.Pkg, what, fn); msg != "" {
		sc.Got("panicked")
		sc.Fail("%s", msg)
		return
	}
	sc.Got("")
}

// A SeqCtx is the kind of ctx a call of the script gets.
type SeqCtx int

const (
	Background SeqCtx = iota // context.Background()
	Live                     // a context that stays alive
	Canceled                 // already canceled
	Expired                  // deadline passed
)

// Ctx makes a ctx of kind k and returns it with its text for messages and its cancel.
func Ctx(k SeqCtx) (context.Context, string, func()) {
	switch k {
	case Live:
		ctx, cancel := context.WithCancel(context.Background())
		return ctx, "ctx", cancel
	case Canceled:
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx, "ctx already canceled", cancel
	case Expired:
		ctx, cancel := context.WithDeadline(context.Background(), time.Now())
		return ctx, "ctx past its deadline", cancel
	}
	return context.Background(), "context.Background()", func() {}
}
