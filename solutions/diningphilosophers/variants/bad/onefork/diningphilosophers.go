// Package diningphilosophers is a known-bad Table.
//
// Bug: to avoid holding one fork while waiting for the other, a philosopher eats as soon
// as it has its first fork and picks up the second one afterwards. Verdict: "eating with
// one fork".
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
	eat()
	t.forks[right].Lock()
	pickRightFork()
	putLeftFork()
	t.forks[left].Unlock()
	putRightFork()
	t.forks[right].Unlock()
}
