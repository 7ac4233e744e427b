// Package diningphilosophers is the Dining Philosophers kata: five philosophers share five
// forks, and each needs the two next to them to eat.
package diningphilosophers

// Table seats five philosophers, numbered 0 to 4, around a round table with five forks.
// Philosopher p's left fork is fork p and its right fork is fork (p+1)%5. Any goroutine
// may call WantsToEat for any philosopher, at any time; calls for the same philosopher
// may overlap (they must not share forks either).
//
// The rules WantsToEat keeps:
//   - Each call picks up both of that philosopher's forks (pickLeftFork and pickRightFork,
//     in either order), calls eat, puts both down (putLeftFork and putRightFork, in either
//     order), then returns: each callback exactly once per call, all before it returns.
//   - A pick callback is called after the philosopher has the fork, and a put callback
//     before it lets the fork go, so the callbacks show who holds which fork. A fork is
//     held by one call at a time; eat runs only while both forks are held.
//   - No deadlock, under every timing: every call returns, also when all five
//     philosophers pick up a first fork at the same moment.
//   - No lock around the whole meal: a philosopher whose forks nobody holds does not
//     wait, so two philosophers who share no fork and want to eat at the same time eat at
//     the same time. (Calls of one philosopher that overlap may wait for each other.)
//   - Waiting blocks the goroutine (a sync.Mutex, channel or sync.Cond): it never spins,
//     polls or sleeps. A Table leaves no goroutine behind once every call has returned.
type Table struct {
	// Add the fields you need.
}

// New returns a Table at which nobody holds a fork.
func New() *Table {
	panic("diningphilosophers: not implemented")
}

// WantsToEat lets philosopher eat once: it picks up both forks, eats, puts both forks
// down and returns. It panics with "diningphilosophers: no philosopher N" (N the
// argument) before calling anything if philosopher is not one of 0, 1, 2, 3 and 4.
func (t *Table) WantsToEat(philosopher int, pickLeftFork, pickRightFork, eat, putLeftFork, putRightFork func()) {
	panic("diningphilosophers: not implemented")
}
