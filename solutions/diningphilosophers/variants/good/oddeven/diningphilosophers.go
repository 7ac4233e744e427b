// Package diningphilosophers is a correct Table: odd and even philosophers reach in
// opposite directions.
//
// Even philosophers pick up the left fork first and odd ones the right fork first, so
// neighbours compete for their shared fork first, or not at all, and no cycle of
// philosophers each holding one fork can form. Each fork is a channel holding one token.
package diningphilosophers

import "fmt"

const philosophers = 5

// Table keeps each fork as a token in a channel of capacity one.
type Table struct {
	forks [philosophers]chan struct{}
}

// New returns a Table with every fork on it.
func New() *Table {
	t := &Table{}
	for i := range t.forks {
		t.forks[i] = make(chan struct{}, 1)
		t.forks[i] <- struct{}{}
	}
	return t
}

// WantsToEat picks up the forks in the philosopher's order, eats and puts them back.
func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	if philosopher < 0 || philosopher >= philosophers {
		panic(fmt.Sprintf("diningphilosophers: no philosopher %d", philosopher))
	}
	left, right := t.forks[philosopher], t.forks[(philosopher+1)%philosophers]
	if philosopher%2 == 0 {
		<-left
		pickLeftFork()
		<-right
		pickRightFork()
	} else {
		<-right
		pickRightFork()
		<-left
		pickLeftFork()
	}

	eat()

	putLeftFork()
	left <- struct{}{}
	putRightFork()
	right <- struct{}{}
}
