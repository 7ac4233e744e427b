package tlmark

import (
	"slices"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness/timeline"
)

// Around is how many ticks before the call of the first unexplained operation (and after
// its return) History keeps: the calls that lead up to the break.
const Around = 12

// History returns the timeline of a history that porcupine judged after a run in real
// time, where only the order of calls and returns is known (their ticks): the operations
// around first, the first call no order explains, each a span from its call to its
// return in the order of their ticks, all at one instant (time 0; the run's real instants
// are not known), and the break right after first returned, with label broke. lane and
// label render an operation: its goroutine, and its call and result ("Put(3)", "nil").
//
// It records after the run, never during it: a real-time run must keep the judge's
// synchronization out of the learner's way.
func History(ops []porcupine.Operation, first porcupine.Operation, lane func(porcupine.Operation) string, label func(porcupine.Operation) (call, result string), broke string) *timeline.Timeline {
	type moment struct {
		tick int64
		op   int
		ret  bool
	}
	var ms []moment
	for i, o := range ops {
		if o.Return < first.Call-Around || o.Call > first.Return+Around/3 {
			continue
		}
		ms = append(ms, moment{o.Call, i, false}, moment{o.Return, i, true})
	}
	slices.SortFunc(ms, func(a, b moment) int { return int(a.tick - b.tick) })
	seqs := map[moment]int{} // the order of the moments, every other number
	for k, m := range ms {
		seqs[m] = 2 * k
	}
	var events []timeline.Event
	for _, m := range ms {
		if m.ret {
			continue
		}
		o := ops[m.op]
		call, result := label(o)
		end := seqs[moment{o.Return, m.op, true}]
		events = append(events, timeline.Spanned(lane(o), timeline.Call, call, result, 0, 0, false, seqs[m], end))
		if o.Call == first.Call && o.ClientId == first.ClientId {
			events = append(events, timeline.Instant(lane(o), timeline.Broke, broke, 0, end+1))
		}
	}
	return timeline.Replay(nil, events)
}
