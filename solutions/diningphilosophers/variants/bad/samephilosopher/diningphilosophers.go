// Package diningphilosophers is a known-bad Table.
//
// Bug: Dijkstra's state machine that forgets that calls of one philosopher may overlap:
// a second call marks the philosopher hungry while the first one eats, finds both
// neighbours thinking and eats too, with the same forks. Verdict: "fork held twice".
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
	t.mu.Lock()
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
	t.test((p + 4) % 5)
	t.test((p + 1) % 5)
	t.mu.Unlock()
}

func (t *Table) test(p int) {
	if t.state[p] == hungry && t.state[(p+4)%5] != eating && t.state[(p+1)%5] != eating {
		t.state[p] = eating
		t.cond[p].Broadcast()
	}
}
