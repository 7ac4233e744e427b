package harness_test

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/waiters"
	"github.com/gokata/workbook/harness/timeline"
)

// failing returns a verdict with a timeline attached: goroutine 2 printed before
// goroutine 1 at 1s of fake time.
func failing(t *testing.T, n int) string {
	var msg string
	synctest.Test(t, func(t *testing.T) {
		tl := timeline.New()
		tl.Lanes("goroutine 1", "goroutine 2")
		sp := tl.Begin("goroutine 2", timeline.Call, "Second")
		time.Sleep(time.Second)
		tl.Mark("goroutine 2", "printed second")
		sp.End("returned")
		tl.Begin("goroutine 1", timeline.Call, "First")
		tl.Broke("goroutine 2", "second before first")
		msg = tl.Attach("Second printed before First: n = " + string(rune('0'+n)))
	})
	return msg
}

func TestDraw(t *testing.T) {
	t.Setenv(timeline.Env, "")
	t.Setenv("LANG", "C.UTF-8")
	got := harness.Draw(failing(t, 1))
	assert.True(t, strings.HasPrefix(got, "Second printed before First: n = 1\nWhat each goroutine did"), got)
	assert.Contains(t, got, "goroutine 2: second before first ← the rule broke here")
	assert.Contains(t, got, "still running when the run ended: goroutine 1 in First")
	assert.NotContains(t, got, "timeline-record")

	t.Setenv("LANG", "C")
	assert.Contains(t, harness.Draw(failing(t, 1)), "goroutine 2: second before first <- the rule broke here", "ASCII where the locale is not UTF-8")

	t.Setenv(timeline.Env, "record")
	got = harness.Draw(failing(t, 1))
	v, line, _ := strings.Cut(got, "\n")
	assert.Equal(t, "Second printed before First: n = 1", v)
	r, ok := timeline.ParseLine(line)
	require.True(t, ok, "the machine line: %q", line)
	assert.Equal(t, []string{"goroutine 1", "goroutine 2"}, r.Lanes)

	t.Setenv(timeline.Env, "off")
	assert.Equal(t, "Second printed before First: n = 1", harness.Draw(failing(t, 1)))
	assert.Equal(t, "no timeline", harness.Draw("no timeline"))
}

// TestCheckTimeline runs a failing property whose verdicts carry timelines in a child
// process: the report reads verdict, replay, schedule, then the picture of the replayed
// schedule, and never the attached record.
func TestCheckTimeline(t *testing.T) {
	if os.Getenv("HARNESS_CHILD") == "1" {
		harness.Check(t, 100, func(rt *rapid.T) {
			n := rapid.IntRange(0, 9).Draw(rt, "n")
			if n >= 3 {
				rt.Fatal(failing(t, n))
			}
		})
		return
	}
	for _, mode := range []string{"unicode", "record"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCheckTimeline$")
		cmd.Env = append(os.Environ(), "HARNESS_CHILD=1", timeline.Env+"="+mode)
		out, err := cmd.CombinedOutput()
		require.Error(t, err, "the failing property passed:\n%s", out)
		s := string(out)
		assert.NotContains(t, s, "timeline-record", "the attached record is shown raw")
		// rapid's shrinker usually brings n down to 3, but on about 1 seed in 70 it
		// stops at a larger n (its draw of a small range has local minima), so the
		// test asks for the verdict of the schedule shown, not for n = 3.
		m := regexp.MustCompile(`(?s)Second printed before First: n = ([3-9])\n.*The minimized schedule:\n\s*draw n: ([0-9])\n`).FindStringSubmatch(s)
		require.NotNil(t, m, "the minimized verdict, then the schedule:\n%s", s)
		require.Equal(t, m[2], m[1], "the verdict is the minimized schedule's:\n%s", s)
		j := strings.Index(s, "The minimized schedule:")
		switch mode {
		case "unicode":
			k := strings.Index(s, "What each goroutine did")
			assert.Greater(t, k, j, "the picture after the schedule:\n%s", s)
			assert.Contains(t, s, "goroutine 2: second before first ← the rule broke here")
			assert.NotContains(t, s, "kata-timeline:")
		case "record":
			assert.Equal(t, 1, strings.Count(s, "kata-timeline: "), "one machine line:\n%s", s)
			assert.NotContains(t, s, "What each goroutine did")
		}
	}
}

func TestWatchdogTimeline(t *testing.T) {
	var out bytes.Buffer
	exited := make(chan struct{})
	oldExit, oldStderr, oldDeadline := harness.Exit, harness.Stderr, harness.Deadline
	harness.Exit, harness.Stderr, harness.Deadline = func() { close(exited) }, &out, 300*time.Millisecond
	defer func() { harness.Exit, harness.Stderr, harness.Deadline = oldExit, oldStderr, oldDeadline }()
	t.Setenv(timeline.Env, "unicode")

	stop := make(chan struct{})
	defer close(stop)
	go waiters.Block(stop)
	w := harness.StartWatchdog(t, pkg)
	w.Notef("waiting for nothing")
	tl := timeline.New()
	w.Record(tl)
	tl.Begin("goroutine 1", timeline.Call, "Block")
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the watchdog did not end a run without progress")
	}
	w.Stop()
	s := out.String()
	assert.Contains(t, s, "    What each goroutine did")
	assert.Contains(t, s, "judge: deadlock: no progress ← the rule broke here")
	assert.Contains(t, s, "never returned: goroutine 1 in Block")
	assert.Less(t, strings.Index(s, "What each goroutine did"), strings.Index(s, "\nFAIL\n"))
}
