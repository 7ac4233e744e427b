package timeline

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBrokeAfter records a run, then marks the rule broken after the return of its
// first call, after the begin of a call still open, and after a mark: each Broke comes
// right after that moment, at its time, and the later moments move on.
func TestBrokeAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := New()
		first := tl.Begin("goroutine 1", Call, "First") // 1
		time.Sleep(time.Second)
		first.End("returned")                           // 2
		open := tl.Begin("goroutine 2", Call, "Second") // 3, never returns
		tl.Mark("goroutine 1", "printed")               // 4
		printed := tl.Latest("goroutine 1")
		time.Sleep(time.Second)
		tl.Mark("judge", "done") // 5

		assert.Equal(t, Moment{0, 1}, first.Begun())
		assert.Equal(t, Moment{time.Second, 2}, first.Done())
		assert.Equal(t, Moment{time.Second, 3}, open.Done(), "an open span's latest moment is its begin")
		assert.Equal(t, Moment{time.Second, 4}, printed)
		assert.Equal(t, Moment{}, tl.Latest("nobody"))

		tl.BrokeAfter(first.Done(), "goroutine 1", "returned too early")
		tl.BrokeAfter(open.Done(), "goroutine 2", "lost")
		tl.BrokeAfter(tl.Latest("judge"), "judge", "last")

		ms, _ := moments(tl.Record())
		var got []string
		for _, m := range ms {
			label := m.e.Label
			if m.end {
				label = "end " + label
			}
			got = append(got, m.at.String()+" "+label)
			assert.Equal(t, len(got), m.seq, "moments numbered 1, 2, ... in order")
		}
		assert.Equal(t, []string{
			"0s First → returned",
			"1s end First → returned",
			"1s returned too early",
			"1s Second",
			"1s lost",
			"1s printed",
			"2s done",
			"2s last",
		}, got)
	})
}

// TestBrokeAfterZero wants the zero Moment (an event that was not drawn) to mark the
// end of the run, as Broke does; a nil timeline does nothing.
func TestBrokeAfterZero(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := New()
		tl.Mark("a", "x")
		time.Sleep(time.Second)
		tl.Mark("a", "y")
		tl.BrokeAfter(Moment{}, "judge", "deadlock")
		evs := tl.Events()
		require.Len(t, evs, 3)
		assert.Equal(t, Event{Lane: "judge", Kind: Broke, Label: "deadlock", Start: time.Second, End: time.Second, StartSeq: 3, EndSeq: 3}, evs[2])
	})
	var nilTL *Timeline
	nilTL.BrokeAfter(Moment{time.Second, 1}, "judge", "x")
	assert.Equal(t, Moment{}, nilTL.Latest("a"))
	var nilSpan *Span
	assert.Equal(t, Moment{}, nilSpan.Begun())
	assert.Equal(t, Moment{}, nilSpan.Done())
}

// TestBrokeAfterReplayed marks a replayed timeline the same way.
func TestBrokeAfterReplayed(t *testing.T) {
	tl := Replay(nil, []Event{
		Spanned("a", Call, "Put", "nil", 0, time.Second, false, 1, 2),
		Instant("b", Mark, "later", 2*time.Second, 3),
	})
	tl.BrokeAfter(Moment{time.Second, 2}, "a", "wrong")
	evs := tl.Events()
	require.Len(t, evs, 3)
	assert.Equal(t, 4, evs[1].StartSeq)
	assert.Equal(t, Event{Lane: "a", Kind: Broke, Label: "wrong", Start: time.Second, End: time.Second, StartSeq: 3, EndSeq: 3}, evs[2])
}

// TestBrokeAt wants a Broke at an instant after every moment of that instant and
// before the later ones; at an instant before every moment, first.
func TestBrokeAt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := New()
		time.Sleep(time.Second)
		put := tl.Begin("a", Call, "Put") // 1
		put.End("nil")                    // 2
		waiter := tl.Begin("b", Call, "Take")
		time.Sleep(time.Second)
		tl.Mark("judge", "canceled") // 4
		waiter.End("Canceled")       // 5

		tl.BrokeAt(time.Second, "b", "lost wakeup")
		tl.BrokeAt(0, "judge", "first")
		evs := tl.Events()
		require.Len(t, evs, 5)
		assert.Equal(t, Event{Lane: "b", Kind: Broke, Label: "lost wakeup", Start: time.Second, End: time.Second, StartSeq: 5, EndSeq: 5}, evs[3])
		assert.Equal(t, Event{Lane: "judge", Kind: Broke, Label: "first", StartSeq: 1, EndSeq: 1}, evs[4])
		assert.Equal(t, 2, evs[0].StartSeq, "Put moved on by one")
		assert.Equal(t, 7, evs[1].EndSeq, "the Take's end moved on by two")
		assert.Equal(t, Moment{2 * time.Second, 7}, tl.Latest("b"))
	})
}
