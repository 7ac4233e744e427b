// Package diningphilosophers is a correct Table: a waiter with four seats.
//
// At most four philosophers sit at the table at once (a buffered channel of four
// tokens), so at least one of them can always get both forks, whichever fork each picks
// up first. The forks are mutexes.
package diningphilosophers

import (
	"fmt"
	"sync"
)

const philosophers = 5

// Table seats at most four philosophers at once.
type Table struct {
	seats chan struct{}
	forks [philosophers]sync.Mutex
}

// New returns a Table with four free seats and five free forks.
func New() *Table {
	return &Table{seats: make(chan struct{}, philosophers-1)}
}

// WantsToEat sits down, picks up the left fork and then the right one, eats, puts both
// down and leaves the seat.
func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= philosophers {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	t.seats <- struct{}{}
	defer func() { <-t.seats }()

	left, right := &t.forks[philosopher], &t.forks[(philosopher+1)%philosophers]
	left.Lock()
	defer left.Unlock()
	pickLeftFork()
	right.Lock()
	defer right.Unlock()
	pickRightFork()

	eat()

	putLeftFork()
	putRightFork()
}
