package queuejudge

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// RunScript runs run, a fixed script of calls from one goroutine, in a synctest bubble
// (so that a call that never returns is a deadlock and a goroutine left behind is a
// leak), and returns the first rule broken, or "".
func RunScript(t *testing.T, pkg string, w *harness.Watchdog, run func(sc *Script)) string {
	w.Notef("one goroutine calls every method in turn")
	sc := &Script{Pkg: pkg, W: w}
	stuck := harness.Bubble(t, pkg, func() { run(sc) })
	sc.mu.Lock()
	defer sc.mu.Unlock()
	switch {
	case sc.msg != "":
		return sc.msg
	case stuck != nil && stuck.Leak:
		return fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; a call must leave nothing behind when it returns\n  calls: %s\n  your goroutines:\n%s", strings.Join(sc.order, "; "), stuck.Goroutines)
	case stuck != nil:
		return fmt.Sprintf("deadlock: %s\n  calls: %s\n  your goroutines:\n%s", sc.current, strings.Join(sc.order, "; "), stuck.Goroutines)
	}
	return ""
}

// A Script is the sequential rule's run: its calls and the first failure.
type Script struct {
	Pkg string
	W   *harness.Watchdog

	mu      sync.Mutex
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
	sc.mu.Unlock()
	return true
}

// Call makes one call into the learner's code, after noting what it should do in case it
// never returns, and reports whether it returned without a panic.
func (sc *Script) Call(what, ifStuck string, fn func()) bool {
	if !sc.Note(what, ifStuck) {
		return false
	}
	sc.W.Progress()
	if msg := harness.Call(sc.Pkg, what, fn); msg != "" {
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
	sc.mu.Unlock()
	if msg := harness.Call(sc.Pkg, what, fn); msg != "" {
		sc.Fail("%s", msg)
	}
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
