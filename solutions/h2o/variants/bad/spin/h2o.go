// Package h2o is a known-bad H2O.
//
// Bug: an atom waits for its molecule by spinning on an atomic flag instead of blocking.
// Verdict: "busy-wait".
package h2o

import (
	"sync"
	"sync/atomic"
)

type H2O struct {
	mu        sync.Mutex
	hydrogens []*atomic.Bool
	oxygens   []*atomic.Bool
	releasing int
}

func New() *H2O { return &H2O{} }

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom(&h.hydrogens, releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom(&h.oxygens, releaseOxygen) }

func (h *H2O) atom(queue *[]*atomic.Bool, release func()) {
	formed := new(atomic.Bool)
	h.mu.Lock()
	*queue = append(*queue, formed)
	h.form()
	h.mu.Unlock()
	for !formed.Load() {
	}
	release()
	h.mu.Lock()
	defer h.mu.Unlock()
	h.releasing--
	h.form()
}

func (h *H2O) form() {
	if h.releasing > 0 || len(h.hydrogens) < 2 || len(h.oxygens) < 1 {
		return
	}
	h.releasing = 3
	h.hydrogens[0].Store(true)
	h.hydrogens[1].Store(true)
	h.oxygens[0].Store(true)
	h.hydrogens = h.hydrogens[2:]
	h.oxygens = h.oxygens[1:]
}
