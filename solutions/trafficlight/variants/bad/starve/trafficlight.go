// Package trafficlight is a known-bad Light.
//
// Bug: the light switch without a turnstile: while cars keep coming on the green road,
// the last one never leaves and a car of the red road waits forever; cars that arrive on
// the green road after it cross first. Verdict: "overtaken".
package trafficlight

import (
	"fmt"
	"sync"
)

type Light struct {
	intersection chan struct{}
	roads        [2]lightswitch
	green        int
}

type lightswitch struct {
	mu   sync.Mutex
	cars int
}

func New() *Light { return &Light{intersection: make(chan struct{}, 1), green: 1} }

func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	s := &l.roads[road-1]
	s.mu.Lock()
	s.cars++
	if s.cars == 1 {
		l.intersection <- struct{}{}
		if l.green != road {
			turnGreen()
			l.green = road
		}
	}
	s.mu.Unlock()
	crossCar()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cars--
	if s.cars == 0 {
		<-l.intersection
	}
}
