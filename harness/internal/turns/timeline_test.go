package turns

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gokata/workbook/harness/timeline"
)

func TestBrokeAtEnd(t *testing.T) {
	var tl *timeline.Timeline
	synctest.Test(t, func(*testing.T) {
		tl = timeline.New()
		time.Sleep(2 * time.Second)
		tl.Mark("A", "printed 1")
	})
	brokeAtEnd(t, tl, "judge", "slept 2s")
	evs := tl.Events()
	require.Len(t, evs, 2)
	assert.Equal(t, timeline.Event{Lane: "judge", Kind: timeline.Broke, Label: "slept 2s", Start: 2 * time.Second, End: 2 * time.Second, StartSeq: 2, EndSeq: 2}, evs[1], "the mark has the fake time of the run's end")
}
