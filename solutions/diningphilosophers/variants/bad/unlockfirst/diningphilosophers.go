// Package diningphilosophers is a known-bad Table.
//
// Bug: the forks are let go (unlocked) before the put callbacks are called, so a
// neighbour can pick a fork up while the put callback still shows it held. Verdict: "fork
// held twice".
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
	first, second := philosopher, (philosopher+1)%5
	pickFirst, pickSecond := pickLeftFork, pickRightFork
	if second < first {
		first, second = second, first
		pickFirst, pickSecond = pickRightFork, pickLeftFork
	}
	t.forks[first].Lock()
	pickFirst()
	t.forks[second].Lock()
	pickSecond()
	eat()
	t.forks[first].Unlock()
	t.forks[second].Unlock()
	putLeftFork()
	putRightFork()
}
