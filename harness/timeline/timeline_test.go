package timeline

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecordAndSplit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := New()
		tl.Lanes("judge")
		first := tl.Begin("goroutine 1", Call, "First")
		tl.Mark("goroutine 1", "printed first")
		time.Sleep(time.Second)
		first.End("returned")
		tl.Begin("goroutine 2", Call, "Second") // never returns
		tl.Broke("judge", "deadlock")

		msg := tl.Attach("deadlock: Second never returned")
		verdict, rec := Split(msg)
		assert.Equal(t, "deadlock: Second never returned", verdict)
		require.NotNil(t, rec)
		assert.Equal(t, []string{"judge", "goroutine 1", "goroutine 2"}, rec.Lanes)
		require.Len(t, rec.Events, 4)
		assert.Equal(t, Event{Lane: "goroutine 1", Kind: Call, Label: "First → returned", Start: 0, End: time.Second, StartSeq: 1, EndSeq: 3}, rec.Events[0])
		assert.True(t, rec.Events[2].Open)
		assert.Equal(t, time.Second, rec.Events[2].End, "an open span ends at the last moment")

		again, _ := Split(tl.Attach(msg))
		assert.Equal(t, verdict, again, "attaching twice keeps one timeline")
	})
}

func TestNil(t *testing.T) {
	var tl *Timeline
	tl.Begin("a", Call, "x").End("y")
	tl.Mark("a", "b")
	assert.Equal(t, "v", tl.Attach("v"))
	v, rec := Split("v")
	assert.Equal(t, "v", v)
	assert.Nil(t, rec)
}

func TestBrokeOutsideTheBubble(t *testing.T) {
	var tl *Timeline
	synctest.Test(t, func(t *testing.T) {
		tl = New()
		tl.Begin("goroutine 1", Call, "Second")
		time.Sleep(3 * time.Second)
		tl.Mark("goroutine 1", "printed second")
	})
	tl.Broke("judge", "deadlock") // after the bubble, in real time
	events := tl.Events()
	require.Len(t, events, 3)
	assert.Equal(t, 3*time.Second, events[2].Start, "an event after the bubble takes the last fake time")
	assert.Equal(t, 3*time.Second, events[0].End, "the open call ends at the last moment")
}
