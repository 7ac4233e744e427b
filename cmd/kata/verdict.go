package main

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// The statuses of a kata in a grade.
const (
	statusPass         = "pass"          // the judge ran and every rule passed
	statusFail         = "fail"          // a rule broke: wrong answer, deadlock, busy-wait, data race...
	statusError        = "error"         // the judge could not finish: compile error, crash, os.Exit, time limit
	statusNotAttempted = "not attempted" // the kata still holds its stub
)

// A kataResult is one kata's verdict, as the reports show it.
type kataResult struct {
	Name    string       `json:"name"`
	Status  string       `json:"status"`
	Message string       `json:"message"`        // the verdict's first line; "" for a pass
	Rule    string       `json:"rule,omitempty"` // the first rule that broke
	Details string       `json:"details,omitempty"`
	Seconds float64      `json:"time_seconds"`
	Rules   []ruleResult `json:"rules"`
	Review  []string     `json:"review,omitempty"`
	// Timeline is what the goroutines of the failing schedule did, when the judge
	// recorded it.
	Timeline *timeline.Report `json:"timeline,omitempty"`
	seed     string           // the rapid seed of a failure, to replay it
}

// A ruleResult is one rule of a kata: a subtest of the kata's test.
type ruleResult struct {
	Name    string  `json:"name"`
	Status  string  `json:"status"` // pass, fail, skip, error
	Message string  `json:"message,omitempty"`
	Seconds float64 `json:"time_seconds"`
}

// A testCase gathers the events of one test (one run of it, with -count).
type testCase struct {
	name    string
	action  string // "" while running, then pass, fail or skip
	started bool   // a run event was seen
	elapsed float64
	output  []string
}

// collect groups the events of a run by test, in the order the tests started.
func collect(events []event) (tests []*testCase, pkgOutput []string) {
	current := map[string]*testCase{}
	get := func(name string, fresh bool) *testCase {
		tc := current[name]
		if tc == nil || (fresh && tc.action != "") {
			tc = &testCase{name: name}
			current[name] = tc
			tests = append(tests, tc)
		}
		return tc
	}
	for _, ev := range events {
		if ev.Test == "" {
			if ev.Action == "output" {
				pkgOutput = append(pkgOutput, ev.Output)
			}
			continue
		}
		switch ev.Action {
		case "run":
			get(ev.Test, true).started = true
		case "output":
			get(ev.Test, false).output = append(get(ev.Test, false).output, ev.Output)
		case "pass", "fail", "skip":
			tc := get(ev.Test, false)
			tc.action, tc.elapsed = ev.Action, ev.Elapsed
		}
	}
	return tests, pkgOutput
}

// judgeRun turns a build and a run of a kata's judge into a verdict. pkg is the import path
// of the code under test (to name its functions); tops are the judge's top-level tests.
func judgeRun(name, pkg string, tops []string, b *build, r *runResult, limit time.Duration) kataResult {
	res := kataResult{Name: name, Rules: []ruleResult{}}
	if b != nil && b.bin == "" {
		res.Status = statusError
		res.Message, res.Details = buildVerdict(b.output)
		return res
	}
	if r == nil || r.err != nil && len(r.events) == 0 {
		res.Status = statusError
		res.Message = "could not run the judge"
		if r != nil {
			res.Message += ": " + r.err.Error()
		}
		return res
	}
	res.Seconds = round3(r.elapsed.Seconds())
	tests, pkgOut := collect(r.events)

	// Rules: the subtests of the top-level tests; a top-level test without subtests
	// is a rule itself.
	multi := len(tops) > 1
	hasSub := map[string]bool{}
	for _, tc := range tests {
		if top, _, ok := strings.Cut(tc.name, "/"); ok {
			hasSub[top] = true
		}
	}
	var failed, failedTop *testCase
	for _, tc := range tests {
		top, rule, isSub := strings.Cut(tc.name, "/")
		if isSub && strings.Contains(rule, "/") {
			continue // a subtest of a rule: part of the rule
		}
		if !isSub && hasSub[top] {
			if failedTop == nil && tc.action == "fail" {
				failedTop = tc
			}
			continue
		}
		rr := ruleResult{Name: ruleName(tc.name, multi), Seconds: round3(tc.elapsed)}
		switch tc.action {
		case "pass":
			rr.Status = statusPass
		case "skip":
			rr.Status = "skip"
			rr.Message = firstLogLine(tc.output)
		case "fail":
			rr.Status = statusFail
		default:
			rr.Status = statusError
		}
		if failed == nil && (tc.action == "fail" || tc.action == "") {
			failed = tc
		}
		res.Rules = append(res.Rules, rr)
	}
	if failed == nil {
		failed = failedTop
	}
	setRule := func(rule, status, msg string) {
		for i := range res.Rules {
			if res.Rules[i].Name == rule {
				res.Rules[i].Status, res.Rules[i].Message = status, msg
			}
		}
	}

	switch {
	case r.timedOut:
		res.Status = statusError
		where := "no test had started: an init function that never returns?"
		if failed != nil {
			res.Rule = ruleName(failed.name, multi)
			where = fmt.Sprintf("rule %q was still running", res.Rule)
		}
		res.Message = fmt.Sprintf("time limit exceeded: no verdict within %v (%s)", limit, where)
		if failed != nil {
			setRule(res.Rule, statusError, res.Message)
		}
		res.Details = tail(allOutput(tests, pkgOut), 40)
		return res
	case failed != nil:
		v := readVerdict(failed.output, pkg)
		if v.msg == "" {
			v = readVerdict(pkgOut, pkg)
		}
		if failed != failedTop {
			res.Rule = ruleName(failed.name, multi)
		}
		res.Status = statusFail
		switch {
		case v.msg != "" && v.crash:
			res.Status = statusError
			res.Message, res.Details = v.msg, v.details
		case v.msg != "":
			res.Message, res.Details, res.seed = v.msg, v.details, v.seed
			if v.timeline != nil {
				rep := v.timeline.Report()
				res.Timeline = &rep
			}
		case r.exit != 0:
			res.Status = statusError
			res.Message = exitVerdict(r.exit, res.Rule, len(res.Rules) > 0)
		default:
			res.Message = "failed without a message"
		}
		setRule(res.Rule, res.Status, res.Message)
		return res
	}

	// Nothing failed. A pass needs every top-level test of the judge to have run and
	// passed, and the binary to have exited 0.
	for _, top := range tops {
		var tc *testCase
		for _, t := range tests {
			if t.name == top {
				tc = t
			}
		}
		switch {
		case tc == nil && r.exit == 0:
			res.Status = statusError
			res.Message = fmt.Sprintf("the judge never ran: the test binary exited (status 0) before %s started; a kata must not end the process (os.Exit in an init function?)", top)
			return res
		case tc != nil && !tc.started:
			res.Status = statusError
			res.Message = fmt.Sprintf("the judge never ran: the output claims %s passed but it never started; the submission writes fake test output", top)
			return res
		case tc != nil && tc.action != "pass":
			res.Status = statusError
			res.Message = exitVerdict(r.exit, "", true)
			return res
		}
	}
	if r.exit != 0 {
		v := readVerdict(pkgOut, pkg)
		res.Status = statusError
		res.Message, res.Details = v.msg, v.details
		if res.Message == "" {
			res.Message = exitVerdict(r.exit, "", len(res.Rules) > 0)
		}
		return res
	}
	res.Status = statusPass
	return res
}

// ruleName names the rule a test belongs to: its subtest name under the kata's test
// ("schedules"), or "TestX/schedules" when the judge has several top-level tests.
func ruleName(test string, multi bool) string {
	top, rule, ok := strings.Cut(test, "/")
	if !ok {
		return top
	}
	rule, _, _ = strings.Cut(rule, "/")
	if multi {
		return top + "/" + rule
	}
	return rule
}

func round3(s float64) float64 { return math.Round(s*1000) / 1000 }

// exitVerdict explains a test process that ended with code and no message: during rule
// rule, or (rule "") before the judge's rules (ran false) or after them.
func exitVerdict(code int, rule string, ran bool) string {
	how := fmt.Sprintf("exited with status %d", code)
	if code < 0 {
		how = "was killed by a signal"
	}
	where := "before the judge started"
	switch {
	case rule != "":
		where = fmt.Sprintf("during rule %q", rule)
	case ran:
		where = "after the judge's rules ran"
	}
	return fmt.Sprintf("crashed: the test process %s %s, without a message; a kata must never call os.Exit or otherwise end the process", how, where)
}

// A verdict read from a test's output.
type verdictText struct {
	msg      string
	details  string
	seed     string
	crash    bool             // the test binary crashed (panic, fatal error) or timed out
	timeline *timeline.Record // the timeline the judge printed as a machine line
}

var (
	logPrefix = regexp.MustCompile(`^\s*[\w.-]+\.go:\d+: `)
	seedRe    = regexp.MustCompile(`-rapid\.seed=(\d+)`)
	accessRe  = regexp.MustCompile(`^(Previous )?(write|read|Write|Read|Atomic write|Atomic read)(?: of size \d+)? at 0x[0-9a-f]+ by (?:goroutine \d+|main goroutine):$`)
)

// readVerdict finds the verdict in a test's output: the first of a watchdog block, a data
// race report, a crash, or a line the judge logged; and the timeline of the failing
// schedule, which the judge prints as a machine line (the last one, if several).
func readVerdict(output []string, pkg string) verdictText {
	v := findVerdict(splitLines(output), pkg)
	if v.msg != "" && !v.crash {
		v.timeline = lastTimeline(output)
	}
	return v
}

// lastTimeline returns the record of the last machine line of a timeline in output.
func lastTimeline(output []string) *timeline.Record {
	var last *timeline.Record
	for _, l := range strings.Split(strings.Join(output, ""), "\n") {
		if r, ok := timeline.ParseLine(l); ok {
			last = r
		}
	}
	return last
}

func findVerdict(lines []string, pkg string) verdictText {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "--- FAIL:") && strings.HasSuffix(t, "(stuck)"):
			var block []string
			for _, b := range lines[i+1:] {
				if strings.TrimSpace(b) == "FAIL" {
					break
				}
				block = append(block, strings.TrimPrefix(b, "    "))
			}
			v := verdictText{details: strings.Join(block, "\n")}
			if len(block) > 0 {
				v.msg = strings.TrimSpace(block[0])
			}
			if m := seedRe.FindStringSubmatch(v.details); m != nil {
				v.seed = m[1]
			}
			return v
		case t == "WARNING: DATA RACE":
			return raceVerdict(lines[i:], pkg)
		case strings.HasPrefix(l, "panic: test timed out after"):
			running := ""
			for _, r := range lines[i+1:] {
				if r = strings.TrimSpace(r); r != "" && r != "running tests:" {
					running = r
					break
				}
			}
			return verdictText{crash: true, msg: fmt.Sprintf("time limit exceeded: %s (still running: %s)", strings.TrimPrefix(l, "panic: "), running), details: strings.Join(head(lines[i:], 40), "\n")}
		case strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: "):
			return crashVerdict(lines[i:], pkg)
		case logPrefix.MatchString(l) && !strings.Contains(l, "[rapid] OK"):
			v := verdictText{msg: logPrefix.ReplaceAllString(l, "")}
			v.details = logDetails(lines[i:])
			if m := seedRe.FindStringSubmatch(v.details); m != nil {
				v.seed = m[1]
			}
			return v
		}
	}
	return verdictText{}
}

// logDetails cleans the judge's log lines for a learner: no file:line prefixes, no test
// framing, no "[rapid] " tags.
func logDetails(lines []string) string {
	var out []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") || t == "FAIL" || t == "PASS" {
			continue
		}
		if logPrefix.MatchString(l) {
			l = logPrefix.ReplaceAllString(l, "")
		} else {
			l = strings.TrimPrefix(l, "        ")
		}
		out = append(out, strings.Replace(l, "[rapid] ", "", 1))
	}
	return strings.Join(head(out, 80), "\n")
}

// raceVerdict names the two accesses of a data race report by the learner's functions.
func raceVerdict(lines []string, pkg string) verdictText {
	var block []string
	for i, l := range lines {
		if i > 0 && strings.TrimSpace(l) == "==================" {
			break
		}
		block = append(block, l)
	}
	var accesses []string
	for i, l := range block {
		m := accessRe.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			continue
		}
		what := strings.ToLower(m[2])
		fn, loc := firstFrame(block[i+1:], pkg)
		accesses = append(accesses, fmt.Sprintf("%s %ss (%s)", fn, strings.TrimPrefix(what, "atomic "), loc))
	}
	msg := "data race: two goroutines touch the same memory without synchronization"
	if len(accesses) >= 2 {
		msg = fmt.Sprintf("data race: %s while %s, without synchronization", accesses[0], accesses[1])
	}
	return verdictText{msg: msg, details: strings.Join(head(block, 60), "\n")}
}

// crashVerdict reads a panic or fatal error that ended the test binary.
func crashVerdict(lines []string, pkg string) verdictText {
	first := strings.TrimSpace(lines[0])
	var value []string
	value = append(value, first)
	i := 1
	for ; i < len(lines) && strings.TrimSpace(lines[i]) != "" && !strings.HasPrefix(lines[i], "goroutine "); i++ {
		value = append(value, strings.TrimSpace(lines[i]))
	}
	// The panicking goroutine is the first listed.
	var stack []string
	for ; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "goroutine ") {
			for j := i + 1; j < len(lines) && strings.TrimSpace(lines[j]) != ""; j++ {
				stack = append(stack, lines[j])
			}
			break
		}
	}
	kind, val, _ := strings.Cut(strings.Join(value, " "), ": ")
	where := ""
	if fn, loc := firstFrame(stack, pkg); fn != "?" {
		where = fmt.Sprintf(" in %s (%s)", fn, loc)
	}
	msg := fmt.Sprintf("crashed: %s%s: %s", kind, where, val)
	switch {
	case strings.Contains(val, "os.Exit"):
		msg += "; a kata must never call os.Exit"
	case kind == "panic":
		msg += "; an unrecovered panic in any goroutine ends the whole judge"
	}
	return verdictText{crash: true, msg: msg, details: strings.Join(head(lines, 40), "\n")}
}

// firstFrame returns the first function of package pkg in a stack (a function line, then
// its "file:line +0x..." line), short: "(*Foo).First", "printinorder.go:9". Without one
// it returns the first function of the stack.
func firstFrame(stack []string, pkg string) (fn, loc string) {
	fn, loc = "?", "?"
	for i := 0; i+1 < len(stack); i++ {
		f, file := strings.TrimSpace(stack[i]), strings.TrimSpace(stack[i+1])
		if !strings.Contains(file, ".go:") && !strings.HasPrefix(file, "<autogenerated>") {
			continue
		}
		i++
		if strings.HasPrefix(f, "created by ") {
			continue
		}
		if k := strings.LastIndex(f, "("); k > 0 && strings.HasSuffix(f, ")") {
			f = f[:k] // the argument list
		}
		file, _, _ = strings.Cut(file, " +")
		if strings.HasPrefix(f, pkg+".") && !strings.Contains(file, "_test.go") {
			return strings.TrimPrefix(f, pkg+"."), path2(file)
		}
		if fn == "?" {
			short := f
			if k := strings.LastIndex(short, "/"); k >= 0 {
				short = short[k+1:]
			}
			fn, loc = short, path2(file)
		}
	}
	return fn, loc
}

// path2 shortens a file path to its base name, as the judge's goroutine lists do.
func path2(file string) string {
	parts := strings.Split(strings.ReplaceAll(file, "\\", "/"), "/")
	if len(parts) > 1 {
		parts = parts[len(parts)-1:]
	}
	return strings.Join(parts, "/")
}

// buildVerdict reads the compiler's (or vet's) output.
func buildVerdict(out string) (msg, details string) {
	if strings.Contains(out, "-race requires cgo") {
		return "the race detector is not available: it needs cgo, and so a C compiler", noRace
	}
	var errs []string
	vet := false
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(l, "# [") {
			vet = true
		}
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		errs = append(errs, l)
	}
	if len(errs) == 0 {
		return "does not compile", out
	}
	if vet {
		return "go vet: " + errs[0], strings.Join(head(errs, 40), "\n")
	}
	return "does not compile: " + errs[0], strings.Join(head(errs, 40), "\n")
}

func firstLogLine(output []string) string {
	for _, l := range splitLines(output) {
		if logPrefix.MatchString(l) {
			return logPrefix.ReplaceAllString(l, "")
		}
	}
	return ""
}

func allOutput(tests []*testCase, pkgOut []string) []string {
	var out []string
	for _, tc := range tests {
		out = append(out, tc.output...)
	}
	return splitLines(append(out, pkgOut...))
}

// splitLines joins output chunks and splits them into lines, without the machine lines
// of timelines (see readVerdict), which are never shown as they are.
func splitLines(chunks []string) []string {
	s := strings.TrimRight(strings.Join(chunks, ""), "\n")
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	return slices.DeleteFunc(lines, func(l string) bool {
		return strings.HasPrefix(strings.TrimSpace(l), timeline.LinePrefix)
	})
}

func head(lines []string, n int) []string {
	if len(lines) > n {
		return append(lines[:n:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	return lines
}

func tail(lines []string, n int) string {
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// noRace says how to get the race detector, which every judge runs under: the go
// command refuses -race without cgo everywhere but macOS, and turns cgo off by itself
// where it finds no C compiler (a fresh Windows, a minimal Linux container).
const noRace = `The judge runs your code under the race detector (go test -race), which needs cgo,
and so a C compiler, on Windows and Linux (not on macOS).
  Windows: install gcc (MinGW-w64, e.g. from https://www.msys2.org or https://winlibs.com),
           put its bin folder on PATH, then run: go env -w CGO_ENABLED=1
  Linux:   install gcc (apt install gcc, dnf install gcc, apk add gcc musl-dev),
           then run: go env -w CGO_ENABLED=1
Check with: go env CGO_ENABLED (it must print 1).`
