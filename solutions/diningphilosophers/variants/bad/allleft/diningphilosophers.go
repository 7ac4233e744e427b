// Package diningphilosophers is a known-bad Table.
//
// Bug: every philosopher picks up the left fork first, then the right one: when all five
// pick up their left forks at once, each waits forever for the right one (the classic
// deadlock). Verdict: "deadlock: philosophers 0, 1, 2, 3 and 4 never returned".
package diningphilosophers

import (
	"fmt"
	"sync"
)

type Table struct {
	forks [5]sync.Mutex
}

func New() *Table { return &Table{} }

func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= 5 {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	left, right := philosopher, (philosopher+1)%5
	t.forks[left].Lock()
	pickLeftFork()
	t.forks[right].Lock()
	pickRightFork()
	eat()
	putLeftFork()
	t.forks[left].Unlock()
	putRightFork()
	t.forks[right].Unlock()
}
