// Package trafficlight is a known-bad Light.
//
// Bug: one mutex around the whole crossing (LeetCode's judge accepts it): the light is
// always right, but cars of the green road cross one at a time. Verdict: "late".
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
	defer l.mu.Unlock()
	if l.green != road {
		turnGreen()
		l.green = road
	}
	crossCar()
}
