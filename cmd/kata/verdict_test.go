package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// events builds test2json events from lines "action test [output]".
func events(lines ...string) []event {
	var evs []event
	for _, l := range lines {
		action, rest, _ := strings.Cut(l, " ")
		test, out, _ := strings.Cut(rest, " ")
		if test == "-" {
			test = ""
		}
		ev := event{Action: action, Test: test}
		if action == "output" {
			ev.Output = out + "\n"
		}
		evs = append(evs, ev)
	}
	return evs
}

const pkg = "github.com/gokata/workbook/katas/printinorder"

func TestJudgeRunSynthetic(t *testing.T) {
	for _, tc := range []struct {
		name     string
		tops     []string
		events   []event
		exit     int
		timedOut bool
		status   string
		rule     string
		message  string
	}{
		{
			name:   "a pass",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "pass TestX/a", "run TestX/b", "pass TestX/b", "pass TestX"),
			status: statusPass,
		},
		{
			name:   "a race found at the end of the top-level test",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "pass TestX/a", "output TestX     testing.go:1617: race detected during execution of test", "fail TestX"),
			exit:   1, status: statusFail, message: "race detected during execution of test",
		},
		{
			name:   "os.Exit(0) after the rules",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "pass TestX/a"),
			exit:   0, status: statusError, message: "",
		},
		{
			name:   "os.Exit(2) after the rules",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "pass TestX/a"),
			exit:   2, status: statusError, message: "exited with status 2 after the judge's rules ran",
		},
		{
			name:   "the time limit in a rule",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "pass TestX/a", "run TestX/b"),
			exit:   -1, timedOut: true, status: statusError, rule: "b",
			message: `time limit exceeded: no verdict within 1m0s (rule "b" was still running)`,
		},
		{
			name:   "the binary's own timeout",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "output TestX/a panic: test timed out after 54s", "output TestX/a \trunning tests:", "output TestX/a \t\tTestX/a (54s)", "fail TestX/a"),
			exit:   2, status: statusError, rule: "a", message: "time limit exceeded: test timed out after 54s (still running: TestX/a (54s))",
		},
		{
			name:   "two top-level tests name their rules in full",
			tops:   []string{"TestX", "TestY"},
			events: events("run TestX", "run TestX/a", "pass TestX/a", "pass TestX", "run TestY", "run TestY/a", "output TestY/a     check.go:9: wrong", "fail TestY/a", "fail TestY"),
			exit:   1, status: statusFail, rule: "TestY/a", message: "wrong",
		},
		{
			name:   "-count 2: the second run fails",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "pass TestX/a", "pass TestX", "run TestX", "run TestX/a", "output TestX/a     check.go:9: flaky", "fail TestX/a", "fail TestX"),
			exit:   1, status: statusFail, rule: "a", message: "flaky",
		},
		{
			name:   "a fatal error",
			tops:   []string{"TestX"},
			events: events("run TestX", "run TestX/a", "output TestX/a fatal error: concurrent map writes", "output TestX/a ", "output TestX/a goroutine 7 [running]:", "output TestX/a "+pkg+".(*Foo).First(...)", "output TestX/a \t"+pkg+"/printinorder.go:12 +0x2b"),
			exit:   2, status: statusError, rule: "a", message: "crashed: fatal error in (*Foo).First (printinorder.go:12): concurrent map writes",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &runResult{events: tc.events, exit: tc.exit, timedOut: tc.timedOut}
			got := judgeRun("x", pkg, tc.tops, &build{bin: "x.test"}, r, time.Minute)
			assert.Equal(t, tc.status, got.Status, "status")
			assert.Equal(t, tc.rule, got.Rule, "rule")
			assert.Contains(t, got.Message, tc.message, "message")
		})
	}
}

func TestBuildVerdict(t *testing.T) {
	msg, _ := buildVerdict("# example.com/k\n# [example.com/k]\nk.go:5:41: fmt.Sprintf format %d has arg \"x\" of wrong type string\n")
	assert.Equal(t, `go vet: k.go:5:41: fmt.Sprintf format %d has arg "x" of wrong type string`, msg, "vet")
	msg, _ = buildVerdict("# example.com/k [example.com/k.test]\nk.go:3:1: syntax error: unexpected EOF\n")
	assert.Equal(t, "does not compile: k.go:3:1: syntax error: unexpected EOF", msg, "compile")
}

func TestProgressDescribe(t *testing.T) {
	p := &progress{Katas: map[string]*kataProgress{}}
	start := fixedNow
	p.record("k", false, start)
	assert.Equal(t, "failing (1 attempt)", p.Katas["k"].describe(false), "after a failure")
	p.record("k", true, start.Add(3*time.Hour+20*time.Minute))
	assert.Equal(t, "passing since 2026-03-14, 3h20m after the first attempt", p.Katas["k"].describe(false), "after a pass")
	p.record("k", false, start.Add(50*time.Hour))
	assert.Equal(t, "failing (passed on 2026-03-14; 3 attempts)", p.Katas["k"].describe(false), "after a pass and a failure")
	var none *kataProgress
	assert.Equal(t, "not started", none.describe(true), "nothing")
}
