// Package diningphilosophers is a correct Table: Dijkstra's state machine.
//
// Each philosopher is thinking, hungry or eating, under one mutex. A hungry philosopher
// starts eating as soon as neither neighbour eats; one who finishes offers the forks to
// both neighbours. A philosopher takes both forks at once or none, so no deadlock. A
// second call for a philosopher who is not thinking waits for the first to finish.
package diningphilosophers

import (
	"fmt"
	"sync"
)

const philosophers = 5

type state int

const (
	thinking state = iota
	hungry
	eating
)

// Table holds every philosopher's state and a condition per philosopher.
type Table struct {
	mu    sync.Mutex
	state [philosophers]state
	turn  [philosophers]*sync.Cond
}

// New returns a Table at which everybody thinks.
func New() *Table {
	t := &Table{}
	for i := range t.turn {
		t.turn[i] = sync.NewCond(&t.mu)
	}
	return t
}

// WantsToEat waits until the philosopher may eat, then picks up both forks, eats and puts
// them down, and offers them to the neighbours.
func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= philosophers {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	p := philosopher
	t.mu.Lock()
	for t.state[p] != thinking { // another call for p is under way
		t.turn[p].Wait()
	}
	t.state[p] = hungry
	t.test(p)
	for t.state[p] != eating {
		t.turn[p].Wait()
	}
	t.mu.Unlock()

	pickLeftFork()
	pickRightFork()
	eat()
	putLeftFork()
	putRightFork()

	t.mu.Lock()
	defer t.mu.Unlock()
	t.state[p] = thinking
	t.turn[p].Broadcast() // a waiting call for p may start
	t.test((p + philosophers - 1) % philosophers)
	t.test((p + 1) % philosophers)
}

// test lets philosopher p eat if p is hungry and neither neighbour eats; t.mu is held.
func (t *Table) test(p int) {
	if t.state[p] == hungry &&
		t.state[(p+philosophers-1)%philosophers] != eating &&
		t.state[(p+1)%philosophers] != eating {
		t.state[p] = eating
		t.turn[p].Broadcast()
	}
}
