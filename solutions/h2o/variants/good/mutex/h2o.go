// Package h2o is a correct H2O in which each waiting atom blocks on a sync.Mutex of its
// own, locked when it arrives and unlocked by the goroutine that forms its molecule (a
// mutex may be unlocked by another goroutine than the one that locked it).
package h2o

import "sync"

type H2O struct {
	mu        sync.Mutex
	hydrogens []*sync.Mutex
	oxygens   []*sync.Mutex
	releasing int
}

func New() *H2O { return &H2O{} }

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom(&h.hydrogens, releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom(&h.oxygens, releaseOxygen) }

func (h *H2O) atom(queue *[]*sync.Mutex, release func()) {
	gate := new(sync.Mutex)
	gate.Lock()
	h.mu.Lock()
	*queue = append(*queue, gate)
	h.form()
	h.mu.Unlock()

	gate.Lock() // until form unlocks it
	release()

	h.mu.Lock()
	defer h.mu.Unlock()
	h.releasing--
	h.form()
}

// form unlocks the gates of the next molecule when no molecule is being released and two
// hydrogens and an oxygen wait. h.mu must be held.
func (h *H2O) form() {
	if h.releasing > 0 || len(h.hydrogens) < 2 || len(h.oxygens) < 1 {
		return
	}
	h.releasing = 3
	h.hydrogens[0].Unlock()
	h.hydrogens[1].Unlock()
	h.oxygens[0].Unlock()
	h.hydrogens = h.hydrogens[2:]
	h.oxygens = h.oxygens[1:]
}
