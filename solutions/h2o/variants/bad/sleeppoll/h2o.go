// Package h2o is a known-bad H2O.
//
// Bug: an atom polls for its molecule, sleeping a millisecond between looks.
// Verdict: "sleep".
package h2o

import (
	"sync"
	"time"
)

type H2O struct {
	mu        sync.Mutex
	hydrogens []*bool
	oxygens   []*bool
	releasing int
}

func New() *H2O { return &H2O{} }

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom(&h.hydrogens, releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom(&h.oxygens, releaseOxygen) }

func (h *H2O) atom(queue *[]*bool, release func()) {
	formed := new(bool)
	h.mu.Lock()
	*queue = append(*queue, formed)
	h.form()
	for !*formed {
		h.mu.Unlock()
		time.Sleep(time.Millisecond)
		h.mu.Lock()
	}
	h.mu.Unlock()
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
	*h.hydrogens[0], *h.hydrogens[1], *h.oxygens[0] = true, true, true
	h.hydrogens = h.hydrogens[2:]
	h.oxygens = h.oxygens[1:]
}
