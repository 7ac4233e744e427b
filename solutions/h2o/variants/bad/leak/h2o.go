// Package h2o is a known-bad H2O.
//
// Bug: New starts a matchmaker goroutine that pairs the atoms and never exits: every H2O
// leaves it behind. Verdict: "goroutine leak".
package h2o

type request struct {
	kind   byte
	formed chan struct{}
	done   chan struct{}
}

type H2O struct {
	arrive chan request
}

func New() *H2O {
	h := &H2O{arrive: make(chan request)}
	go h.matchmaker()
	return h
}

func (h *H2O) Hydrogen(releaseHydrogen func()) { h.atom('H', releaseHydrogen) }

func (h *H2O) Oxygen(releaseOxygen func()) { h.atom('O', releaseOxygen) }

func (h *H2O) atom(kind byte, release func()) {
	r := request{kind, make(chan struct{}), make(chan struct{})}
	h.arrive <- r
	<-r.formed
	release()
	close(r.done)
}

// matchmaker forms the molecules one at a time, forever.
func (h *H2O) matchmaker() {
	var hs, os []request
	for r := range h.arrive {
		if r.kind == 'H' {
			hs = append(hs, r)
		} else {
			os = append(os, r)
		}
		for len(hs) >= 2 && len(os) >= 1 {
			molecule := []request{hs[0], hs[1], os[0]}
			hs, os = hs[2:], os[1:]
			for _, m := range molecule {
				close(m.formed)
			}
			for _, m := range molecule {
				<-m.done
			}
		}
	}
}
