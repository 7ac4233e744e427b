// Package h2o is a correct H2O built from a barrier of three and two counting
// semaphores (buffered channels): two hydrogen places and one oxygen place. The atoms
// that hold the places meet at the barrier, release, and only then give their places
// back, so the next molecule can pass the barrier only once this one's releases have
// all returned.
package h2o

import "sync"

type H2O struct {
	hPlaces chan struct{} // capacity 2: the hydrogens of the forming molecule
	oPlaces chan struct{} // capacity 1: its oxygen
	b       barrier
}

func New() *H2O {
	return &H2O{hPlaces: make(chan struct{}, 2), oPlaces: make(chan struct{}, 1)}
}

func (h *H2O) Hydrogen(releaseHydrogen func()) {
	h.hPlaces <- struct{}{}
	h.b.await()
	releaseHydrogen()
	<-h.hPlaces
}

func (h *H2O) Oxygen(releaseOxygen func()) {
	h.oPlaces <- struct{}{}
	h.b.await()
	releaseOxygen()
	<-h.oPlaces
}

// barrier is a cyclic barrier of three: each round has a channel of its own, closed
// when the third atom arrives.
type barrier struct {
	mu      sync.Mutex
	arrived int
	round   chan struct{}
}

func (b *barrier) await() {
	b.mu.Lock()
	if b.round == nil {
		b.round = make(chan struct{})
	}
	round := b.round
	b.arrived++
	if b.arrived == 3 {
		close(round)
		b.arrived, b.round = 0, nil
	}
	b.mu.Unlock()
	<-round
}
