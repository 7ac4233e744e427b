// Package trafficlight is a known-bad Light.
//
// Bug: a car of the red road turns the light green at once, without waiting for the cars
// of the other road that are still crossing. Verdict: "turnGreen while crossing".
package trafficlight

import (
	"fmt"
	"sync"
)

type Light struct {
	mu    sync.Mutex
	green int
}

func New() *Light { return &Light{green: 1} }

func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	l.mu.Lock()
	if l.green != road {
		turnGreen()
		l.green = road
	}
	l.mu.Unlock()
	crossCar()
}
