package rwlocktest

import (
	"fmt"
	"slices"
	"strings"
)

// who names the holders of a lock in the model: "reader 1, reader 3".
func who(names []string, steps []int) string {
	var ns []string
	for _, s := range steps {
		ns = append(ns, names[s])
	}
	return strings.Join(ns, ", ")
}

// unexpected explains why step j's call must not have returned at step i.
func unexpected(s schedule, names []string, m *model, i, j int) string {
	c := s.Calls[j]
	st := m.locks[c.Lock]
	at := fmt.Sprintf("%s returned at step %d", callName(s, names, j), i+1)
	if j < i {
		at = fmt.Sprintf("%s (step %d) returned at step %d", callName(s, names, j), j+1, i+1)
	}
	var msg string
	switch {
	case c.Kind == rlock && st.writer >= 0:
		msg = fmt.Sprintf("reader in with a writer: %s, while %s held the lock; a writer holds the lock alone", at, names[st.writer])
	case c.Kind == rlock && len(st.waitingWriters) > 0:
		msg = fmt.Sprintf("writer starvation: %s, while %s waited for the lock; once a writer waits, a reader that calls RLock waits behind it", at, who(names, st.waitingWriters))
	case c.Kind == lock && st.writer >= 0:
		msg = fmt.Sprintf("two writers: %s, while %s held the lock; a writer holds the lock alone", at, names[st.writer])
	case c.Kind == lock && len(st.readers) > 0 && s.Calls[i].Kind == unlock && s.Calls[i].Lock == c.Lock && letIn(m, s, i, st):
		msg = fmt.Sprintf("reader starvation: %s, when the writer holding the lock unlocked, while %s waited; every reader waiting when a writer unlocks gets in before any waiting writer", at, who(names, st.readerList()))
	case c.Kind == lock && len(st.readers) > 0:
		msg = fmt.Sprintf("writer in with readers: %s, while %s held the lock; a writer holds the lock alone", at, who(names, st.readerList()))
	default:
		msg = fmt.Sprintf("wrong order: %s; it should still wait", at)
	}
	return msg + "\n  schedule:" + s.String()
}

// letIn reports whether the readers holding the lock in the model were let in by the
// unlock at step i (they were waiting until then).
func letIn(m *model, s schedule, i int, st *lockState) bool {
	for _, r := range st.readerList() {
		if r > i {
			return false
		}
	}
	return true
}

// callName names the call of step j: "RLock of reader 2", "Unlock at step 5".
func callName(s schedule, names []string, j int) string {
	c := s.Calls[j]
	switch c.Kind {
	case rlock, lock:
		return fmt.Sprintf("%v of %s", c.Kind, names[j])
	case runlock:
		return fmt.Sprintf("RUnlock of %s", names[c.Of])
	}
	return "Unlock"
}

// missing explains why the calls of want (and one of oneOf) did not return at step i,
// when every goroutine was blocked.
func missing(s schedule, names []string, m *model, i int, e effect, want, oneOf []int) string {
	c := s.Calls[i]
	st := m.locks[c.Lock]
	var msg string
	switch {
	case slices.Contains(want, i) && (c.Kind == unlock || c.Kind == runlock):
		msg = fmt.Sprintf("deadlock: %s (step %d) never returned; RUnlock and Unlock never wait", callName(s, names, i), i+1)
	case slices.Contains(want, i) && c.Kind == rlock && len(st.readers) > 1:
		others := slices.DeleteFunc(st.readerList(), func(r int) bool { return r == i })
		msg = fmt.Sprintf("readers do not share: %s (step %d) waited while only %s held the lock and no writer waited; any number of readers may hold the lock at once", callName(s, names, i), i+1, who(names, others))
	case slices.Contains(want, i):
		msg = fmt.Sprintf("deadlock: %s (step %d) waited although nobody held the lock or waited for it", callName(s, names, i), i+1)
	case len(want) > 0:
		var in []int
		for _, r := range e.returns {
			if r != i && !slices.Contains(want, r) {
				in = append(in, r)
			}
		}
		if len(in) > 0 {
			msg = fmt.Sprintf("lost wakeup: the Unlock at step %d let %s in but not %s; every reader waiting when a writer unlocks gets in at once (wake them all)", i+1, who(names, in), who(names, want))
		} else {
			msg = fmt.Sprintf("readers not let in: %s never got in after the Unlock at step %d; every reader waiting when a writer unlocks gets in at once", who(names, want), i+1)
		}
	default:
		msg = fmt.Sprintf("writer not let in: after step %d nobody held the lock, but %s, waiting in Lock, never got in", i+1, who(names, oneOf))
	}
	return msg + "\n  (the judge waited until every goroutine was blocked)\n  schedule:" + s.String()
}

// late explains a call that returned after fake time passed: the judge never lets fake
// time pass, so the learner's code slept or polled.
func late(s schedule, names []string, i int, r report) string {
	return fmt.Sprintf("late: %s returned %v (of fake time) after step %d let it in; a call gets in at the moment the lock allows it: block on a channel, sync.Cond or sync.Mutex, never poll or sleep\n  schedule:%s", callName(s, names, r.step), r.at, i+1, s)
}
