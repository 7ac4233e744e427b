package harness

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gokata/workbook/harness/timeline"
	"github.com/gokata/workbook/harness/yield"
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
	defer v.flush() // also when rapid ends the test with FailNow
	rapid.Check(v, func(rt *rapid.T) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if reflect.TypeOf(r).String() != "rapid.stopTest" {
				panic(r)
			}
			// rapid's shrinker keeps a smaller case whenever it fails at the same place
			// in the code, whatever its message, and every verdict fails here. So a case
			// that breaks another rule than the first failure is reported to rapid as a
			// pass: the minimized schedule breaks the rule that was found. rapid gets the
			// rule alone; the details are kept for the report.
			msg := fmt.Sprint(r)
			key := ruleOf(msg)
			if !v.sameRule(key) {
				return
			}
			v.noteFailure(key, msg)
			rt.Fatal(key)
		}()
		// The yield points of code the judge instrumented follow a policy drawn with
		// the schedule (see yields.go).
		if yield.Instrumented() {
			p := DrawYields(rt)
			rt.Logf("yields: %s", p)
			defer yield.Set(p)()
		}
		prop(rt)
	})
}

// ruleOf returns the rule part of a verdict: its first line up to the first colon
// (without the timeline attached to it).
func ruleOf(verdict string) string {
	verdict, _ = timeline.Split(verdict)
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
// first. rapid reports, then replays the minimized schedule with its draws logged; the
// report is held back until that replay is over, so that the verdict printed first is the
// one of the schedule printed under it.
type verdictTB struct {
	*testing.T
	mu        sync.Mutex
	first     string            // the first failure's verdict (with its timeline attached)
	firstRule string            // its rule
	details   map[string]string // rule -> the latest verdict that broke it (with its timeline)
	header    string            // rapid's report, held back until flush
	rule      string            // the rule of the report
	replay    []string          // what the replay logged
}

// sameRule reports whether rule is the rule of the first failure (the first failure
// sets it).
func (v *verdictTB) sameRule(rule string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.firstRule == "" {
		v.firstRule = rule
	}
	return rule == v.firstRule
}

func (v *verdictTB) noteFailure(rule, msg string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.first == "" {
		v.first = msg
	}
	v.details[rule] = msg
}

func (v *verdictTB) Logf(format string, args ...any) {
	v.T.Helper()
	v.mu.Lock()
	replaying := v.header != ""
	if replaying {
		v.replay = append(v.replay, strings.TrimPrefix(fmt.Sprintf(format, args...), "[rapid] "))
	}
	v.mu.Unlock()
	if !replaying {
		v.T.Logf(format, args...)
	}
}

func (v *verdictTB) Log(args ...any) {
	v.T.Helper()
	v.Logf("%s", fmt.Sprint(args...))
}

func (v *verdictTB) Errorf(format string, args ...any) {
	v.T.Helper()
	msg := fmt.Sprintf(format, args...)
	v.mu.Lock()
	defer v.mu.Unlock()
	switch {
	case v.header != "":
		// The replay failed again; its verdict is in details.
		v.T.Fail()
	case strings.HasPrefix(msg, "[rapid] failed after"), strings.HasPrefix(msg, "[rapid] panic after"):
		if len(args) >= 2 {
			v.rule = fmt.Sprint(args[1])
		}
		v.header = fmt.Sprintf("(found on schedule %v, then minimized)", args[0].(int)+1)
		if i := strings.Index(msg, "Traceback:"); i >= 0 && strings.HasPrefix(msg, "[rapid] panic after") {
			v.header += "\n" + strings.TrimSuffix(msg[i:], "Failed test output:")
		}
		v.T.Fail()
	case strings.HasPrefix(msg, "[rapid] flaky test"):
		v.header = "(found once; the minimized schedule did not fail again: the bug depends on timing, so run it a few times)"
		v.T.Fail()
	default:
		v.T.Error(Draw(msg))
	}
}

// flush prints the held-back report: the verdict of the replayed schedule (or, when the
// replay passed, of the first failure), how to replay it, the schedule, and the timeline
// attached to the verdict (see Draw).
func (v *verdictTB) flush() {
	v.T.Helper()
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.header == "" {
		return
	}
	verdict := v.first
	if d, ok := v.details[v.rule]; ok && !strings.HasPrefix(v.header, "(found once") {
		verdict = d
	}
	if verdict == "" {
		verdict = v.rule
	}
	verdict, rec := timeline.Split(verdict)
	var b strings.Builder
	overlay := ""
	if yield.Instrumented() {
		// The schedule includes the yields: replay it on the instrumented code.
		overlay = ` -overlay="$(go run github.com/gokata/workbook/cmd/kata overlay)"`
	}
	fmt.Fprintf(&b, "%s\nTo reproduce: go test -race%s -run='^%s$' -rapid.seed=%d (in the kata's folder)\n%s", verdict, overlay, v.T.Name(), Seed(), v.header)
	if len(v.replay) > 0 {
		b.WriteString("\nThe minimized schedule:")
		described := described(v.replay)
		for _, l := range v.replay {
			l, _ = timeline.Split(l)
			if l == verdict || l == v.rule || described && isStructDraw(l) {
				continue
			}
			b.WriteString("\n  " + strings.ReplaceAll(l, "\n", "\n  "))
		}
	}
	heading := pictureHeading
	if strings.HasPrefix(v.header, "(found once") {
		heading = firstHeading
	}
	if pic := drawing(verdict, rec, heading); pic != "" {
		b.WriteString("\n" + pic)
	}
	v.T.Error(b.String())
	v.header = ""
}

// FailNow is how rapid ends a failed check: the report is printed first, from the test's
// goroutine, so that it is attributed to the checker's line.
func (v *verdictTB) FailNow() {
	v.T.Helper()
	v.flush()
	v.T.FailNow()
}

func (v *verdictTB) Error(args ...any) {
	v.T.Helper()
	v.Errorf("%s", fmt.Sprint(args...))
}

func (v *verdictTB) Fatalf(format string, args ...any) {
	v.T.Helper()
	v.Errorf(format, args...)
	v.FailNow()
}

func (v *verdictTB) Fatal(args ...any) {
	v.T.Helper()
	v.Fatalf("%s", fmt.Sprint(args...))
}

// described reports whether the replay logged the schedule in words (a line that starts
// "schedule:"), which says what the draws of structs say in Go syntax.
func described(replay []string) bool {
	for _, l := range replay {
		if strings.HasPrefix(l, "schedule:") {
			return true
		}
	}
	return false
}

// isStructDraw reports whether l is rapid's log of a draw whose value is a struct or a
// slice of structs, such as "draw steps: []latchtest.step{latchtest.step{At:2, ...}}":
// Go syntax with type names, up to thousands of characters, that the schedule line says
// in words.
func isStructDraw(l string) bool {
	if !strings.HasPrefix(l, "draw ") {
		return false
	}
	_, value, ok := strings.Cut(l, ": ")
	return ok && structValue.MatchString(value)
}

// structValue matches Go syntax for a value of a named type from a package, or a slice of
// them: "latchtest.step{", "[]queuejudge.Caller[...]{".
var structValue = regexp.MustCompile(`^(\[\])?[*&]?\w+\.\w+\S*\{`)
