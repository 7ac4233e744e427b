package harness

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// seed is the rapid seed of the run, so that the watchdog can say how to replay a
// schedule that never finished.
var seed struct {
	sync.Mutex
	value uint64
}

// Seed returns the rapid seed this test binary uses (set by Check).
func Seed() uint64 {
	seed.Lock()
	defer seed.Unlock()
	return seed.value
}

// Check runs prop on at least checks generated schedules, like rapid.Check, and reports a
// failure learner-first: the rule that broke (the message prop passed to Fatalf), then
// how to replay it, then the minimized schedule. prop should report failures with
// (*rapid.T).Fatalf and label every draw.
//
// The -rapid.checks, -rapid.seed and -rapid.shrinktime flags still win when given.
// Failure files are never written (the seed replays a run).
func Check(t *testing.T, checks int, prop func(*rapid.T)) {
	t.Helper()
	defer setFlag("rapid.checks", strconv.Itoa(checks))()
	defer setFlag("rapid.shrinktime", "5s")()
	defer setFlag("rapid.nofailfile", "true")()
	s, _ := strconv.ParseUint(flag.Lookup("rapid.seed").Value.String(), 10, 64)
	if s == 0 {
		s = rand.Uint64()>>1 | 1
		defer setFlag("rapid.seed", strconv.FormatUint(s, 10))()
	}
	seed.Lock()
	seed.value = s
	seed.Unlock()

	v := &verdictTB{T: t, details: map[string]string{}}
	rapid.Check(v, func(rt *rapid.T) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if reflect.TypeOf(r).String() != "rapid.stopTest" {
				panic(r)
			}
			// rapid keeps a smaller failing case only when its error is the same as
			// before, so it gets the rule alone; the details are kept for the report.
			msg := fmt.Sprint(r)
			key := ruleOf(msg)
			v.noteFailure(key, msg)
			rt.Fatal(key)
		}()
		prop(rt)
	})
}

// ruleOf returns the rule part of a verdict: its first line up to the first colon.
func ruleOf(verdict string) string {
	line, _, _ := strings.Cut(verdict, "\n")
	rule, _, _ := strings.Cut(line, ":")
	return rule
}

// setFlag sets a flag the user did not set on the command line and returns a function
// that restores it.
func setFlag(name, value string) (restore func()) {
	f := flag.Lookup(name)
	if f == nil {
		panic("harness: no flag " + name)
	}
	set := false
	flag.Visit(func(g *flag.Flag) { set = set || g.Name == name })
	if set {
		return func() {}
	}
	old := f.Value.String()
	f.Value.Set(value)
	return func() { f.Value.Set(old) }
}

// verdictTB reorders rapid's failure report so that the learner reads the broken rule
// first.
type verdictTB struct {
	*testing.T
	mu       sync.Mutex
	first    string            // the first failure's verdict
	details  map[string]string // rule -> the latest verdict that broke it
	reported string
}

func (v *verdictTB) noteFailure(rule, msg string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.first == "" {
		v.first = msg
	}
	v.details[rule] = msg
}

func (v *verdictTB) Errorf(format string, args ...any) {
	v.T.Helper()
	msg := fmt.Sprintf(format, args...)
	if !strings.HasPrefix(msg, "[rapid] ") {
		v.mu.Lock()
		dup := v.reported != "" && strings.Contains(v.reported, msg)
		v.mu.Unlock()
		if !dup {
			v.T.Error(msg)
		} else {
			v.T.Fail()
		}
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	verdict, found := v.first, ""
	switch {
	case strings.HasPrefix(msg, "[rapid] failed after"), strings.HasPrefix(msg, "[rapid] panic after"):
		if len(args) >= 2 {
			verdict = fmt.Sprint(args[1])
			if d, ok := v.details[verdict]; ok {
				verdict = d
			}
		}
		found = fmt.Sprintf("found after %v schedules, then minimized", args[0])
	case strings.HasPrefix(msg, "[rapid] flaky test"):
		found = "found once; the minimized schedule did not fail again (a timing-dependent bug)"
	default:
		v.T.Error(msg)
		return
	}
	if verdict == "" {
		verdict = msg
	}
	replay := fmt.Sprintf("To reproduce: go test -race -run='^%s$' -rapid.seed=%d (in the kata's folder)", v.T.Name(), Seed())
	v.reported = verdict
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n(%s)", verdict, replay, found)
	if i := strings.Index(msg, "Traceback:"); i >= 0 && strings.HasPrefix(msg, "[rapid] panic after") {
		fmt.Fprintf(&b, "\n%s", strings.TrimSuffix(msg[i:], "Failed test output:"))
	}
	b.WriteString("\nThe minimized schedule:")
	v.T.Error(b.String())
}

func (v *verdictTB) Error(args ...any) {
	v.T.Helper()
	v.Errorf("%s", fmt.Sprint(args...))
}

func (v *verdictTB) Fatalf(format string, args ...any) {
	v.T.Helper()
	v.Errorf(format, args...)
	v.T.FailNow()
}

func (v *verdictTB) Fatal(args ...any) {
	v.T.Helper()
	v.Fatalf("%s", fmt.Sprint(args...))
}

// Deadline is how long a checker waits for a call that should return at once before
// it calls the run stuck.
var Deadline = 5 * time.Second
