package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gokata/workbook/cmd/kata/internal/interview"
)

// answerWorkbook is a workbook with the tiny kata answer (a judge that builds and runs in
// a second or two) after printinorder.
func answerWorkbook(t *testing.T) string {
	t.Helper()
	wb := newWorkbook(t)
	for _, f := range []string{"answer.go", "answer_test.go", "README.md"} {
		write(t, filepath.Join(wb, "katas/answer", f), readTestdata(t, "answer/"+f))
	}
	m, err := computeManifest(wb)
	require.NoError(t, err)
	require.NoError(t, m.save(wb))
	return wb
}

// saveAnswer writes the learner's file of answer, as an editor saves it.
func saveAnswer(t *testing.T, wb, fixture string) {
	t.Helper()
	write(t, filepath.Join(wb, "katas/answer/answer.go"), readTestdata(t, "answer/"+fixture))
}

// A lockedBuffer is a bytes buffer that a command writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A liveCLI is the tool running in-process in the background, as a learner leaves
// kata watch running while editing.
type liveCLI struct {
	stdout, stderr lockedBuffer
	cancel         context.CancelFunc // Ctrl-C
	done           chan int           // the exit status
}

func startCLI(t *testing.T, dir string, args ...string) *liveCLI {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	l := &liveCLI{cancel: cancel, done: make(chan int, 1)}
	e := &env{ctx: ctx, stdout: &l.stdout, stderr: &l.stderr, stdin: strings.NewReader(""), dir: dir,
		getenv: os.Getenv, now: func() time.Time { return fixedNow }, tty: func(io.Writer) bool { return false }}
	go func() { l.done <- run(e, args) }()
	t.Cleanup(func() {
		cancel()
		<-l.done
	})
	return l
}

// waitFor waits until the output holds want n times (a judge run takes seconds).
func (l *liveCLI) waitFor(t *testing.T, want string, n int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for strings.Count(l.stdout.String(), want) < n {
		select {
		case code := <-l.done:
			l.done <- code
			t.Fatalf("the command ended (exit status %d) before printing %q %d times:\n%s\nstderr:\n%s", code, want, n, l.stdout.String(), l.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q (%d times) in the output:\n%s", want, n, l.stdout.String())
		}
	}
}

// exit waits for the command to end and returns its exit status.
func (l *liveCLI) exit(t *testing.T) int {
	t.Helper()
	select {
	case code := <-l.done:
		l.done <- code
		return code
	case <-time.After(2 * time.Minute):
		t.Fatalf("the command did not end:\n%s", l.stdout.String())
		return -1
	}
}

func readProgress(t *testing.T, wb string) *progress {
	t.Helper()
	p, err := loadProgress(wb)
	require.NoError(t, err)
	return p
}

// TestWatch judges the stub at once, then a save of a wrong answer, then of a right one,
// and stops on Ctrl-C with exit status 0.
func TestWatch(t *testing.T) {
	t.Parallel()
	wb := answerWorkbook(t)
	w := startCLI(t, wb, "watch", "answer", "-poll", "10ms")
	w.waitFor(t, `ERROR answer: crashed`, 1) // the stub panics
	saveAnswer(t, wb, "wrong.go.txt")
	w.waitFor(t, `FAIL answer: rule "value" broke`, 1)
	w.waitFor(t, "Answer() = 41, want 42", 1)
	saveAnswer(t, wb, "right.go.txt")
	w.waitFor(t, "PASS answer: 1 rule holds", 1)
	w.cancel()
	require.Equal(t, 0, w.exit(t), w.stderr.String())

	out := w.stdout.String()
	assert.True(t, strings.HasPrefix(out, "Watching katas"+string(filepath.Separator)+"answer"), out)
	assert.Regexp(t, `(?m)^\d+:\d\d  PASS answer: 1 rule holds \(\d+\.\ds\)$`, out)
	// The stub's run does not count; the two saves do.
	kp := readProgress(t, wb).Katas["answer"]
	require.NotNil(t, kp)
	assert.Equal(t, 2, kp.Attempts)
	assert.Equal(t, statusPass, kp.LastResult)
}

// TestInterviewPass: kata interview picks the first kata not passed, prints its statement
// without hints or follow-ups, judges each save, and ends at the pass with a scorecard
// and the follow-up questions; the scorecard is kept, kata list shows the best time and
// kata show the follow-ups from then on.
func TestInterviewPass(t *testing.T) {
	t.Parallel()
	wb := answerWorkbook(t)
	first := fixedNow.Add(-time.Hour)
	p := &progress{Version: 1, Katas: map[string]*kataProgress{
		"printinorder": {FirstAttempt: first, LastAttempt: first, Attempts: 1, LastResult: statusPass, FirstPass: &first},
	}}
	require.NoError(t, p.save(wb))
	c := cli{dir: wb}
	before := c.run(t, "show", "answer")
	assert.NotContains(t, before.stdout, "Why 42?")
	assert.Contains(t, before.stdout, "Its follow-up questions come after an interview: kata interview answer")

	iv := startCLI(t, wb, "interview", "-minutes", "10", "-poll", "10ms")
	iv.waitFor(t, "every save is judged", 1)
	out := iv.stdout.String()
	assert.Contains(t, out, "Interview: answer (easy), 10:00 to pass the judge.")
	assert.Contains(t, out, "Return 42.")
	for _, hidden := range []string{"Six times seven", "Follow-ups", "Why 42?"} {
		assert.NotContains(t, out, hidden, "the statement shows it")
	}
	saveAnswer(t, wb, "wrong.go.txt")
	iv.waitFor(t, `FAIL answer: rule "value" broke`, 1)
	saveAnswer(t, wb, "right.go.txt")
	require.Equal(t, 0, iv.exit(t), iv.stderr.String())

	out = iv.stdout.String()
	assert.Regexp(t, `\[\d+:\d\d elapsed, \d+:\d\d left\] FAIL answer: rule "value" broke\n    Answer\(\) = 41, want 42\n`, out)
	assert.Regexp(t, `\[\d+:\d\d elapsed, \d+:\d\d left\] PASS answer: 1 rule holds`, out)
	assert.Regexp(t, `Scorecard: answer \(easy\)\n  result         passed in \d+:\d\d \(of 10:00\)\n  attempts       2\n  rules broken   value\n`, out)
	assert.Contains(t, out, "Follow-up questions, as an interviewer would ask them:\n  1. Why 42?\n  2. What is the question?\n  3. Would 41 do on a Tuesday?\n")

	kp := readProgress(t, wb).Katas["answer"]
	require.NotNil(t, kp)
	require.Len(t, kp.Interviews, 1)
	card := kp.Interviews[0]
	assert.True(t, card.Passed)
	assert.Equal(t, 2, card.Attempts)
	assert.Equal(t, []string{"value"}, card.Broken)
	assert.Equal(t, 10.0, card.Minutes)
	assert.Equal(t, fixedNow, card.Started.UTC())

	list := c.run(t, "list")
	assert.Regexp(t, `2\. answer        easy  passing since 2026-03-14, 0s after the first attempt; best interview \d+:\d\d\n`, list.stdout)
	after := c.run(t, "show", "answer")
	assert.Contains(t, after.stdout, "## Follow-ups\n\nAsk one at a time:\n\n- Why 42?")
	assert.NotContains(t, after.stdout, "Six times seven")
}

// TestInterviewTimeUp: with no pass in the time allowed, the scorecard says "not passed",
// the exit status is 1, and the follow-ups are shown by kata show from then on.
func TestInterviewTimeUp(t *testing.T) {
	t.Parallel()
	wb := answerWorkbook(t)
	iv := startCLI(t, wb, "interview", "answer", "-minutes", "0.02", "-poll", "10ms")
	require.Equal(t, 1, iv.exit(t), iv.stderr.String())
	out := iv.stdout.String()
	assert.Regexp(t, `\[0:01 elapsed, 0:00 left\] time is up\n`, out)
	assert.Contains(t, out, "  result         not passed (0:01 used of 0:01)\n  attempts       0\n  rules broken   none\n")
	assert.Contains(t, out, "  1. Why 42?")

	kp := readProgress(t, wb).Katas["answer"]
	require.NotNil(t, kp)
	require.Len(t, kp.Interviews, 1)
	assert.False(t, kp.Interviews[0].Passed)
	list := cli{dir: wb}.run(t, "list")
	assert.Contains(t, list.stdout, "not started; interviewed once, not passed")
	assert.Contains(t, cli{dir: wb}.run(t, "show", "answer").stdout, "- Why 42?")
}

// TestInterviewInterrupted: Ctrl-C gives up: exit status 1, no scorecard.
func TestInterviewInterrupted(t *testing.T) {
	t.Parallel()
	wb := answerWorkbook(t)
	iv := startCLI(t, wb, "interview", "answer", "-poll", "10ms")
	iv.waitFor(t, "every save is judged", 1)
	iv.cancel()
	require.Equal(t, 1, iv.exit(t))
	assert.Contains(t, iv.stderr.String(), "kata interview: interrupted after 0:00: no scorecard")
	assert.Nil(t, readProgress(t, wb).Katas["answer"])
}

func TestInterviewUsage(t *testing.T) {
	wb := answerWorkbook(t)
	c := cli{dir: wb}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"interview", "-minutes", "0"}, "-minutes must be more than 0"},
		{[]string{"interview", "-minutes", "NaN"}, "-minutes must be more than 0"},
		{[]string{"interview", "a", "b"}, "too many arguments"},
		{[]string{"interview", "nosuch"}, `unknown kata "nosuch"`},
		{[]string{"watch"}, "missing kata name"},
		{[]string{"watch", "answer", "-poll", "0s"}, "-poll must be positive"},
	} {
		res := c.run(t, tc.args...)
		assert.Equal(t, 2, res.code, "kata %s", strings.Join(tc.args, " "))
		assert.Contains(t, res.stderr, tc.want, "kata %s", strings.Join(tc.args, " "))
	}
	// Every kata passed: nothing to pick.
	pass := fixedNow
	p := &progress{Version: 1, Katas: map[string]*kataProgress{}}
	for _, n := range []string{"printinorder", "answer"} {
		p.Katas[n] = &kataProgress{Attempts: 1, LastResult: statusPass, FirstAttempt: pass, FirstPass: &pass}
	}
	require.NoError(t, p.save(wb))
	res := c.run(t, "interview")
	assert.Equal(t, 1, res.code)
	assert.Contains(t, res.stderr, "you have passed every kata")
}

// TestProgressCompatible: a progress file written before interviews loads, and one with
// scorecards round-trips.
func TestProgressCompatible(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, progressFile), `{
  "version": 1,
  "katas": {
    "latch": {"first_attempt": "2026-03-01T10:00:00Z", "last_attempt": "2026-03-02T10:00:00Z", "attempts": 3, "last_result": "pass", "first_pass": "2026-03-02T10:00:00Z", "hints_seen": 1}
  }
}
`)
	p := readProgress(t, dir)
	require.Equal(t, 3, p.Katas["latch"].Attempts)
	assert.Empty(t, p.Katas["latch"].Interviews)
	assert.Equal(t, "", p.Katas["latch"].interviewNote())

	p.Katas["latch"].Interviews = []interview.Scorecard{
		{Started: fixedNow, Minutes: 45, Passed: true, Seconds: 725, Attempts: 4, Broken: []string{"schedules"}},
		{Started: fixedNow, Minutes: 30, Passed: true, Seconds: 425, Attempts: 1},
	}
	require.NoError(t, p.save(dir))
	b, err := os.ReadFile(filepath.Join(dir, progressFile))
	require.NoError(t, err)
	var again progress
	require.NoError(t, json.Unmarshal(b, &again))
	assert.Equal(t, p.Katas["latch"].Interviews, again.Katas["latch"].Interviews)
	assert.Equal(t, "; best interview 7:05", again.Katas["latch"].interviewNote())
	assert.Contains(t, string(b), `"interviews": [`)
}

// TestResetKeepsScorecards: kata reset forgets the progress but the interview scorecards.
func TestResetKeepsScorecards(t *testing.T) {
	wb := answerWorkbook(t)
	p := &progress{Version: 1, Katas: map[string]*kataProgress{
		"answer": {Attempts: 2, LastResult: statusFail, Interviews: []interview.Scorecard{{Minutes: 45, Seconds: 2700, Attempts: 2}}},
	}}
	require.NoError(t, p.save(wb))
	res := cli{dir: wb}.run(t, "reset", "answer", "-force")
	require.Equal(t, 0, res.code, res.stderr)
	kp := readProgress(t, wb).Katas["answer"]
	require.NotNil(t, kp)
	assert.Equal(t, 0, kp.Attempts)
	assert.Len(t, kp.Interviews, 1)
}

func TestKataTable(t *testing.T) {
	rows := parseKataTable(`# Workbook

| kata | difficulty | origin | summary |
| --- | --- | --- | --- |
| [latch](katas/latch/README.md) | Medium | Java's CountDownLatch | a latch |
| plain | hard | somewhere | no link |

| kata | verdict | time |
| --- | --- | --- |
| latch | fail | 1s |

| kata | origin | summary |
| --- | --- | --- |
| [foobar](katas/foobar/README.md) | LeetCode 1115 | turns |
| [broken](x) | too | many | cells |

| latch | outside | any | table |
`)
	assert.Equal(t, map[string]tableRow{
		"latch":  {origin: "Java's CountDownLatch", summary: "a latch", difficulty: "medium"},
		"plain":  {origin: "somewhere", summary: "no link", difficulty: "hard"},
		"foobar": {origin: "LeetCode 1115", summary: "turns"},
	}, rows)
}

// TestDifficulties: every kata of the workbook has a difficulty, easy, medium or hard,
// in the README's table, and the known table says the same.
func TestDifficulties(t *testing.T) {
	w, err := findWorkbook(repoRoot(t))
	require.NoError(t, err)
	table := w.kataTable()
	ks, err := w.katas()
	require.NoError(t, err)
	require.NotEmpty(t, ks)
	for _, k := range ks {
		assert.Contains(t, []string{"easy", "medium", "hard"}, table[k.name].difficulty, "%s: the README's kata table gives no difficulty (easy, medium or hard)", k.name)
		for _, kn := range known {
			if kn.name == k.name {
				assert.Equal(t, table[k.name].difficulty, kn.difficulty, "%s: the known table and the README disagree", k.name)
			}
		}
	}
}

// TestShowFollowups: kata show keeps the follow-up questions for after an interview;
// kata hint is not changed by them.
func TestShowFollowups(t *testing.T) {
	wb := listWorkbook(t)
	c := cli{dir: wb}
	res := c.run(t, "show", "printinorder")
	require.Equal(t, 0, res.code)
	assert.Contains(t, res.stdout, "*Difficulty: easy.*")
	assert.NotContains(t, res.stdout, "Why does a closed channel")
	assert.Contains(t, res.stdout, "## Credits")
	assert.Contains(t, res.stdout, "Its follow-up questions come after an interview: kata interview printinorder\n")
	assert.Equal(t, "Close a channel.", parseReadme(readTestdata(t, "workbook/printinorder.md")).hints[1])
	assert.NotContains(t, c.run(t, "hint", "printinorder", "2").stdout, "Follow-ups")

	p := &progress{Version: 1, Katas: map[string]*kataProgress{
		"printinorder": {Interviews: []interview.Scorecard{{Started: fixedNow, Minutes: 45, Seconds: 2700}}},
	}}
	require.NoError(t, p.save(wb))
	res = c.run(t, "show", "printinorder")
	assert.Contains(t, res.stdout, "## Follow-ups\n\n1. Why does a closed channel wake every waiter, and a sent value only one?\n")
	assert.NotContains(t, res.stdout, "come after an interview")
	assert.NotContains(t, res.stdout, "Close a channel")

	// A kata without the section: nothing about follow-ups.
	res = c.run(t, "show", "alpha")
	assert.NotContains(t, res.stdout, "follow-up")
}

// TestHelpWatchInterview: the help of the two commands says what they do and their flags.
func TestHelpWatchInterview(t *testing.T) {
	c := cli{dir: t.TempDir()}
	res := c.run(t, "help", "watch")
	require.Equal(t, 0, res.code)
	assert.True(t, strings.HasPrefix(res.stdout, "usage: kata watch NAME [-poll D]\n"), res.stdout)
	assert.Contains(t, res.stdout, "A save while the judge runs stops that run")
	assert.Contains(t, res.stdout, "-poll D")
	res = c.run(t, "help", "interview")
	require.Equal(t, 0, res.code)
	assert.True(t, strings.HasPrefix(res.stdout, "usage: kata interview [NAME] [-minutes M] [-random] [-poll D]\n"), res.stdout)
	for _, want := range []string{"(default 45)", "-random", "scorecard", "follow-up questions"} {
		assert.Contains(t, res.stdout, want)
	}
	usage := c.run(t, "help").stdout
	assert.Contains(t, usage, "\twatch     judge a kata again on every save of your files\n")
	assert.Contains(t, usage, "\tinterview solve a kata against the clock")
}
