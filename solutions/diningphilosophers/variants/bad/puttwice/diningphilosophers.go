// Package diningphilosophers is a known-bad Table.
//
// Bug: a copy-and-paste slip puts the left fork down twice and the right one never.
// Verdict: "fork put down twice".
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
	defer t.forks[first].Unlock()
	pickFirst()
	t.forks[second].Lock()
	defer t.forks[second].Unlock()
	pickSecond()
	eat()
	putLeftFork()
	putLeftFork()
}
