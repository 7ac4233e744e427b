package fizzbuzztest

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/internal/turns"
	"github.com/gokata/workbook/harness/timeline/timelinetest"
	waitend "github.com/gokata/workbook/solutions/fizzbuzz/variants/bad/waitend"
)

// TestTimeline draws bad/waitend on New(3) with one goroutine calling Number, Fizz,
// Buzz and FizzBuzz in turn: Number prints 1 and 2, then waits for the end of the game
// instead of returning, so Fizz is never called. One goroutine and no goroutine of the
// variant's own, so the events come in one order whatever the scheduler does.
func TestTimeline(t *testing.T) {
	mk := func(n int) FizzBuzz { return waitend.New(n) }
	s := turns.Together(3, []method{number, fizz, buzz, fizzbuzz})
	verdict := timelinetest.Verdict(t, "testdata/timeline.json", turns.Play(t, harness.PackageOf(waitend.New), kata, mk, methodOf, s), "deadlock: Number never returned")
	assert.Contains(t, verdict, "Number had made all its calls")
}
