// Package h2o is the reference solution of the Building H2O kata.
package h2o

import "sync"

// H2O keeps the waiting atoms in two queues, each atom with a channel of its own that
// is closed when its molecule forms. A molecule forms when two hydrogens and an oxygen
// wait and no molecule is being released; the last of its three releases to return
// lets the next one form.
type H2O struct {
	mu        sync.Mutex
	hydrogens []chan struct{} // waiting hydrogens, in arrival order
	oxygens   []chan struct{} // waiting oxygens, in arrival order
	releasing int             // releases of the current molecule not yet returned
}

// New returns an H2O with no atom waiting.
func New() *H2O {
	return &H2O{}
}

// Hydrogen is a hydrogen atom: it waits until its molecule forms, then calls
// releaseHydrogen once and returns.
func (h *H2O) Hydrogen(releaseHydrogen func()) {
	h.atom(&h.hydrogens, releaseHydrogen)
}

// Oxygen is an oxygen atom: it waits until its molecule forms, then calls releaseOxygen
// once and returns.
func (h *H2O) Oxygen(releaseOxygen func()) {
	h.atom(&h.oxygens, releaseOxygen)
}

// atom queues the calling atom, waits until its molecule forms, releases it, and lets
// the next molecule form once the whole molecule is released.
func (h *H2O) atom(queue *[]chan struct{}, release func()) {
	formed := make(chan struct{})
	h.mu.Lock()
	*queue = append(*queue, formed)
	h.form()
	h.mu.Unlock()

	<-formed
	release()

	h.mu.Lock()
	defer h.mu.Unlock()
	h.releasing--
	h.form()
}

// form releases the next molecule if no molecule is being released and two hydrogens
// and an oxygen are waiting. h.mu must be held.
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
