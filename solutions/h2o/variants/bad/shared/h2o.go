// Package h2o is a known-bad H2O.
//
// Bug: the queues of waiting atoms are package variables, shared by every H2O: atoms of
// different H2Os form molecules together. Verdict: "must not share state".
package h2o

import "sync"

var (
	mu        sync.Mutex
	hydrogens []chan struct{}
	oxygens   []chan struct{}
	releasing int
)

type H2O struct{}

func New() *H2O { return &H2O{} }

func (h *H2O) Hydrogen(releaseHydrogen func()) { atom(&hydrogens, releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { atom(&oxygens, releaseOxygen) }

func atom(queue *[]chan struct{}, release func()) {
	formed := make(chan struct{})
	mu.Lock()
	*queue = append(*queue, formed)
	form()
	mu.Unlock()
	<-formed
	release()
	mu.Lock()
	defer mu.Unlock()
	releasing--
	form()
}

func form() {
	if releasing > 0 || len(hydrogens) < 2 || len(oxygens) < 1 {
		return
	}
	releasing = 3
	close(hydrogens[0])
	close(hydrogens[1])
	close(oxygens[0])
	hydrogens = hydrogens[2:]
	oxygens = oxygens[1:]
}
