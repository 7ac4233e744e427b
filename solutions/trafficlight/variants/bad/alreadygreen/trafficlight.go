// Package trafficlight is a known-bad Light.
//
// Bug: the light switch of the reference, but the first car of a road to come in always
// calls turnGreen, also when the light is already green on its road. Verdict: "turnGreen
// when already green".
package trafficlight

import (
	"fmt"
	"sync"
)

type Light struct {
	turnstile    sync.Mutex
	intersection chan struct{}
	roads        [2]lightswitch
}

type lightswitch struct {
	mu   sync.Mutex
	cars int
}

func New() *Light { return &Light{intersection: make(chan struct{}, 1)} }

func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	s := &l.roads[road-1]
	l.turnstile.Lock()
	s.mu.Lock()
	s.cars++
	if s.cars == 1 {
		l.intersection <- struct{}{}
		turnGreen()
	}
	s.mu.Unlock()
	l.turnstile.Unlock()
	crossCar()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cars--
	if s.cars == 0 {
		<-l.intersection
	}
}
