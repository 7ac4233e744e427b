// Package h2o is a known-bad H2O.
//
// Bug: all atoms wait on one sync.Cond, but a molecule that forms wakes only one waiter
// with Signal: the other two atoms of the molecule (and the wakeup, when the woken one
// is of the wrong kind) are lost. Verdict: "deadlock".
package h2o

import "sync"

type H2O struct {
	mu        sync.Mutex
	cond      *sync.Cond
	waitingH  int // hydrogens waiting, not yet in a molecule
	waitingO  int
	freeH     int // places of the forming molecule not yet taken
	freeO     int
	releasing int // releases of the current molecule not yet returned
}

func New() *H2O {
	h := &H2O{}
	h.cond = sync.NewCond(&h.mu)
	return h
}

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom(&h.waitingH, &h.freeH, releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom(&h.waitingO, &h.freeO, releaseOxygen) }

func (h *H2O) atom(waiting, free *int, release func()) {
	h.mu.Lock()
	*waiting++
	h.form()
	for *free == 0 {
		h.cond.Wait()
	}
	*free--
	h.mu.Unlock()

	release()

	h.mu.Lock()
	defer h.mu.Unlock()
	h.releasing--
	h.form()
}

// form opens the places of the next molecule when no molecule is being released and two
// hydrogens and an oxygen wait. h.mu must be held.
func (h *H2O) form() {
	if h.releasing > 0 || h.waitingH < 2 || h.waitingO < 1 {
		return
	}
	h.waitingH -= 2
	h.waitingO--
	h.freeH, h.freeO, h.releasing = 2, 1, 3
	h.cond.Signal() // wakes one waiter; the molecule has three
}
