// Package h2o is a known-bad H2O.
//
// Bug: a barrier of three plus counting semaphores, but the oxygen semaphore has two
// slots instead of one, so two oxygens and a hydrogen can pass the barrier together.
// Verdict: "two oxygens" (or "molecules overlap": the second oxygen place also lets an
// oxygen of the next molecule through early).
package h2o

import "sync"

type H2O struct {
	hSlots, oSlots chan struct{}
	b              barrier
}

func New() *H2O {
	return &H2O{hSlots: make(chan struct{}, 2), oSlots: make(chan struct{}, 2)}
}

func (h *H2O) Hydrogen(releaseHydrogen func()) {
	h.hSlots <- struct{}{}
	h.b.await()
	releaseHydrogen()
	<-h.hSlots
}

func (h *H2O) Oxygen(releaseOxygen func()) {
	h.oSlots <- struct{}{}
	h.b.await()
	releaseOxygen()
	<-h.oSlots
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
