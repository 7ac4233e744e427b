// Package h2o is a known-bad H2O.
//
// Bug: the oxygen makes the whole molecule: it calls the two hydrogens' releases itself,
// from its own goroutine, then lets them return. Verdict: "released from another
// goroutine".
package h2o

import "sync"

type H2O struct {
	mu        sync.Mutex
	hydrogens []hydrogen
	oxygens   []chan struct{}
	releasing chan struct{} // a token: a molecule is being released
}

type hydrogen struct {
	release func()
	done    chan struct{}
}

func New() *H2O {
	h := &H2O{releasing: make(chan struct{}, 1)}
	return h
}

func (h *H2O) Hydrogen(releaseHydrogen func()) {
	hy := hydrogen{releaseHydrogen, make(chan struct{})}
	h.mu.Lock()
	h.hydrogens = append(h.hydrogens, hy)
	h.form()
	h.mu.Unlock()
	<-hy.done
}

func (h *H2O) Oxygen(releaseOxygen func()) {
	turn := make(chan struct{})
	h.mu.Lock()
	h.oxygens = append(h.oxygens, turn)
	h.form()
	h.mu.Unlock()
	<-turn
	h.mu.Lock()
	pair := h.hydrogens[:2]
	h.hydrogens = h.hydrogens[2:]
	h.mu.Unlock()
	for _, hy := range pair {
		hy.release()
	}
	releaseOxygen()
	for _, hy := range pair {
		close(hy.done)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	<-h.releasing
	h.form()
}

func (h *H2O) form() {
	if len(h.hydrogens) < 2 || len(h.oxygens) < 1 {
		return
	}
	select {
	case h.releasing <- struct{}{}:
	default:
		return
	}
	close(h.oxygens[0])
	h.oxygens = h.oxygens[1:]
}
