// Package diningphilosophers is the reference solution of the Dining Philosophers kata.
package diningphilosophers

import (
	"fmt"
	"sync"
)

// philosophers is the number of philosophers, and of forks.
const philosophers = 5

// Table orders its resources: every philosopher picks up the lower-numbered of its two
// forks first. Philosophers 0 to 3 start with the left fork and philosopher 4 with the
// right one (fork 0), so no cycle of philosophers can each hold one fork and wait for the
// next: no deadlock, and nothing else is shared, so neighbours of nobody eat at once.
type Table struct {
	forks [philosophers]sync.Mutex
}

// New returns a Table at which nobody holds a fork.
func New() *Table {
	return &Table{}
}

// WantsToEat lets philosopher eat once: it picks up both forks, eats, puts both forks
// down and returns. It panics with "diningphilosophers: no philosopher N" if philosopher
// is not one of 0, 1, 2, 3 and 4.
func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= philosophers {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	left, right := philosopher, (philosopher+1)%philosophers
	first, second := left, right
	pickFirst, pickSecond := pickLeftFork, pickRightFork
	if right < left {
		first, second = right, left
		pickFirst, pickSecond = pickRightFork, pickLeftFork
	}

	t.forks[first].Lock()
	defer t.forks[first].Unlock()
	pickFirst()
	t.forks[second].Lock()
	defer t.forks[second].Unlock()
	pickSecond()

	eat()

	// The deferred unlocks let the forks go after the put callbacks have returned.
	putLeftFork()
	putRightFork()
}
