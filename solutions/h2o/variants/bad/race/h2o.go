// Package h2o is a known-bad H2O.
//
// Bug: an atom counts its release as done without the lock; the three atoms of a
// molecule decrement the counter at the same time. Verdict: "DATA RACE".
package h2o

import "sync"

type H2O struct {
	mu        sync.Mutex
	hydrogens []chan struct{}
	oxygens   []chan struct{}
	releasing int
}

func New() *H2O { return &H2O{} }

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom(&h.hydrogens, releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom(&h.oxygens, releaseOxygen) }

func (h *H2O) atom(queue *[]chan struct{}, release func()) {
	formed := make(chan struct{})
	h.mu.Lock()
	*queue = append(*queue, formed)
	h.form()
	h.mu.Unlock()
	<-formed
	release()
	h.releasing-- // without h.mu
	h.mu.Lock()
	defer h.mu.Unlock()
	h.form()
}

func (h *H2O) form() {
	if h.releasing > 0 || len(h.hydrogens) < 2 || len(h.oxygens) < 1 {
		return
	}
	h.releasing = 3
	close(h.hydrogens[0])
	close(h.hydrogens[1])
	close(h.oxygens[0])
	h.hydrogens = h.hydrogens[2:]
	h.oxygens = h.oxygens[1:]
}
