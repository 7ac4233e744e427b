// Package trafficlight is a known-bad Light.
//
// Bug: the Cond-and-queue light with a "fast path": a car reads the light's colour
// without the lock and skips the queue when its road is green and nobody waits. The
// read races with the writes of cars that switch the light. Verdict: the race detector's
// "DATA RACE".
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
	if l.green == road && len(l.waiting) == 0 { // unsynchronized reads
		l.mu.Lock()
	} else {
		l.mu.Lock()
	}
	t := l.next
	l.next++
	l.waiting = append(l.waiting, waiter{t, road})
	for !l.mayCross(t, road) {
		l.cond.Wait()
	}
	l.waiting = slices.DeleteFunc(l.waiting, func(w waiter) bool { return w.ticket == t })
	if l.green != road {
		turnGreen()
		l.green = road
	}
	l.crossing++
	l.cond.Broadcast()
	l.mu.Unlock()

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
