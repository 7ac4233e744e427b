// Package h2o is a known-bad H2O.
//
// Bug: a barrier of three plus counting semaphores, but each atom gives its slot back
// before its release instead of after it: the next molecule can pass the barrier while
// this molecule's releases still run. Verdict: "molecules overlap".
package h2o

import "sync"

type H2O struct {
	hSlots, oSlots chan struct{} // capacity 2 and 1: the atoms of the forming molecule
	b              barrier
}

func New() *H2O {
	return &H2O{hSlots: make(chan struct{}, 2), oSlots: make(chan struct{}, 1)}
}

func (h *H2O) Hydrogen(releaseHydrogen func()) {
	h.hSlots <- struct{}{}
	h.b.await()
	<-h.hSlots // too soon: the next hydrogen may go
	releaseHydrogen()
}

func (h *H2O) Oxygen(releaseOxygen func()) {
	h.oSlots <- struct{}{}
	h.b.await()
	<-h.oSlots
	releaseOxygen()
}

// barrier is a cyclic barrier of three.
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
