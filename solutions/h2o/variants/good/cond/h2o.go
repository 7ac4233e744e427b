// Package h2o is a correct H2O with a monitor: a mutex, ticket counters and one
// sync.Cond on which every atom waits. Each atom takes a ticket of its kind on arrival;
// a molecule that forms admits the next two hydrogen tickets and the next oxygen ticket
// and wakes every waiter with Broadcast, so that the admitted atoms, and only they, go.
package h2o

import "sync"

type H2O struct {
	mu        sync.Mutex
	cond      *sync.Cond
	nextH     int // tickets handed out to hydrogens
	nextO     int
	admittedH int // hydrogens with a ticket below this may release
	admittedO int
	releasing int // releases of the current molecule not yet returned
}

func New() *H2O {
	h := &H2O{}
	h.cond = sync.NewCond(&h.mu)
	return h
}

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom(&h.nextH, &h.admittedH, releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom(&h.nextO, &h.admittedO, releaseOxygen) }

func (h *H2O) atom(next, admitted *int, release func()) {
	h.mu.Lock()
	ticket := *next
	*next++
	h.form()
	for ticket >= *admitted {
		h.cond.Wait()
	}
	h.mu.Unlock()

	release()

	h.mu.Lock()
	defer h.mu.Unlock()
	h.releasing--
	h.form()
}

// form admits the next molecule when no molecule is being released and two hydrogens
// and an oxygen wait. h.mu must be held.
func (h *H2O) form() {
	if h.releasing > 0 || h.nextH-h.admittedH < 2 || h.nextO-h.admittedO < 1 {
		return
	}
	h.admittedH += 2
	h.admittedO++
	h.releasing = 3
	h.cond.Broadcast()
}
