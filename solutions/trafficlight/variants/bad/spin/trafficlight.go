// Package trafficlight is a known-bad Light.
//
// Bug: the Cond-and-queue light without the Cond: a waiting car unlocks, yields and
// checks again in a loop. Verdict: "busy-wait".
package trafficlight

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
)

type Light struct {
	mu       sync.Mutex
	green    int
	crossing int
	waiting  []waiter
	next     int
}

type waiter struct{ ticket, road int }

func New() *Light { return &Light{green: 1} }

func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	l.mu.Lock()
	t := l.next
	l.next++
	l.waiting = append(l.waiting, waiter{t, road})
	for !l.mayCross(t, road) {
		l.mu.Unlock()
		runtime.Gosched()
		l.mu.Lock()
	}
	l.waiting = slices.DeleteFunc(l.waiting, func(w waiter) bool { return w.ticket == t })
	if l.green != road {
		turnGreen()
		l.green = road
	}
	l.crossing++
	l.mu.Unlock()

	crossCar()

	l.mu.Lock()
	l.crossing--
	l.mu.Unlock()
}

func (l *Light) mayCross(ticket, road int) bool {
	for _, w := range l.waiting {
		if w.ticket < ticket && w.road != road {
			return false
		}
	}
	return l.green == road || l.crossing == 0
}
