// Package trafficlight is a known-bad Light.
//
// Bug: every car reports its crossing to a logger from a goroutine of its own, on an
// unbuffered channel that nobody reads: each of those goroutines blocks forever.
// Verdict: "goroutine leak".
package trafficlight

import (
	"fmt"
	"sync"
)

type Light struct {
	turnstile    sync.Mutex
	intersection chan struct{}
	roads        [2]lightswitch
	green        int
	log          chan int
}

type lightswitch struct {
	mu   sync.Mutex
	cars int
}

func New() *Light {
	return &Light{intersection: make(chan struct{}, 1), green: 1, log: make(chan int)}
}

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
		if l.green != road {
			turnGreen()
			l.green = road
		}
	}
	s.mu.Unlock()
	l.turnstile.Unlock()
	crossCar()
	go func() { l.log <- carID }() // tell a logger that nobody runs
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cars--
	if s.cars == 0 {
		<-l.intersection
	}
}
