// Package trafficlight is the reference solution of the Traffic Light Controlled
// Intersection kata.
package trafficlight

import (
	"fmt"
	"sync"
)

// Light is the no-starve light switch of the Little Book of Semaphores (its unisex
// bathroom): the intersection is a token that one road holds at a time. The first car of
// a road to come in takes the token for its road (turning the light green if needed) and
// the last one out gives it back, so cars of one road cross together. A turnstile that
// every car passes on arrival keeps the order between roads: a car waiting for the token
// holds the turnstile, so the cars that arrive after it, on either road, wait behind it.
type Light struct {
	turnstile    sync.Mutex
	intersection chan struct{} // holds a token while a road has the intersection
	roads        [2]lightswitch
	green        int // the road the light is green on; only the token's holder uses it
}

// A lightswitch counts the cars of one road in the intersection.
type lightswitch struct {
	mu   sync.Mutex
	cars int
}

// New returns a Light that is green on road 1, with no car at the intersection.
func New() *Light {
	return &Light{intersection: make(chan struct{}, 1), green: 1}
}

// CarArrived lets the car cross when its road has the intersection, turning the light
// green first if it is red on the car's road.
func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	s := &l.roads[road-1]

	l.turnstile.Lock()
	s.mu.Lock()
	s.cars++
	if s.cars == 1 { // first in: take the intersection for the road
		l.intersection <- struct{}{}
		if l.green != road {
			turnGreen()
			l.green = road
		}
	}
	s.mu.Unlock()
	l.turnstile.Unlock()

	crossCar()

	s.mu.Lock()
	defer s.mu.Unlock()
	s.cars--
	if s.cars == 0 { // last out: give the intersection back
		<-l.intersection
	}
}
