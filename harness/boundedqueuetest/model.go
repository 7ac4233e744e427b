package boundedqueuetest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/anishathalye/porcupine"

	"github.com/gokata/workbook/harness/internal/queuejudge"
)

// An input and an output of a call, for porcupine.
type input struct {
	Kind callKind // opPut, opTake or opLen
	V    int      // Put's value
	Who  string   // "#3 Put(3) of goroutine B", for explanations
	ID   int      // the call's id in a schedule (0 for the first Puts)
}

type output struct {
	Err string // Put and Take
	V   int    // Take's item, Len's result
}

// queueModel is the sequential Queue of capacity cap for porcupine: the state is the
// items, front first, as "1,2,3".
func queueModel(cap int) porcupine.Model {
	return porcupine.Model{
		Init: func() any { return "" },
		Step: func(state, in, out any) (bool, any) {
			items := split(state.(string))
			i, o := in.(input), out.(output)
			switch i.Kind {
			case opPut:
				if len(items) < cap {
					return o.Err == errNil, join(append(items, i.V))
				}
				return o.Err != errNil, state
			case opTake:
				if len(items) > 0 {
					return o.Err == errNil && o.V == items[0], join(items[1:])
				}
				return o.Err != errNil && o.V == 0, state
			}
			return o.V == len(items), state
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

func join(items []int) string {
	fs := make([]string, len(items))
	for i, n := range items {
		fs[i] = strconv.Itoa(n)
	}
	return strings.Join(fs, ",")
}

// Linearizable checks ops, a history of calls on a Queue of capacity cap, with porcupine
// and returns "" or an explanation of where every order of the calls breaks off, and the
// first call that no order explains.
func Linearizable(cap int, ops []porcupine.Operation) (string, porcupine.Operation) {
	return queuejudge.Explain(queueModel(cap), ops, describeOp,
		func(st any) string { return fmt.Sprintf("queue then [%s]", st) },
		func(st any) string { return fmt.Sprintf("the queue at [%s]", st) })
}

func describeOp(o porcupine.Operation) string {
	i, out := o.Input.(input), o.Output.(output)
	var res string
	switch i.Kind {
	case opPut:
		res = " = " + out.Err
	case opTake:
		res = fmt.Sprintf(" = %d, %s", out.V, out.Err)
	case opLen:
		res = fmt.Sprintf(" = %d", out.V)
	}
	return fmt.Sprintf("[%4d-%4d] %s%s", o.Call, o.Return, i.Who, res)
}
