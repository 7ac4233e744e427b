package workqueuetest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/anishathalye/porcupine"
)

// An input and an output of a call, for porcupine.
type input struct {
	Kind callKind // opPut, opGet, opTaskDone or opJoin
	V    int      // Put's value
	Who  string   // "#3 Put(3) of goroutine B", for explanations
}

type output struct {
	Err      string // Get and Join
	V        int    // Get's item
	Panicked bool   // TaskDone
}

// A state of the sequential Queue: the items, front first, as "1,2,3", and the count of
// unfinished tasks.
type state struct {
	Items      string
	Unfinished int
}

func (s state) String() string {
	return fmt.Sprintf("items [%s], %d unfinished", s.Items, s.Unfinished)
}

// queueModel is the sequential Queue for porcupine. A Get or Join that returns an error
// changes nothing and is always possible here: whether it should have waited longer is
// judged at the instants the run stood still.
func queueModel() porcupine.Model {
	return porcupine.Model{
		Init: func() any { return state{} },
		Step: func(st, in, out any) (bool, any) {
			s, i, o := st.(state), in.(input), out.(output)
			items := split(s.Items)
			switch i.Kind {
			case opPut:
				return true, state{joinItems(append(items, i.V)), s.Unfinished + 1}
			case opGet:
				if o.Err != errNil {
					return true, s
				}
				if len(items) == 0 || items[0] != o.V {
					return false, s
				}
				return true, state{joinItems(items[1:]), s.Unfinished}
			case opTaskDone:
				if s.Unfinished == 0 {
					return o.Panicked, s
				}
				return !o.Panicked, state{s.Items, s.Unfinished - 1}
			}
			return o.Err != errNil || s.Unfinished == 0, s
		},
	}
}

func split(s string) []int {
	if s == "" {
		return nil
	}
	var items []int
	for _, f := range strings.Split(s, ",") {
		n, _ := strconv.Atoi(f)
		items = append(items, n)
	}
	return items
}

func joinItems(items []int) string {
	fs := make([]string, len(items))
	for i, n := range items {
		fs[i] = strconv.Itoa(n)
	}
	return strings.Join(fs, ",")
}

// Linearizable checks ops with porcupine and returns "" or an explanation of where every
// order of the calls breaks off.
func Linearizable(ops []porcupine.Operation) string {
	m := queueModel()
	res, info := porcupine.CheckOperationsVerbose(m, ops, 0)
	if res == porcupine.Ok {
		return ""
	}
	var longest []int
	for _, part := range info.PartialLinearizations() {
		for _, lin := range part {
			if len(lin) > len(longest) {
				longest = lin
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  Of these %d calls, the longest order that explains their results covers %d, and ends:", len(ops), len(longest))
	st := m.Init()
	placed := map[int]bool{}
	for k, id := range longest {
		placed[id] = true
		_, st = m.Step(st, ops[id].Input, ops[id].Output)
		if k >= len(longest)-6 {
			fmt.Fprintf(&b, "\n    %s   (then %s)", describeOp(ops[id]), st)
		}
	}
	var rest []porcupine.Operation
	for id, o := range ops {
		if !placed[id] {
			rest = append(rest, o)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Call < rest[j].Call })
	fmt.Fprintf(&b, "\n  With %s, no order explains the calls that come next:", st)
	for k, o := range rest {
		if k == 6 {
			fmt.Fprintf(&b, "\n    ... and %d more", len(rest)-k)
			break
		}
		fmt.Fprintf(&b, "\n    %s", describeOp(o))
	}
	return b.String()
}

func describeOp(o porcupine.Operation) string {
	i, out := o.Input.(input), o.Output.(output)
	var res string
	switch i.Kind {
	case opGet:
		res = fmt.Sprintf(" = %d, %s", out.V, out.Err)
	case opJoin:
		res = " = " + out.Err
	case opTaskDone:
		if out.Panicked {
			res = " panicked"
		}
	}
	return fmt.Sprintf("[%4d-%4d] %s%s", o.Call, o.Return, i.Who, res)
}
