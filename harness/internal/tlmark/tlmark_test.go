package tlmark

import (
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

func TestStuckAfterTheBubble(t *testing.T) {
	var tl *timeline.Timeline
	synctest.Test(t, func(*testing.T) {
		tl = timeline.New()
		time.Sleep(3 * time.Second)
		tl.Begin("goroutine A", timeline.Call, "Take()") // never returns
	})
	Stuck(tl, &harness.Stuck{})
	evs := tl.Events()
	require.Len(t, evs, 2)
	assert.Equal(t, timeline.Event{Lane: Judge, Kind: timeline.Broke, Label: "deadlock", Start: 3 * time.Second, End: 3 * time.Second, StartSeq: 2, EndSeq: 2}, evs[1])
	Stuck(tl, &harness.Stuck{Leak: true})
	assert.Equal(t, "goroutine leak", tl.Events()[2].Label)
}

func TestHistory(t *testing.T) {
	// A: Put(1) [1-2], B: Take()=1 [3-6], A: Take()=1 [4-5]: the second Take breaks.
	op := func(c int, call string, res string, from, to int64) porcupine.Operation {
		return porcupine.Operation{ClientId: c, Input: call, Output: res, Call: from, Return: to}
	}
	ops := []porcupine.Operation{
		op(0, "Put(1)", "nil", 1, 2), op(1, "Take()", "1", 3, 6), op(0, "Take()", "1", 4, 5),
		op(0, "Put(9)", "nil", 100, 101), // far from the break: left out
	}
	lane := func(o porcupine.Operation) string { return fmt.Sprintf("goroutine %c", 'A'+o.ClientId) }
	label := func(o porcupine.Operation) (string, string) { return o.Input.(string), o.Output.(string) }
	rec := History(ops, ops[2], lane, label, "not linearizable").Record()
	assert.Equal(t, []string{"goroutine A", "goroutine B"}, rec.Lanes)
	var got []string
	for _, e := range rec.Events {
		got = append(got, fmt.Sprintf("%s %s %q %d-%d at %v", e.Lane, e.Kind, e.Label, e.StartSeq, e.EndSeq, e.Start))
	}
	assert.Equal(t, []string{
		`goroutine A call "Put(1) → nil" 1-2 at 0s`,
		`goroutine B call "Take() → 1" 3-7 at 0s`,
		`goroutine A call "Take() → 1" 4-5 at 0s`,
		`goroutine A broke "not linearizable" 6-6 at 0s`,
	}, got)
}
