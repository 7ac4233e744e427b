package timeline

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReplay replays, in another order, the events of a run recorded in a bubble, and
// wants the same timeline.
func TestReplay(t *testing.T) {
	var live Record
	synctest.Test(t, func(t *testing.T) {
		tl := New()
		tl.Lanes("judge")
		first := tl.Begin("goroutine 1", Call, "First")
		tl.Mark("goroutine 1", "printed first")
		time.Sleep(time.Second)
		first.End("returned")
		tl.Begin("goroutine 2", Call, "Second") // never returns
		wait := tl.Begin("goroutine 1", Wait, "held")
		time.Sleep(2 * time.Second)
		wait.End("")
		tl.Broke("goroutine 2", "too late")
		live = tl.Record()
	})
	events := live.Events
	shuffled := []Event{events[4], events[2], events[0], events[3], events[1]}
	got := Replay([]string{"judge"}, shuffled).Record()
	assert.Equal(t, live, got)
}

// TestReplayOrdersOneInstantBySeq wants the moments of one instant in the order of
// their StartSeq and EndSeq, numbered anew.
func TestReplayOrdersOneInstantBySeq(t *testing.T) {
	tl := Replay(nil, []Event{
		{Lane: "b", Kind: Mark, Label: "second", Start: time.Second, StartSeq: 70},
		{Lane: "a", Kind: Call, Label: Ended("Do", "nil"), Start: 0, End: time.Second, StartSeq: 5, EndSeq: 60},
		{Lane: "b", Kind: Broke, Label: "third", Start: time.Second, StartSeq: 80},
	})
	events := tl.Events()
	require.Len(t, events, 3)
	assert.Equal(t, []string{"a", "b"}, tl.LaneNames())
	assert.Equal(t, Event{Lane: "a", Kind: Call, Label: "Do → nil", Start: 0, End: time.Second, StartSeq: 1, EndSeq: 2}, events[0])
	assert.Equal(t, Event{Lane: "b", Kind: Mark, Label: "second", Start: time.Second, End: time.Second, StartSeq: 3, EndSeq: 3}, events[1])
	assert.Equal(t, Event{Lane: "b", Kind: Broke, Label: "third", Start: time.Second, End: time.Second, StartSeq: 4, EndSeq: 4}, events[2])
}

// TestReplayThenBroke records a Broke into a replayed timeline: it takes the last
// moment's time, and an open span ends there.
func TestReplayThenBroke(t *testing.T) {
	tl := Replay([]string{"judge"}, []Event{
		{Lane: "goroutine 1", Kind: Call, Label: "Wait", Start: time.Second, Open: true},
		{Lane: "goroutine 2", Kind: Call, Label: "Done → returned", Start: 0, End: 3 * time.Second},
	})
	tl.Broke("judge", "deadlock")
	events := tl.Events()
	require.Len(t, events, 3)
	assert.Equal(t, Event{Lane: "judge", Kind: Broke, Label: "deadlock", Start: 3 * time.Second, End: 3 * time.Second, StartSeq: 4, EndSeq: 4}, events[2])
	assert.True(t, events[1].Open)
	assert.Equal(t, 3*time.Second, events[1].End, "the open call ends at the last moment")
	assert.Equal(t, 4, events[1].EndSeq)
}

func TestEnded(t *testing.T) {
	assert.Equal(t, "First → returned", Ended("First", "returned"))
	assert.Equal(t, "action a1", Ended("action a1", ""))
}

func TestSpannedAndInstant(t *testing.T) {
	assert.Equal(t, Event{Lane: "a", Kind: Call, Label: "Do → nil", Start: 1, End: 5, StartSeq: 2, EndSeq: 7},
		Spanned("a", Call, "Do", "nil", 1, 5, false, 2, 7))
	assert.Equal(t, Event{Lane: "a", Kind: Wait, Label: "held", Start: 1, End: 1, Open: true, StartSeq: 2, EndSeq: 0},
		Spanned("a", Wait, "held", "nil", 1, 1, true, 2, 0), "an open span has no outcome")
	assert.Equal(t, Event{Lane: "judge", Kind: Broke, Label: "late", Start: 3, End: 3, StartSeq: 9, EndSeq: 9},
		Instant("judge", Broke, "late", 3, 9))
}

// TestAt records a run into a replayed timeline at instants of the checker's choosing,
// as in a bubble that sleeps to each of them.
func TestAt(t *testing.T) {
	var live Record
	synctest.Test(t, func(t *testing.T) {
		tl := New()
		tl.Mark("judge", "New(2)")
		time.Sleep(time.Second)
		sp := tl.Begin("goroutine 1", Call, "Acquire(1)")
		time.Sleep(time.Second)
		sp.End("nil")
		tl.Begin("goroutine 2", Call, "Acquire(2)")
		tl.Broke("judge", "deadlock")
		live = tl.Record()
	})
	tl := Replay(nil, nil)
	tl.Mark("judge", "New(2)")
	tl.At(time.Second)
	sp := tl.Begin("goroutine 1", Call, "Acquire(1)")
	tl.At(2 * time.Second)
	sp.End("nil")
	tl.At(time.Second) // never back
	tl.Begin("goroutine 2", Call, "Acquire(2)")
	tl.Broke("judge", "deadlock")
	assert.Equal(t, live, tl.Record())
	assert.PanicsWithValue(t, "timeline: At on a timeline that was not replayed", func() { New().At(time.Second) })
}
