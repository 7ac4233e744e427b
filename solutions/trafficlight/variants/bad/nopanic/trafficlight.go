// Package trafficlight is a known-bad Light.
//
// Bug: the road is not checked: any road other than 1 is taken for road 2, so
// CarArrived(1, 0, 1, ...) turns the light and crosses. Verdict: "returned; want a
// panic".
package trafficlight

import "sync"

type Light struct {
	turnstile    sync.Mutex
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
	if road != 1 {
		road = 2
	}
	s := &l.roads[road-1]
	l.turnstile.Lock()
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
	l.turnstile.Unlock()
	crossCar()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cars--
	if s.cars == 0 {
		<-l.intersection
	}
}
