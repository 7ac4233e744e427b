package judgeclock

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gokata/workbook/harness/timeline"
)

func TestRecorder(t *testing.T) {
	c := New("example.com/none", "none", Leftovers{})
	r := c.Recorder()
	r.Lanes("judge", "philosopher 1")
	call := r.Begin("philosopher 1", timeline.Call, "WantsToEat")
	r.Mark("philosopher 1", "picked fork 1")
	c.Set(time.Second)
	eat := r.Begin("philosopher 1", timeline.Wait, "eat")
	c.Set(3 * time.Second)
	eat.End("")
	r.Broke("judge", "deadlock")
	r.Stop()
	r.Mark("philosopher 1", "after the run") // not recorded
	call.End("returned")                     // nor this

	verdict, rec := timeline.Split(r.Attach("deadlock: philosopher 1 never returned"))
	assert.Equal(t, "deadlock: philosopher 1 never returned", verdict)
	require.NotNil(t, rec)
	assert.Equal(t, []string{"judge", "philosopher 1"}, rec.Lanes)
	require.Len(t, rec.Events, 4)
	assert.Equal(t, timeline.Event{Lane: "philosopher 1", Kind: timeline.Call, Label: "WantsToEat", Start: 0, End: 3 * time.Second, StartSeq: 1, EndSeq: 5, Open: true}, rec.Events[0])
	assert.Equal(t, timeline.Event{Lane: "philosopher 1", Kind: timeline.Wait, Label: "eat", Start: time.Second, End: 3 * time.Second, StartSeq: 3, EndSeq: 4}, rec.Events[2], "times are the clock's")
	assert.Equal(t, timeline.Event{Lane: "judge", Kind: timeline.Broke, Label: "deadlock", Start: 3 * time.Second, End: 3 * time.Second, StartSeq: 5, EndSeq: 5}, rec.Events[3])
}

func TestRecorderNil(t *testing.T) {
	var r *Recorder
	r.Lanes("a")
	r.Begin("a", timeline.Call, "x").End("y")
	r.Mark("a", "b")
	r.Broke("a", "c")
	r.Stop()
	assert.Equal(t, "v", r.Attach("v"))
}
