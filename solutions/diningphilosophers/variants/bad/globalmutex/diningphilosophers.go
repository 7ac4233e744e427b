// Package diningphilosophers is a known-bad Table.
//
// Bug: one mutex around the whole meal (LeetCode's judge accepts it): never a deadlock,
// but only one philosopher eats at a time, even two who share no fork. Verdict: "not
// eating together".
package diningphilosophers

import (
	"fmt"
	"sync"
)

type Table struct {
	mu sync.Mutex
}

func New() *Table { return &Table{} }

func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= 5 {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	pickLeftFork()
	pickRightFork()
	eat()
	putLeftFork()
	putRightFork()
}
