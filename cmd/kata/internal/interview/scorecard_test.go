package interview

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestBest(t *testing.T) {
	_, ok := Best(nil)
	assert.False(t, ok)
	best, ok := Best([]Scorecard{{Passed: false, Seconds: 10}, {Passed: true, Seconds: 700.4}, {Passed: true, Seconds: 400}})
	assert.True(t, ok)
	assert.Equal(t, 400*time.Second, best)
}

func TestBrokenInOrder(t *testing.T) {
	assert.Equal(t, "", BrokenInOrder(nil))
	assert.Equal(t, "schedules (2), then does not compile, then schedules",
		BrokenInOrder([]string{"schedules", "schedules", "does not compile", "schedules"}))
}

func TestReadout(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0:00", 7*time.Minute + 5*time.Second: "7:05", 45 * time.Minute: "45:00",
		time.Hour + 2*time.Minute + 3*time.Second: "1:02:03", -time.Second: "0:00",
	} {
		assert.Equal(t, want, Readout(d), "%v", d)
	}
}

func TestPrint(t *testing.T) {
	var b strings.Builder
	Scorecard{Minutes: 45, Passed: true, Seconds: 425, Attempts: 3, Broken: []string{"schedules", "schedules"}}.
		Print(&b, "latch", "medium", []string{"Why not a sync.Cond?", "What if Wait took no context?"})
	assert.Equal(t, `
Scorecard: latch (medium)
  result         passed in 7:05 (of 45:00)
  attempts       3
  rules broken   schedules (2)

Follow-up questions, as an interviewer would ask them:
  1. Why not a sync.Cond?
  2. What if Wait took no context?
`, b.String())

	b.Reset()
	Scorecard{Minutes: 45, Seconds: 60}.Print(&b, "latch", "", []string{strings.Repeat("Why not a sync.Cond here? ", 5)})
	assert.Equal(t, `  1. Why not a sync.Cond here? Why not a sync.Cond here? Why not a sync.Cond
     here? Why not a sync.Cond here? Why not a sync.Cond here?
`, b.String()[strings.Index(b.String(), "  1."):], "a long question wraps at 80 columns")

	b.Reset()
	Scorecard{Minutes: 1, Seconds: 60}.Print(&b, "foobar", "", nil)
	assert.Contains(t, b.String(), "Scorecard: foobar\n")
	assert.Contains(t, b.String(), "not passed (1:00 used of 1:00)")
	assert.Contains(t, b.String(), "rules broken   none")
	assert.Contains(t, b.String(), "foobar has no follow-up questions yet.")
}

func TestPick(t *testing.T) {
	names := []string{"printinorder", "foobar", "latch"}
	passed := map[string]bool{"printinorder": true}
	assert.Equal(t, "foobar", Pick(names, func(n string) bool { return passed[n] }, nil))
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		assert.Contains(t, []string{"foobar", "latch"}, Pick(names, func(n string) bool { return passed[n] }, rnd))
	}
	assert.Equal(t, "", Pick(names, func(string) bool { return true }, nil))
}

func TestQuestions(t *testing.T) {
	for _, tc := range []struct {
		name, section string
		want          []string
	}{
		{"numbered", "## Follow-ups\n\nAsk these:\n\n1. Why a channel?\n2. What if n is\n   a million?\n3) And with two\nwriters?\n", []string{"Why a channel?", "What if n is a million?", "And with two writers?"}},
		{"bullets", "- One?\n\n  Still one.\n- Two?\n* Three?\n", []string{"One? Still one.", "Two?", "Three?"}},
		{"paragraphs", "## Follow-ups\n\nWhy?\nReally why?\n\nHow?\n", []string{"Why? Really why?", "How?"}},
		{"code left out", "1. Why\n```go\nx := 1\n```\n2. How\n", []string{"Why", "How"}},
		{"empty", "## Follow-ups\n", nil},
		{"crlf", "- a\r\n- b\r\n", []string{"a", "b"}},
	} {
		assert.Equal(t, tc.want, Questions(tc.section), tc.name)
	}
}
