// Package diningphilosophers is a known-bad Table.
//
// Bug: Dijkstra's state machine with a "fast path": a philosopher reads its neighbours'
// states without the lock to eat at once when both are thinking, racing with their
// writes. Verdict: the race detector's "DATA RACE".
package diningphilosophers

import (
	"fmt"
	"sync"
)

const (
	thinking = iota
	hungry
	eating
)

type Table struct {
	mu    sync.Mutex
	state [5]int
	cond  [5]*sync.Cond
}

func New() *Table {
	t := &Table{}
	for i := range t.cond {
		t.cond[i] = sync.NewCond(&t.mu)
	}
	return t
}

func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= 5 {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	p := philosopher
	l, r := (p+4)%5, (p+1)%5
	if t.state[l] != eating && t.state[r] != eating { // unsynchronized read
		t.mu.Lock()
	} else {
		t.mu.Lock()
	}
	for t.state[p] != thinking {
		t.cond[p].Wait()
	}
	t.state[p] = hungry
	t.test(p)
	for t.state[p] != eating {
		t.cond[p].Wait()
	}
	t.mu.Unlock()

	pickLeftFork()
	pickRightFork()
	eat()
	putLeftFork()
	putRightFork()

	t.mu.Lock()
	t.state[p] = thinking
	t.test(l)
	t.test(r)
	t.cond[p].Broadcast()
	t.mu.Unlock()
}

func (t *Table) test(p int) {
	if t.state[p] == hungry && t.state[(p+4)%5] != eating && t.state[(p+1)%5] != eating {
		t.state[p] = eating
		t.cond[p].Broadcast()
	}
}
