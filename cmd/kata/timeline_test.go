package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gokata/workbook/harness/timeline"
)

// TestTimeline judges a submission whose Third does not wait for Second: the judge
// records the timeline of the failing schedule and prints it as a machine line, which
// kata test draws under the verdict, and kata grade puts in the JSON report (the
// events) and the Markdown report (a Mermaid gantt chart). The machine line itself is
// never shown.
func TestTimeline(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t)
	write(t, filepath.Join(wb, "katas/printinorder/printinorder.go"), readTestdata(t, "submissions/order/printinorder.go"))
	c := cli{dir: wb, env: map[string]string{"LANG": "en_US.UTF-8", "TERM": "xterm"}}
	res := c.run(t, "test", "printinorder", "-seed", "7")
	require.Equal(t, 1, res.code, "exit status\n%s%s", res.stdout, res.stderr)
	out := res.stdout
	assert.Contains(t, out, `FAIL printinorder: rule "schedules" broke`)
	// Third prints before Second, or while Second's print runs.
	verdict := regexp.MustCompile(`Third printed before Second|printThird called while printSecond was still running`)
	assert.Regexp(t, verdict, out)
	i, j := strings.Index(out, "The minimized schedule:"), strings.Index(out, "What each goroutine did")
	assert.True(t, i >= 0 && j > i, "the picture under the schedule:\n%s", out)
	for _, want := range []string{"goroutine 1", "calls Third", "printed third"} {
		assert.Contains(t, out, want)
	}
	assert.Regexp(t, `goroutine \d: third (before|while) second (runs )?← the rule broke here`, out)
	assert.NotContains(t, out, "\033[", "colour without a terminal")
	noRecord(t, "kata test", out)

	// ASCII where the locale is not UTF-8; colour on a terminal.
	ascii := cli{dir: wb, env: map[string]string{"LANG": "C", "TERM": "xterm", "NO_COLOR": ""}, tty: true}.run(t, "test", "printinorder", "-seed", "7")
	assert.Regexp(t, `third (before|while) second (runs )?<- the rule broke here`, ascii.stdout)
	assert.Contains(t, ascii.stdout, "\033[31m", "colour on a terminal")
	noColor := cli{dir: wb, env: map[string]string{"NO_COLOR": "1"}, tty: true}.run(t, "test", "printinorder", "-seed", "7")
	assert.Contains(t, noColor.stdout, "What each goroutine did")
	assert.NotContains(t, noColor.stdout, "\033[", "colour with NO_COLOR")
	verbose := c.run(t, "test", "printinorder", "-seed", "7", "-v")
	assert.Contains(t, verbose.stdout, "--- FAIL: TestPrintInOrder/schedules")
	assert.Equal(t, 1, strings.Count(verbose.stdout, "What each goroutine did"), "one picture with -v:\n%s", verbose.stdout)
	noRecord(t, "kata test -v", verbose.stdout)

	dir := t.TempDir()
	jsonFile, mdFile, junitFile := filepath.Join(dir, "grade.json"), filepath.Join(dir, "grade.md"), filepath.Join(dir, "grade.xml")
	res = c.run(t, "grade", "-json", jsonFile, "-markdown", mdFile, "-junit", junitFile)
	require.Equal(t, 1, res.code, "exit status of the grade\n%s%s", res.stdout, res.stderr)
	noRecord(t, "kata grade", res.stdout+res.stderr)

	doc := readFile(t, jsonFile)
	validateSchema(t, "schema/grade-report.schema.json", doc)
	noRecord(t, "the JSON report", doc)
	var rep report
	require.NoError(t, json.Unmarshal([]byte(doc), &rep))
	require.Len(t, rep.Katas, 1)
	k := rep.Katas[0]
	require.NotNil(t, k.Timeline, "the JSON report has no timeline:\n%s", doc)
	assert.NotEmpty(t, k.Timeline.Lanes)
	kinds := map[string]int{}
	for _, e := range k.Timeline.Events {
		kinds[string(e.Kind)]++
		assert.Contains(t, k.Timeline.Lanes, e.Lane)
		assert.LessOrEqual(t, e.StartSeq, e.EndSeq)
	}
	assert.Equal(t, 1, kinds["broke"], "one break: %v", kinds)
	assert.Positive(t, kinds["call"])
	assert.Positive(t, kinds["mark"])

	md := readFile(t, mdFile)
	noRecord(t, "the Markdown report", md)
	assert.Contains(t, md, "```mermaid\ngantt\n")
	assert.Contains(t, md, ":crit, milestone,")
	assert.NotContains(t, md, "What each goroutine did (time goes down", "the terminal picture in Markdown")

	xml := readFile(t, junitFile)
	noRecord(t, "the JUnit report", xml)
	assert.Regexp(t, verdict, xml)
}

// noRecord fails when s shows a timeline's record as the judge prints or attaches it.
func noRecord(t *testing.T, what, s string) {
	t.Helper()
	assert.NotContains(t, s, "kata-timeline:", "%s shows the machine line", what)
	assert.NotContains(t, s, "timeline-record:", "%s shows the attached record", what)
}

// TestJudgeRunTimeline reads the machine line of a timeline out of a verdict logged by
// harness.Check and out of a watchdog's block: the result carries the events, and the
// details never the line.
func TestJudgeRunTimeline(t *testing.T) {
	rec := timeline.Record{Lanes: []string{"goroutine 1", "judge"}, Events: []timeline.Event{
		{Lane: "goroutine 1", Kind: timeline.Call, Label: "First", StartSeq: 1, EndSeq: 2, Open: true},
	}}
	rec.Break("judge", "deadlock")
	line := rec.Line()
	for name, evs := range map[string][]event{
		"logged": events("run TestX", "run TestX/schedules",
			"output TestX/schedules     check.go:50: deadlock: First never returned",
			"output TestX/schedules         To reproduce: go test -race -run='^TestX/schedules$' -rapid.seed=3",
			"output TestX/schedules         "+line,
			"fail TestX/schedules", "fail TestX"),
		"stuck": events("run TestX", "run TestX/sequential",
			"output TestX/sequential --- FAIL: TestX/sequential (stuck)",
			"output TestX/sequential     deadlock: no progress for 5s and every goroutine is blocked",
			"output TestX/sequential     "+line,
			"output TestX/sequential FAIL"),
	} {
		res := judgeRun("printinorder", pkg, []string{"TestX"}, nil, &runResult{events: evs, exit: 1}, time.Minute)
		assert.Equal(t, statusFail, res.Status, name)
		assert.Contains(t, res.Message, "deadlock", name)
		require.NotNil(t, res.Timeline, name)
		assert.Equal(t, rec.Report(), *res.Timeline, name)
		noRecord(t, name, res.Details)
	}
}

// TestSchemaTimeline checks that the schema takes a kata's timeline as the tool writes
// it, and rejects one that is not.
func TestSchemaTimeline(t *testing.T) {
	var s map[string]any
	require.NoError(t, json.Unmarshal([]byte(readFile(t, "schema/grade-report.schema.json")), &s))
	rec := timeline.Record{Lanes: []string{"goroutine 1"}, Events: []timeline.Event{
		{Lane: "goroutine 1", Kind: timeline.Call, Label: "First", Start: time.Second, End: time.Second, StartSeq: 1, EndSeq: 1, Open: true},
	}}
	rec.Break("judge", "deadlock")
	rep := rec.Report()
	k := kataResult{Name: "printinorder", Status: statusFail, Message: "deadlock: First never returned", Rule: "schedules", Rules: []ruleResult{}, Timeline: &rep}
	r := report{Schema: reportSchema, GradedAt: fixedNow, Katas: []kataResult{k}, Ignored: []ignoredFile{}, JudgeChanges: []difference{}}
	good := string(mustJSON(t, r))
	validateSchema(t, "schema/grade-report.schema.json", good)
	for _, bad := range []string{
		strings.Replace(good, `"kind": "call"`, `"kind": "return"`, 1),
		strings.Replace(good, `"start_seq": 1,`, ``, 1),
		strings.Replace(good, `"lanes": [`, `"rows": [`, 1),
	} {
		require.NotEqual(t, good, bad)
		var v any
		require.NoError(t, json.Unmarshal([]byte(bad), &v))
		var errs []string
		validate(s, s, v, "$", &errs)
		assert.NotEmpty(t, errs, "the schema accepts %s", bad)
	}
}

// TestTimelineEnv: KATA_TIMELINE chooses the picture under kata test's verdict as it
// does under plain go test's: off shows none, ascii and unicode force the characters
// whatever the locale.
func TestTimelineEnv(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t)
	write(t, filepath.Join(wb, "katas/printinorder/printinorder.go"), readTestdata(t, "submissions/order/printinorder.go"))
	run := func(mode, lang string) string {
		res := cli{dir: wb, env: map[string]string{timeline.Env: mode, "LANG": lang, "LC_ALL": "", "LC_CTYPE": "", "TERM": "xterm"}}.run(t, "test", "printinorder", "-seed", "7")
		require.Equal(t, 1, res.code, "KATA_TIMELINE=%s: exit status\n%s%s", mode, res.stdout, res.stderr)
		assert.Contains(t, res.stdout, `FAIL printinorder: rule "schedules" broke`)
		return res.stdout
	}
	assert.NotContains(t, run("off", "en_US.UTF-8"), "What each goroutine did", "KATA_TIMELINE=off")
	ascii := run("ascii", "en_US.UTF-8")
	assert.Contains(t, ascii, "<- the rule broke here", "KATA_TIMELINE=ascii")
	assert.NotContains(t, ascii, "← the rule broke here", "KATA_TIMELINE=ascii")
	assert.Contains(t, run("unicode", "C"), "← the rule broke here", "KATA_TIMELINE=unicode")
}
