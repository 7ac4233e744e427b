package queuejudge

import (
	"fmt"
	"sort"
	"strings"

	"github.com/anishathalye/porcupine"
)

// Explain checks ops with porcupine against model m and returns "" or an explanation of
// where every order of the calls breaks off: the end of the longest order that explains
// their results, each call with the state after it (then), and the calls that come next
// from the state it ends in (at). describe renders one call. It also returns the first of
// those calls (by call), the one the explanation names first.
func Explain(m porcupine.Model, ops []porcupine.Operation, describe func(porcupine.Operation) string, then, at func(state any) string) (string, porcupine.Operation) {
	res, info := porcupine.CheckOperationsVerbose(m, ops, 0)
	if res == porcupine.Ok {
		return "", porcupine.Operation{}
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
			fmt.Fprintf(&b, "\n    %s   (%s)", describe(ops[id]), then(st))
		}
	}
	var rest []porcupine.Operation
	for id, o := range ops {
		if !placed[id] {
			rest = append(rest, o)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Call < rest[j].Call })
	fmt.Fprintf(&b, "\n  With %s, no order explains the calls that come next:", at(st))
	for k, o := range rest {
		if k == 6 {
			fmt.Fprintf(&b, "\n    ... and %d more", len(rest)-k)
			break
		}
		fmt.Fprintf(&b, "\n    %s", describe(o))
	}
	var first porcupine.Operation
	if len(rest) > 0 {
		first = rest[0]
	}
	return b.String(), first
}
