// Package diningphilosophers is a known-bad Table.
//
// Bug: the philosopher's number is taken modulo 5 instead of checked, so
// WantsToEat(5, ...) eats as philosopher 0. Verdict: "returned; want a panic".
package diningphilosophers

import "sync"

type Table struct {
	forks [5]sync.Mutex
}

func New() *Table { return &Table{} }

func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	philosopher = (philosopher%5 + 5) % 5
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
	putRightFork()
}
