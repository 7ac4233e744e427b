package rwlocktest

import (
	"fmt"
	"strings"

	"pgregory.net/rapid"
)

// A schedule is a list of calls made one after another: each RLock or Lock is made by a
// goroutine of its own (a reader or a writer), and each RUnlock or Unlock undoes one of
// them, from the goroutine that locked or from another one. Between two calls the judge
// lets every goroutine run until all are blocked.
type schedule struct {
	Locks int // RWMutexes in use
	Calls []call
}

type kind int

const (
	rlock kind = iota
	lock
	runlock
	unlock
)

func (k kind) String() string {
	return [...]string{"RLock", "Lock", "RUnlock", "Unlock"}[k]
}

// A call is one step of a schedule.
type call struct {
	Kind kind
	Lock int
	// Of is, for RUnlock, the step of the RLock it undoes. (Unlock undoes the Lock of
	// whichever writer holds the lock: which of several waiting writers gets in is the
	// learner's choice.)
	Of int
	// Other: the unlock is made by another goroutine than the one that locked.
	Other bool
}

// names gives each RLock and Lock step a name: "reader 2", "writer 1".
func (s schedule) names() []string {
	names := make([]string, len(s.Calls))
	readers, writers := 0, 0
	for i, c := range s.Calls {
		switch c.Kind {
		case rlock:
			readers++
			names[i] = fmt.Sprintf("reader %d", readers)
		case lock:
			writers++
			names[i] = fmt.Sprintf("writer %d", writers)
		}
	}
	return names
}

func (s schedule) lockName(l int) string {
	if s.Locks == 1 {
		return ""
	}
	return fmt.Sprintf(" on lock %c", 'A'+l)
}

// describe renders step i: "step 3: writer 1 calls Lock".
func (s schedule) describe(i int, names []string) string {
	c := s.Calls[i]
	switch c.Kind {
	case rlock, lock:
		return fmt.Sprintf("step %d: %s calls %v%s", i+1, names[i], c.Kind, s.lockName(c.Lock))
	case runlock:
		return fmt.Sprintf("step %d: %s calls RUnlock%s%s", i+1, names[c.Of], s.lockName(c.Lock), from(c.Other))
	}
	return fmt.Sprintf("step %d: the writer holding the lock%s calls Unlock%s", i+1, s.lockName(c.Lock), from(c.Other))
}

func from(other bool) string {
	if other {
		return " (from another goroutine)"
	}
	return ""
}

// String renders the schedule, one step a line.
func (s schedule) String() string {
	var b strings.Builder
	names := s.names()
	for i := range s.Calls {
		b.WriteString("\n    " + s.describe(i, names))
	}
	return b.String()
}

// draw generates a schedule: up to two RWMutexes, up to 14 calls drawn among those that
// make sense in the state the calls before them leave (a reader unlocks only once it
// holds the lock), then the unlocks that release everything still held or waited for.
// Every draw is labelled.
func draw(rt *rapid.T) schedule {
	s := schedule{Locks: rapid.IntRange(1, 2).Draw(rt, "locks")}
	m := newModel(s.Locks)
	n := rapid.IntRange(1, 14).Draw(rt, "calls")
	for range n {
		l := rapid.IntRange(0, s.Locks-1).Draw(rt, "lock")
		st := m.locks[l]
		var c call
		switch rapid.IntRange(0, 3).Draw(rt, "call") {
		case 0:
			c = call{Kind: rlock, Lock: l}
		case 1:
			c = call{Kind: lock, Lock: l}
		default: // an unlock of what the lock holds, or a lock when it holds nothing
			holders := st.readerList()
			switch {
			case st.writer >= 0:
				c = call{Kind: unlock, Lock: l, Other: rapid.Bool().Draw(rt, "from another goroutine")}
			case len(holders) > 0:
				c = call{Kind: runlock, Lock: l, Of: holders[rapid.IntRange(0, len(holders)-1).Draw(rt, "reader")], Other: rapid.Bool().Draw(rt, "from another goroutine")}
			default:
				c = call{Kind: rlock, Lock: l}
			}
		}
		s.Calls = append(s.Calls, c)
		m.apply(len(s.Calls)-1, c)
		m.grantFirst()
	}
	// Release everything: every holder unlocks, which lets the waiters in, who unlock too.
	for l := range s.Locks {
		for {
			st := m.locks[l]
			var c call
			if st.writer >= 0 {
				c = call{Kind: unlock, Lock: l}
			} else if holders := st.readerList(); len(holders) > 0 {
				c = call{Kind: runlock, Lock: l, Of: holders[0]}
			} else {
				break
			}
			s.Calls = append(s.Calls, c)
			m.apply(len(s.Calls)-1, c)
			m.grantFirst()
		}
	}
	return s
}

// Hand-written schedules run before the generated ones, so that the classic bugs are
// found on every run, whatever the seed.
var classics = []struct {
	name string
	s    schedule
}{
	{"three readers share the lock, then a writer waits for all of them", schedule{Locks: 1, Calls: []call{
		{Kind: rlock}, {Kind: rlock}, {Kind: rlock}, {Kind: lock},
		{Kind: runlock, Of: 1}, {Kind: runlock, Of: 0}, {Kind: runlock, Of: 2, Other: true}, {Kind: unlock},
	}}},
	{"no writer starvation: a reader that comes while a writer waits waits behind it", schedule{Locks: 1, Calls: []call{
		{Kind: rlock}, {Kind: lock}, {Kind: rlock}, {Kind: runlock, Of: 0}, {Kind: unlock}, {Kind: runlock, Of: 2},
	}}},
	{"no reader starvation: the readers waiting when a writer unlocks get in before the next writer", schedule{Locks: 1, Calls: []call{
		{Kind: lock}, {Kind: rlock}, {Kind: lock}, {Kind: rlock}, {Kind: unlock, Other: true},
		{Kind: rlock}, {Kind: runlock, Of: 1}, {Kind: runlock, Of: 3}, {Kind: unlock}, {Kind: runlock, Of: 5},
	}}},
	{"the timeline of the README: sync.RWMutex's order, phase by phase", schedule{Locks: 1, Calls: []call{
		{Kind: rlock}, {Kind: lock}, {Kind: rlock}, {Kind: runlock, Of: 0}, {Kind: lock}, {Kind: rlock},
		{Kind: unlock}, {Kind: rlock}, {Kind: runlock, Of: 2}, {Kind: runlock, Of: 5}, {Kind: unlock}, {Kind: runlock, Of: 7},
	}}},
	{"writers take turns, and the lock can be unlocked by another goroutine", schedule{Locks: 1, Calls: []call{
		{Kind: lock}, {Kind: lock}, {Kind: lock}, {Kind: unlock, Other: true}, {Kind: unlock}, {Kind: unlock, Other: true},
	}}},
	{"two RWMutexes are independent", schedule{Locks: 2, Calls: []call{
		{Kind: lock, Lock: 0}, {Kind: lock, Lock: 1}, {Kind: rlock, Lock: 0}, {Kind: rlock, Lock: 1},
		{Kind: unlock, Lock: 1}, {Kind: unlock, Lock: 0}, {Kind: runlock, Lock: 0, Of: 2}, {Kind: runlock, Lock: 1, Of: 3},
	}}},
}

func indexes(n int) []int {
	ix := make([]int, n)
	for i := range ix {
		ix[i] = i
	}
	return ix
}

// only returns the part of s that concerns lock l, as a schedule of one lock.
func (s schedule) only(l int) schedule {
	one := schedule{Locks: 1}
	index := map[int]int{}
	for i, c := range s.Calls {
		if c.Lock != l {
			continue
		}
		index[i] = len(one.Calls)
		c.Lock = 0
		if c.Kind == runlock {
			c.Of = index[c.Of]
		}
		one.Calls = append(one.Calls, c)
	}
	return one
}
