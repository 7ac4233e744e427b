// Package h2o is a known-bad H2O.
//
// Bug: one queue for both kinds of atom: when two hydrogens and an oxygen are waiting it
// releases the first three atoms of the queue, whatever their kinds; H H H O releases
// three hydrogens, O O H H two oxygens. Verdict: "three hydrogens" or "two oxygens".
package h2o

import "sync"

type waiter struct {
	kind   byte
	formed chan struct{}
}

type H2O struct {
	mu        sync.Mutex
	queue     []waiter
	releasing int
}

func New() *H2O { return &H2O{} }

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom('H', releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom('O', releaseOxygen) }

func (h *H2O) atom(kind byte, release func()) {
	w := waiter{kind, make(chan struct{})}
	h.mu.Lock()
	h.queue = append(h.queue, w)
	h.form()
	h.mu.Unlock()
	<-w.formed
	release()
	h.mu.Lock()
	defer h.mu.Unlock()
	h.releasing--
	h.form()
}

func (h *H2O) form() {
	hs, os := 0, 0
	for _, w := range h.queue {
		if w.kind == 'H' {
			hs++
		} else {
			os++
		}
	}
	if h.releasing > 0 || hs < 2 || os < 1 {
		return
	}
	h.releasing = 3
	for _, w := range h.queue[:3] { // the first three, not two hydrogens and an oxygen
		close(w.formed)
	}
	h.queue = h.queue[3:]
}
