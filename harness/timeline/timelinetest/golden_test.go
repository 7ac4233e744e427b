package timelinetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness/timeline"
)

// TestVerdict checks a verdict of a replayed run against testdata/verdict.json and
// .txt, and wants it back without its timeline.
func TestVerdict(t *testing.T) {
	tl := timeline.Replay([]string{"goroutine 1"}, []timeline.Event{
		timeline.Spanned("goroutine 1", timeline.Call, "First", "returned", 0, time.Second, false, 0, 1),
		timeline.Spanned("goroutine 1", timeline.Call, "Second", "", time.Second, time.Second, true, 2, 0),
	})
	tl.Broke("judge", "deadlock")
	v := Verdict(t, "testdata/verdict.json", tl.Attach("deadlock: Second never returned\n  more"), "deadlock: Second never")
	assert.Equal(t, "deadlock: Second never returned\n  more", v)
}
