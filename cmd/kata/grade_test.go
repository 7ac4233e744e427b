package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fixture submissions of testdata/submissions, each graded as a kata of its own in one
// grade, and the verdict each must get.
var verdicts = []struct {
	kata, status, rule, message string
	review                      string // a review note it must get
}{
	{"printinorder", statusFail, "sequential", "printThird never called: got [first second], want [first second third]", ""},
	{"pass", statusPass, "", "", ""},
	{"wrong", statusFail, "sequential", "printFirst called 2 times, want once", ""},
	{"compile", statusError, "", "does not compile: katas/compile/printinorder.go:8:39: undefined: signalSecond", ""},
	{"panic", statusError, "sequential", "crashed: panic in (*Foo).First.func1 (printinorder.go:10): boom in a goroutine of mine", ""},
	{"exit", statusError, "sequential", `crashed: the test process exited with status 3 during rule "sequential"`, "imports os"},
	{"deadlock", statusFail, "sequential", "deadlock: no progress for", ""},
	{"spin", statusFail, "sequential", "busy-wait: no progress for", ""},
	{"race", statusFail, "waiting", "data race: (*Foo).", ""},
	{"forged", statusError, "", "the judge never ran: the test binary exited (status 0) before TestPrintInOrder started", "has an init function"},
	{"hang", statusError, "", "time limit exceeded: no verdict within 10s (no test had started", "has an init function"},
	{"stub", statusNotAttempted, "", "", ""},
}

// gradeTimeout is the time limit of the fixtures' grade: the hang fixture costs this much.
const gradeTimeout = 10 * time.Second

// TestGradeSubmission grades a fork with one kata per kind of verdict, whose judge files
// were edited to pass everything: the edits must change nothing, every kata must get its
// verdict, and the three reports must agree.
func TestGradeSubmission(t *testing.T) {
	t.Parallel()
	var katas []string
	for _, v := range verdicts[1:] {
		katas = append(katas, v.kata)
	}
	wb := newWorkbook(t, katas...)
	sub := t.TempDir()
	for _, v := range verdicts {
		src := filepath.Join("testdata/submissions", v.kata, "printinorder.go")
		switch v.kata {
		case "printinorder":
			src = "testdata/submissions/tampered/printinorder.go"
		case "stub":
			src = filepath.Join(wb, "katas/stub/printinorder.go")
		}
		write(t, filepath.Join(sub, "katas", v.kata, "printinorder.go"), readFile(t, src))
	}
	// The fork's edits of the judge, and files a grade does not take.
	write(t, filepath.Join(sub, "katas/printinorder/printinorder_test.go"), readTestdata(t, "submissions/tampered/printinorder_test.go"))
	write(t, filepath.Join(sub, "harness/printinordertest/check.go"), readTestdata(t, "submissions/tampered/harness/check.go"))
	write(t, filepath.Join(sub, "Makefile"), "kata:\n\t@echo PASS\n")
	write(t, filepath.Join(sub, "README.md"), "# my notes\n")
	write(t, filepath.Join(sub, "katas/nokata/nokata.go"), "package nokata\n")
	write(t, filepath.Join(sub, "go.mod"), readFile(t, filepath.Join(wb, "go.mod"))) // unchanged: not listed
	if err := os.Symlink("/etc/hostname", filepath.Join(sub, "katas/pass/link.go")); err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	jsonFile, junitFile, mdFile := filepath.Join(out, "grade.json"), filepath.Join(out, "grade.xml"), filepath.Join(out, "grade.md")
	start := time.Now()
	res := cli{dir: wb, env: map[string]string{"KATA_STALL": "2s"}}.run(t, "grade", "-submission", sub, "-label", "student",
		"-timeout", gradeTimeout.String(), "-json", jsonFile, "-junit", junitFile, "-markdown", mdFile)
	t.Logf("graded %d katas in %v", len(verdicts), time.Since(start).Round(100*time.Millisecond))
	if res.code != 1 {
		t.Errorf("exit status %d, want 1 (not every kata passes)\nstderr:\n%s", res.code, res.stderr)
	}

	var rep report
	if err := json.Unmarshal([]byte(readFile(t, jsonFile)), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]kataResult{}
	var order []string
	for _, k := range rep.Katas {
		got[k.Name] = k
		order = append(order, k.Name)
	}
	if want := "printinorder compile deadlock exit forged hang panic pass race spin stub wrong"; strings.Join(order, " ") != want {
		t.Errorf("katas in the order %q, want %q (known first, then alphabetical)", strings.Join(order, " "), want)
	}
	t.Logf("build %.1fs", rep.BuildSeconds)
	for _, v := range verdicts {
		k := got[v.kata]
		t.Logf("%-12s %-13s %5.1fs %s", k.Name, k.Status, k.Seconds, k.Message)
		if k.Status != v.status || k.Rule != v.rule || !strings.Contains(k.Message, v.message) {
			t.Errorf("%s: got %s, rule %q: %q\nwant %s, rule %q: %q\ndetails:\n%s", v.kata, k.Status, k.Rule, k.Message, v.status, v.rule, v.message, k.Details)
		}
		if v.review != "" && !strings.Contains(strings.Join(k.Review, "\n"), v.review) {
			t.Errorf("%s: review notes %q lack %q", v.kata, k.Review, v.review)
		}
	}
	if hang := got["hang"]; hang.Seconds > (gradeTimeout + time.Second).Seconds() {
		t.Errorf("the spinning kata cost %.1fs, more than its time limit %v", hang.Seconds, gradeTimeout)
	}
	if rep.Passed != 1 || rep.Total != len(verdicts) {
		t.Errorf("passed %d of %d, want 1 of %d", rep.Passed, rep.Total, len(verdicts))
	}

	wantIgnored := map[string]string{
		"katas/printinorder/printinorder_test.go": "part of the judge",
		"harness/printinordertest/check.go":       "part of the judge",
		"Makefile":                                "part of the judge",
		"README.md":                               "not part of a submission",
		"katas/nokata/nokata.go":                  "not a kata of this workbook",
		"katas/pass/link.go":                      "not a regular file",
	}
	for _, f := range rep.Ignored {
		want, ok := wantIgnored[f.Path]
		if !ok {
			t.Errorf("ignored %s (%s), which is not a change of the fork", f.Path, f.Reason)
			continue
		}
		if !strings.Contains(f.Reason, want) {
			t.Errorf("ignored %s: %q, want a reason with %q", f.Path, f.Reason, want)
		}
		delete(wantIgnored, f.Path)
	}
	for p := range wantIgnored {
		t.Errorf("%s is not listed as ignored", p)
	}
	if len(rep.JudgeChanges) != 0 {
		t.Errorf("judge changes %v in the pristine workbook, want none", rep.JudgeChanges)
	}

	validateSchema(t, "schema/grade-report.schema.json", readFile(t, jsonFile))
	checkJUnit(t, readFile(t, junitFile), &rep)
	checkMarkdown(t, readFile(t, mdFile), &rep)

	canon := canonical(rep)
	var table strings.Builder
	canon.writeTable(&table, palette{}, 100)
	golden(t, "grade.txt", normalize(table.String(), sub, wb))
	for _, v := range verdicts {
		if !regexp.MustCompile(`(?m)^` + v.kata + `\s+` + v.status + `\s`).MatchString(res.stdout) {
			t.Errorf("the score table lacks %s %s:\n%s", v.kata, v.status, res.stdout)
		}
	}
	golden(t, "grade.json", normalize(string(mustJSON(t, canon)), sub, wb))
	var md strings.Builder
	canon.markdown(&md)
	golden(t, "grade.md", normalize(md.String(), sub, wb))
	x, err := xml.MarshalIndent(canon.junit(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "grade.xml", normalize(string(x)+"\n", sub, wb))
}

// canonical is a report without what differs from run to run (times; the details:
// stacks, goroutine lists, minimized schedules; which two accesses a race report names),
// for golden files.
func canonical(r report) *report {
	r.Katas = append([]kataResult(nil), r.Katas...)
	r.BuildSeconds = 0
	// The golden files are of a grade in the sandbox; whether this machine has one, the
	// tests of sandbox_test.go see.
	r.Sandbox = sandboxState{State: sandboxOn}
	race := regexp.MustCompile(`^data race: .*`)
	for i := range r.Katas {
		k := &r.Katas[i]
		if k.Details != "" {
			k.Details = "(details)"
		}
		k.Seconds = 0
		k.Message = race.ReplaceAllString(k.Message, "data race: (the two accesses)")
		k.Rules = append([]ruleResult(nil), k.Rules...)
		for j := range k.Rules {
			k.Rules[j].Seconds = 0
			k.Rules[j].Message = race.ReplaceAllString(k.Rules[j].Message, "data race: (the two accesses)")
		}
	}
	return &r
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// checkJUnit checks that the JUnit report says what the JSON report says, kata by kata.
func checkJUnit(t *testing.T, text string, rep *report) {
	t.Helper()
	var ss junitSuites
	if err := xml.Unmarshal([]byte(text), &ss); err != nil {
		t.Fatalf("JUnit report: %v", err)
	}
	if len(ss.Suites) != len(rep.Katas) {
		t.Fatalf("JUnit report has %d suites, want one per kata (%d)", len(ss.Suites), len(rep.Katas))
	}
	tests, failures, errors, skipped := 0, 0, 0, 0
	for i, s := range ss.Suites {
		k := rep.Katas[i]
		if want := "student." + k.Name; s.Name != want {
			t.Errorf("suite %d is %q, want %q", i, s.Name, want)
		}
		var f, e, sk int
		for _, c := range s.Cases {
			if c.Name == "" || c.Classname != s.Name {
				t.Errorf("suite %s: test case %+v lacks a name or class", s.Name, c)
			}
			switch {
			case c.Failure != nil:
				f++
			case c.Error != nil:
				e++
			case c.Skipped != nil:
				sk++
			}
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %s: counts tests=%d failures=%d errors=%d skipped=%d, but its cases say %d %d %d %d", s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		status := statusPass
		switch {
		case e > 0:
			status = statusError
		case f > 0:
			status = statusFail
		case sk == len(s.Cases):
			status = statusNotAttempted
		}
		if status != k.Status {
			t.Errorf("kata %s: JUnit says %s, JSON says %s", k.Name, status, k.Status)
		}
		tests, failures, errors, skipped = tests+s.Tests, failures+f, errors+e, skipped+sk
	}
	if ss.Tests != tests || ss.Failures != failures || ss.Errors != errors || ss.Skipped != skipped {
		t.Errorf("testsuites counts %d %d %d %d, want %d %d %d %d", ss.Tests, ss.Failures, ss.Errors, ss.Skipped, tests, failures, errors, skipped)
	}
}

// checkMarkdown checks that the Markdown table has a row per kata with the JSON's verdict.
func checkMarkdown(t *testing.T, md string, rep *report) {
	t.Helper()
	rows := regexp.MustCompile(`(?m)^\| (\w+) \| ([^|]+) \|`).FindAllStringSubmatch(md, -1)
	got := map[string]string{}
	for _, r := range rows {
		got[r[1]] = strings.TrimSpace(r[2])
	}
	for _, k := range rep.Katas {
		if want := statusIcon[k.Status]; got[k.Name] != want {
			t.Errorf("Markdown row of %s says %q, want %q", k.Name, got[k.Name], want)
		}
	}
}

// TestGradeStubs grades a workbook whose katas all hold their stubs: nothing is built or
// run, and every kata is "not attempted".
func TestGradeStubs(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t, "alpha")
	res := cli{dir: wb}.run(t, "grade", "-json", filepath.Join(t.TempDir(), "r.json"))
	if res.code != 1 {
		t.Errorf("exit status %d, want 1", res.code)
	}
	for _, k := range []string{"printinorder", "alpha"} {
		if !regexp.MustCompile(`(?m)^` + k + `\s+not attempted\s+-`).MatchString(res.stdout) {
			t.Errorf("%s is not reported as not attempted:\n%s", k, res.stdout)
		}
	}
	if !strings.Contains(res.stdout, "0 of 2 katas pass") {
		t.Errorf("no score line:\n%s", res.stdout)
	}
}

// TestGradeSolutions grades the reference solution: the pass path, and exit status 0.
func TestGradeSolutions(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t)
	res := cli{dir: wb}.run(t, "grade", "-solutions")
	if res.code != 0 || !strings.Contains(res.stdout, "1 of 1 katas pass (reference solutions)") {
		t.Errorf("exit status %d, want 0; stdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
}

func TestGradeUsage(t *testing.T) {
	wb := newWorkbook(t)
	for _, args := range [][]string{
		{"grade", "extra"},
		{"grade", "-solutions", "-submission", "x"},
		{"grade", "-timeout", "0s"},
		{"grade", "-submission", "/no/such/folder"},
		{"grade", "-merge"},
		{"grade", "-nosuchflag"},
		{"grade", "-sandbox=maybe"},
	} {
		if res := (cli{dir: wb}).run(t, args...); res.code != 2 {
			t.Errorf("kata %s: exit status %d, want 2 (usage)\n%s", strings.Join(args, " "), res.code, res.stderr)
		}
	}
}

// TestMerge merges two grade reports into a class table.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	mk := func(label string, statuses ...string) string {
		r := report{Schema: reportSchema, Label: label, GradedAt: fixedNow, Katas: []kataResult{}, Ignored: []ignoredFile{}, JudgeChanges: []difference{}}
		for i, s := range statuses {
			k := kataResult{Name: []string{"foobar", "printinorder", "zeta"}[i], Status: s, Rules: []ruleResult{}}
			if s == statusFail {
				k.Rule, k.Message = "schedules", "Bar printed before Foo"
			}
			r.Katas = append(r.Katas, k)
		}
		r.count()
		p := filepath.Join(dir, label+".json")
		write(t, p, string(mustJSON(t, r)))
		return p
	}
	a := mk("alice", statusPass, statusPass, statusNotAttempted)
	b := mk("bob", statusFail, statusError)
	out := filepath.Join(dir, "class.json")
	md := filepath.Join(dir, "class.md")
	res := cli{dir: dir}.run(t, "grade", "-merge", "-json", out, "-markdown", md, a, b)
	if res.code != 0 {
		t.Fatalf("exit status %d:\n%s", res.code, res.stderr)
	}
	golden(t, "class.txt", res.stdout)
	golden(t, "class.md", readFile(t, md))
	validateSchema(t, "schema/class-report.schema.json", readFile(t, out))

	write(t, filepath.Join(dir, "bad.json"), `{"schema": "something else"}`)
	if res := (cli{dir: dir}).run(t, "grade", "-merge", "bad.json"); res.code != 1 || !strings.Contains(res.stderr, "not a grade report") {
		t.Errorf("merging a foreign file: exit status %d, stderr %q", res.code, res.stderr)
	}
}

// TestGradeRefusesLinks: a kata folder of a submission that links out of it, and a file
// that uses cgo, are refused, so a grade never reads the grader's own files.
func TestGradeRefusesLinks(t *testing.T) {
	wb := newWorkbook(t, "alpha")
	sub := t.TempDir()
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.go"), "package printinorder\n\n// a file of the grader's machine\n")
	write(t, filepath.Join(sub, "katas/README.md"), "a fork\n")
	if err := os.Symlink(outside, filepath.Join(sub, "katas/printinorder")); err != nil {
		t.Fatal(err)
	}
	// cgo: a C compiler would print the grader's files named by an #include.
	write(t, filepath.Join(sub, "katas/alpha/printinorder.go"), "package printinorder\n\n// #include \"/etc/hostname\"\nimport \"C\"\n")
	j := filepath.Join(t.TempDir(), "r.json")
	res := cli{dir: wb}.run(t, "grade", "-submission", sub, "-json", j)
	var rep report
	if err := json.Unmarshal([]byte(readFile(t, j)), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, res.stdout, res.stderr)
	}
	for _, k := range rep.Katas {
		want, msg := statusNotAttempted, ""
		if k.Name == "alpha" {
			want, msg = statusError, `refused: katas/alpha/printinorder.go uses cgo (import "C")`
		}
		if k.Status != want || !strings.HasPrefix(k.Message, msg) {
			t.Errorf("%s: %s %q, want %s %q", k.Name, k.Status, k.Message, want, msg)
		}
	}
	found := false
	for _, f := range rep.Ignored {
		found = found || f.Path == "katas/printinorder" && strings.Contains(f.Reason, "symbolic link")
	}
	if !found {
		t.Errorf("the linked kata folder is not listed as refused: %+v", rep.Ignored)
	}
}

// TestGradeClass grades three forks in one run, two named on the command line and one in
// a list file with a label: each gets its own report, the class report has a row per fork
// with the verdicts a grade of that fork alone gives, and the run exits 0 although katas
// fail (the table has the verdicts).
func TestGradeClass(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t, "alpha")
	forks := t.TempDir()
	fork := func(name, printinorder, alpha string) string {
		dir := filepath.Join(forks, name)
		write(t, filepath.Join(dir, "katas/printinorder/printinorder.go"), readTestdata(t, "submissions/"+printinorder+"/printinorder.go"))
		write(t, filepath.Join(dir, "katas/alpha/printinorder.go"), readTestdata(t, "submissions/"+alpha+"/printinorder.go"))
		return dir
	}
	alice := fork("alice", "pass", "pass")
	bob := fork("bob", "wrong", "pass")
	fork("c3", "pass", "compile")
	write(t, filepath.Join(forks, "more.txt"), "# the rest of the class\n\ncarol\tc3\ndan gone\n")
	out := t.TempDir()
	res := cli{dir: wb}.run(t, "grade", "-submission", alice, "-submission", bob, "-submission", filepath.Join(forks, "more.txt"),
		"-reports", filepath.Join(out, "reports"), "-json", filepath.Join(out, "class.json"), "-markdown", filepath.Join(out, "class.md"))
	// dan's clone failed: his row says so, the others are graded, and the exit status is 1.
	require.Equal(t, 1, res.code, "stderr:\n%s", res.stderr)
	assert.Contains(t, res.stdout, "dan could not be graded: -submission "+filepath.Join(forks, "gone")+": not a folder")

	var c classReport
	require.NoError(t, json.Unmarshal([]byte(readFile(t, filepath.Join(out, "class.json"))), &c))
	validateSchema(t, "schema/class-report.schema.json", readFile(t, filepath.Join(out, "class.json")))
	assert.Equal(t, []string{"printinorder", "alpha"}, c.Katas)
	want := map[string]map[string]string{
		"alice": {"printinorder": statusPass, "alpha": statusPass},
		"bob":   {"printinorder": statusFail, "alpha": statusPass},
		"carol": {"printinorder": statusPass, "alpha": statusError},
	}
	require.Len(t, c.Students, 4)
	assert.Equal(t, "dan", c.Students[3].Label)
	assert.Contains(t, c.Students[3].Error, "not a folder")
	for _, s := range c.Students[:3] {
		for k, status := range want[s.Label] {
			assert.Equal(t, status, s.Results[k].Status, "%s's %s", s.Label, k)
		}
		var own report
		require.NoError(t, json.Unmarshal([]byte(readFile(t, filepath.Join(out, "reports", s.Label+".json"))), &own), "%s's own report", s.Label)
		validateSchema(t, "schema/grade-report.schema.json", readFile(t, filepath.Join(out, "reports", s.Label+".json")))
		assert.Equal(t, s.Label, own.Label)
		assert.Equal(t, s.Passed, own.Passed)
	}
	assert.Contains(t, c.Students[1].Results["printinorder"].Message, "printFirst called 2 times")
	assert.Regexp(t, `(?m)^bob\s+fail\s+pass\s+1/2$`, res.stdout)
	assert.Regexp(t, `graded 3 forks in .* forks per hour`, res.stderr)
	assert.Contains(t, res.stderr, "1 fork could not be graded")
	assert.Contains(t, readFile(t, filepath.Join(out, "class.md")), "| carol | ✅ | 💥 | 1/2 |")
}

// TestGradeClassUsage: the mistakes a class grade refuses before grading anything.
func TestGradeClassUsage(t *testing.T) {
	wb := newWorkbook(t)
	a, b := t.TempDir(), t.TempDir()
	same := filepath.Join(t.TempDir(), filepath.Base(a))
	require.NoError(t, os.Mkdir(same, 0o755))
	list := filepath.Join(t.TempDir(), "forks.txt")
	write(t, list, "alice "+a+"\nbob /no/such/folder\n")
	clash := filepath.Join(t.TempDir(), "clash.txt")
	write(t, clash, "a/b "+a+"\na_b "+b+"\n")
	folded := filepath.Join(t.TempDir(), "folded.txt")
	write(t, folded, "Alice "+a+"\nalice "+b+"\n")
	empty := filepath.Join(t.TempDir(), "empty.txt")
	write(t, empty, "# nobody yet\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-submission", a, "-submission", b, "-label", "x"}, "-label names one submission"},
		{[]string{"-submission", a, "-reports", t.TempDir()}, "-reports is for several submissions"},
		{[]string{"-submission", a, "-submission", same}, "two submissions named"},
		{[]string{"-submission", clash}, `submissions "a/b" and "a_b" would share one report file, a_b.json`},
		{[]string{"-submission", folded}, `submissions "Alice" and "alice" would share one report file`},
		{[]string{"-submission", empty}, "the list names no folder"},
		{[]string{"-merge", "-submission", a, "x.json"}, "-merge reads reports"},
	} {
		res := cli{dir: wb}.run(t, append([]string{"grade"}, c.args...)...)
		assert.Equal(t, 2, res.code, "kata grade %s", strings.Join(c.args, " "))
		assert.Contains(t, res.stderr, c.want, "kata grade %s", strings.Join(c.args, " "))
	}
}

// TestGradeClassSandbox: a class grade without a sandbox says so under the table, for
// the forks it concerns, and -sandbox=require refuses before grading any fork.
func TestGradeClassSandbox(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t)
	forks := t.TempDir()
	for _, name := range []string{"ann", "ben"} {
		write(t, filepath.Join(forks, name, "katas/printinorder/printinorder.go"), readTestdata(t, "submissions/pass/printinorder.go"))
	}
	subs := []string{"grade", "-submission", filepath.Join(forks, "ann"), "-submission", filepath.Join(forks, "ben")}
	off := map[string]string{envSandboxUnavailable: "no namespaces in this test"}

	res := cli{dir: wb, env: off}.run(t, append(subs, "-sandbox=require")...)
	assert.Equal(t, 1, res.code, "stderr:\n%s", res.stderr)
	assert.Contains(t, res.stderr, "sandbox unavailable (no namespaces in this test)")
	assert.NotContains(t, res.stderr, "ann", "no fork may be graded")

	md := filepath.Join(t.TempDir(), "class.md")
	res = cli{dir: wb, env: off}.run(t, append(subs, "-markdown", md)...)
	require.Equal(t, 0, res.code, "stderr:\n%s", res.stderr)
	assert.Contains(t, res.stdout, "sandbox: unavailable (no namespaces in this test): ann, ben")
	assert.Contains(t, readFile(t, md), "sandbox: unavailable (no namespaces in this test): ann, ben")
}

// TestGradeInterrupted: Ctrl-C stops a grade, of one fork or a class, with a plain
// "interrupted", not as if a fork could not be graded.
func TestGradeInterrupted(t *testing.T) {
	wb := newWorkbook(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a, b := t.TempDir(), t.TempDir()
	for _, args := range [][]string{{"grade"}, {"grade", "-submission", a, "-submission", b}} {
		res := cli{dir: wb, ctx: ctx}.run(t, args...)
		assert.Equal(t, 1, res.code, args)
		assert.Equal(t, "kata grade: interrupted\n", res.stderr, args)
	}
}
