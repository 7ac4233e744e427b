package rwlocktest

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// seqLane is the lane of the goroutine that makes the sequential rule's calls.
const seqLane = "caller"

// Messages of the panics the kata asks for.
const (
	unlockPanic  = "rwlock: Unlock of unlocked RWMutex"
	runlockPanic = "rwlock: RUnlock of unlocked RWMutex"
)

// sequential runs fixed scripts of calls from one goroutine, each on fresh RWMutexes, in
// a synctest bubble (a call that blocks for good is a deadlock, a goroutine left behind
// a leak), and returns the first rule broken, or "", with the timeline of its script.
func sequential(t *testing.T, pkg string, w *harness.Watchdog, newRWMutex func() RWMutex) string {
	defer w.Record(nil)
	for _, sc := range scripts {
		w.Notef("one goroutine calls %s", sc.String())
		var msg string
		var mu sync.Mutex // the script's calls and msg, read by the watchdog's verdict
		var tl *timeline.Timeline
		stuck := harness.Bubble(t, pkg, func() {
			tl = timeline.New()
			w.Record(tl)
			tl.Lanes(seqLane)
			m := runScript(pkg, w, newRWMutex, sc, tl)
			mu.Lock()
			msg = m
			mu.Unlock()
		})
		mu.Lock()
		m := msg
		mu.Unlock()
		if stuck != nil && m == "" {
			tlmark.Stuck(tl, stuck)
		}
		switch {
		case m != "":
			return tl.Attach(m)
		case stuck != nil && stuck.Leak:
			return tl.Attach(fmt.Sprintf("goroutine leak: every call returned, but goroutines of yours were left blocked; an RWMutex starts no goroutine of its own\n  calls: %s\n  your goroutines:\n%s", sc, stuck.Goroutines))
		case stuck != nil:
			return tl.Attach(fmt.Sprintf("deadlock: a call never returned, and every goroutine is blocked; %s\n  calls: %s\n  your goroutines:\n%s", sc.why, sc, stuck.Goroutines))
		}
	}
	return ""
}

// A script is calls on RWMutexes a and b, made in turn by one goroutine. The last call
// may have to panic.
type script struct {
	calls []string // "a.Lock", "b.RUnlock", ...
	panic string   // the last call must panic with this
	why   string   // the rule, for a deadlock
}

func (sc script) String() string {
	var cs []string
	for _, c := range sc.calls {
		cs = append(cs, c+"()")
	}
	return strings.Join(cs, "; ")
}

var scripts = []script{
	{calls: []string{"a.Lock", "a.Unlock", "a.RLock", "a.RLock", "a.RLock", "a.RUnlock", "a.RUnlock", "a.RUnlock", "a.Lock", "a.Unlock", "a.RLock", "a.RUnlock"},
		why: "any number of readers share the lock, and a lock nobody holds is free"},
	{calls: []string{"a.Lock", "b.Lock", "b.Unlock", "b.RLock", "a.Unlock", "a.RLock", "b.RUnlock", "a.RUnlock", "b.Lock", "a.Lock", "b.Unlock", "a.Unlock"},
		why: "separate RWMutexes are independent"},
	{calls: []string{"a.Unlock"}, panic: unlockPanic},
	{calls: []string{"a.RUnlock"}, panic: runlockPanic},
	{calls: []string{"a.Lock", "a.Unlock", "a.Unlock"}, panic: unlockPanic},
	{calls: []string{"a.RLock", "a.RUnlock", "a.RUnlock"}, panic: runlockPanic},
	{calls: []string{"a.RLock", "a.Unlock"}, panic: unlockPanic},
	{calls: []string{"a.Lock", "a.RUnlock"}, panic: runlockPanic},
}

// runScript makes the calls of sc, recording them in tl, and returns the first rule
// broken, or "".
func runScript(pkg string, w *harness.Watchdog, newRWMutex func() RWMutex, sc script, tl *timeline.Timeline) (verdict string) {
	defer func() {
		if verdict != "" {
			tl.Broke(seqLane, timeline.Rule(verdict))
		}
	}()
	locks := map[string]RWMutex{}
	for _, name := range []string{"a", "b"} {
		var rw RWMutex
		sp := tl.Begin(seqLane, timeline.Call, name+" := New()")
		if msg := harness.Call(pkg, "New", func() { rw = newRWMutex() }); msg != "" {
			sp.End("panicked")
			return msg
		}
		sp.End("")
		locks[name] = rw
	}
	for k, c := range sc.calls {
		w.Progress()
		name, method, _ := strings.Cut(c, ".")
		rw := locks[name]
		fn := map[string]func(){"RLock": rw.RLock, "RUnlock": rw.RUnlock, "Lock": rw.Lock, "Unlock": rw.Unlock}[method]
		before := script{calls: sc.calls[:k]}
		sp := tl.Begin(seqLane, timeline.Call, c+"()")
		if k < len(sc.calls)-1 || sc.panic == "" {
			if msg := harness.Call(pkg, method, fn); msg != "" {
				sp.End("panicked")
				return fmt.Sprintf("%s\n  calls: %s", msg, script{calls: sc.calls[:k+1]})
			}
			sp.End("")
			continue
		}
		state := "after " + before.String()
		if k == 0 {
			state = "on a new RWMutex"
		}
		panicked := true
		msg := wantPanic(pkg, method, sc.panic, func() {
			fn()
			panicked = false
		})
		if panicked {
			sp.End("panicked")
		} else {
			sp.End("returned")
		}
		if msg != "" {
			return fmt.Sprintf("%s %s: %s", method, state, msg)
		}
	}
	return ""
}

// wantPanic calls fn, which must panic with want, and returns what went wrong, or "".
func wantPanic(pkg, what, want string, fn func()) (msg string) {
	defer func() {
		r := recover()
		switch {
		case r == nil:
			msg = fmt.Sprintf("returned, want a panic with %q", want)
		case fmt.Sprint(r) != want:
			if _, ok := harness.NotImplemented(r); ok {
				msg = harness.PanicVerdict(pkg, what, r, harness.Stack())
				return
			}
			msg = fmt.Sprintf("panicked with %q, want %q", fmt.Sprint(r), want)
		}
	}()
	fn()
	return ""
}
