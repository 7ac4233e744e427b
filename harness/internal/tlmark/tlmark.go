// Package tlmark helps checkers finish a run's timeline once its bubble is over.
package tlmark

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// Judge is the lane of the judge's own goroutine.
const Judge = "judge"

// Broke records where the rule broke, at the last moment of the run, once the run's
// bubble is over (a rule checked after the run, a deadlock, a leak). Outside the bubble
// time.Now is real time, so it records from a new bubble, whose fake clock starts at the
// same instant as the run's (midnight UTC 2000-01-01) and sleeps to the run's last
// moment: tl must have been made at the very start of the run's bubble.
func Broke(t *testing.T, tl *timeline.Timeline, lane, label string) {
	if tl == nil {
		return
	}
	var last time.Duration
	for _, e := range tl.Events() {
		last = max(last, e.End)
	}
	synctest.Test(t, func(*testing.T) {
		time.Sleep(last)
		tl.Broke(lane, label)
	})
}

// Stuck records a deadlock or a leak in the judge's lane (see Broke); the calls that
// never returned stay open.
func Stuck(t *testing.T, tl *timeline.Timeline, s *harness.Stuck) {
	if s.Leak {
		Broke(t, tl, Judge, "goroutine leak")
		return
	}
	Broke(t, tl, Judge, "deadlock")
}

// MaxLabel is the longest label Label returns, in characters.
const MaxLabel = 24

// Label returns a short label for a verdict: its rule (the first line up to the first
// colon), cut to MaxLabel characters.
func Label(verdict string) string {
	v, _ := timeline.Split(verdict)
	line, _, _ := strings.Cut(v, "\n")
	rule, _, _ := strings.Cut(line, ":")
	return Cut(rule, MaxLabel)
}

// Cut cuts s to n characters, ending with "…" when it was longer.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Append returns verdict with text added to its end, before the timeline attached to it
// (if any), so that the timeline stays attached.
func Append(verdict, text string) string {
	v, _ := timeline.Split(verdict)
	return v + text + verdict[len(v):]
}
