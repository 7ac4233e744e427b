// Package trafficlight is a known-bad Light.
//
// Bug: the Cond-and-queue light, but the car that switches the light sets it green and
// wakes the others before it calls turnGreen (outside the lock, to keep the lock short):
// cars of its road cross while turnGreen still runs, on what is still red. Verdict:
// "crossed during turnGreen".
package trafficlight

import (
	"fmt"
	"slices"
	"sync"
)

type Light struct {
	mu       sync.Mutex
	cond     *sync.Cond
	green    int
	crossing int
	waiting  []waiter
	next     int
}

type waiter struct{ ticket, road int }

func New() *Light {
	l := &Light{green: 1}
	l.cond = sync.NewCond(&l.mu)
	return l
}

func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	l.mu.Lock()
	t := l.next
	l.next++
	l.waiting = append(l.waiting, waiter{t, road})
	for !l.mayCross(t, road) {
		l.cond.Wait()
	}
	l.waiting = slices.DeleteFunc(l.waiting, func(w waiter) bool { return w.ticket == t })
	switching := l.green != road
	l.green = road
	l.crossing++
	l.cond.Broadcast()
	l.mu.Unlock()

	if switching {
		turnGreen()
	}
	crossCar()

	l.mu.Lock()
	l.crossing--
	l.cond.Broadcast()
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
