package cplatchtest

import (
	"fmt"
	"slices"
	"time"

	"github.com/gokata/workbook/harness/cp"
)

// machine is the judge's own state machine: what Apply and Expired must answer.
type machine struct {
	forget  bool // applies retries again, as a state machine without a record would
	count   int
	pending []cp.Command // awaits of the round, in the order they were applied
	done    map[cp.InvocationID]cp.Result
}

func newMachine() *machine { return &machine{done: map[cp.InvocationID]cp.Result{}} }

func (m *machine) finish(r cp.Result) []cp.Result {
	m.done[r.ID] = r
	return []cp.Result{r}
}

// apply returns the results of cmd, sorted by invocation id.
func (m *machine) apply(cmd cp.Command) []cp.Result {
	if cmd.Op == cp.Expire {
		i := slices.IndexFunc(m.pending, func(a cp.Command) bool { return a.ID == cmd.ID })
		if i < 0 {
			return nil
		}
		m.pending = slices.Delete(m.pending, i, i+1)
		return m.finish(cp.Result{ID: cmd.ID})
	}
	if r, ok := m.done[cmd.ID]; ok && !m.forget {
		return []cp.Result{r}
	}
	var out []cp.Result
	switch cmd.Op {
	case cp.Await:
		switch {
		case m.count == 0:
			out = m.finish(cp.Result{ID: cmd.ID, OK: true})
		case !slices.ContainsFunc(m.pending, func(a cp.Command) bool { return a.ID == cmd.ID }):
			m.pending = append(m.pending, cmd)
		}
	case cp.CountDown:
		if m.count > 0 {
			m.count--
		}
		out = m.finish(cp.Result{ID: cmd.ID, Count: m.count})
		if m.count == 0 {
			for _, a := range m.pending {
				out = append(out, m.finish(cp.Result{ID: a.ID, OK: true})...)
			}
			m.pending = nil
		}
	case cp.GetCount:
		out = m.finish(cp.Result{ID: cmd.ID, Count: m.count})
	case cp.TrySetCount:
		ok := m.count == 0 && cmd.Count > 0
		if ok {
			m.count = cmd.Count
		}
		out = m.finish(cp.Result{ID: cmd.ID, Count: m.count, OK: ok})
	}
	return sortResults(out)
}

// expired returns the pending awaits whose deadline is not after now, sorted by id.
func (m *machine) expired(now time.Time) []cp.InvocationID {
	var ids []cp.InvocationID
	for _, a := range m.pending {
		if !a.Deadline.After(now) {
			ids = append(ids, a.ID)
		}
	}
	return sortIDs(ids)
}

// state describes the machine for a verdict.
func (m *machine) state() string {
	var ids []string
	for _, a := range m.pending {
		ids = append(ids, a.ID.String())
	}
	if len(ids) == 0 {
		return fmt.Sprintf("count %d, no await pending", m.count)
	}
	return fmt.Sprintf("count %d, awaits %v pending", m.count, ids)
}

func cmpID(a, b cp.InvocationID) int {
	if a.Session != b.Session {
		return cmpU(a.Session, b.Session)
	}
	return cmpU(a.Seq, b.Seq)
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sortResults(rs []cp.Result) []cp.Result {
	rs = slices.Clone(rs)
	slices.SortStableFunc(rs, func(a, b cp.Result) int { return cmpID(a.ID, b.ID) })
	return rs
}

func sortIDs(ids []cp.InvocationID) []cp.InvocationID {
	ids = slices.Clone(ids)
	slices.SortFunc(ids, cmpID)
	return ids
}

// describe writes a command the way verdicts show it.
func describe(cmd cp.Command) string {
	switch cmd.Op {
	case cp.TrySetCount:
		return fmt.Sprintf("%s(%d) %s", cmd.Op, cmd.Count, cmd.ID)
	case cp.Expire:
		return fmt.Sprintf("Expire of await %s", cmd.ID)
	}
	return fmt.Sprintf("%s %s", cmd.Op, cmd.ID)
}

func showResults(rs []cp.Result) string {
	if len(rs) == 0 {
		return "nothing"
	}
	s := "["
	for i, r := range rs {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("{%s count=%d ok=%t}", r.ID, r.Count, r.OK)
	}
	return s + "]"
}
