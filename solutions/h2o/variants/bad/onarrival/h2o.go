// Package h2o is a known-bad H2O.
//
// Bug: the widely copied semaphore answer. Two hydrogen slots: a hydrogen takes a slot,
// releases at once and tells the oxygens; an oxygen waits for two hydrogens' signals,
// releases and frees both slots. A hydrogen is released on arrival, before the oxygen
// of its molecule has arrived. Verdict: "released too early".
package h2o

type H2O struct {
	hSlots chan struct{} // two tokens: hydrogens that may release
	hDone  chan struct{} // a token per hydrogen released
	oTurn  chan struct{} // one oxygen at a time takes two hydrogens
}

func New() *H2O {
	h := &H2O{hSlots: make(chan struct{}, 2), hDone: make(chan struct{}, 2), oTurn: make(chan struct{}, 1)}
	h.hSlots <- struct{}{}
	h.hSlots <- struct{}{}
	return h
}

func (h *H2O) Hydrogen(releaseHydrogen func()) {
	<-h.hSlots
	releaseHydrogen()
	h.hDone <- struct{}{}
}

func (h *H2O) Oxygen(releaseOxygen func()) {
	h.oTurn <- struct{}{}
	<-h.hDone
	<-h.hDone
	releaseOxygen()
	h.hSlots <- struct{}{}
	h.hSlots <- struct{}{}
	<-h.oTurn
}
