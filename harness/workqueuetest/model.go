package workqueuetest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// An input and an output of a call, for porcupine.
type input struct {
	Kind callKind // opPut, opGet, opTaskDone or opJoin
	V    int      // Put's value
	Who  string   // "#3 Put(3) of goroutine B", for explanations
	ID   int      // the call's id in a schedule (0 for the first Puts)
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
// order of the calls breaks off, and the first call no order explains.
func Linearizable(ops []porcupine.Operation) (string, porcupine.Operation) {
	show := func(st any) string { return fmt.Sprint(st) }
	return queuejudge.Explain(queueModel(), ops, describeOp,
		func(st any) string { return "then " + show(st) }, show)
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
