// Package diningphilosophers is a known-bad Table.
//
// Bug: a philosopher tries both forks with TryLock and, when one is taken, puts back what
// it holds, sleeps a millisecond and tries again: no deadlock, but waiting polls.
// Verdict: "sleep-polling".
package diningphilosophers

import (
	"fmt"
	"sync"
	"time"
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
	for {
		if t.forks[left].TryLock() {
			if t.forks[right].TryLock() {
				break
			}
			t.forks[left].Unlock()
		}
		time.Sleep(time.Millisecond)
	}
	pickLeftFork()
	pickRightFork()
	eat()
	putLeftFork()
	putRightFork()
	t.forks[left].Unlock()
	t.forks[right].Unlock()
}
