// Package trafficlight is a known-bad Light.
//
// Bug: the Cond-and-queue light, but it wakes one waiting car with Signal instead of
// all of them with Broadcast: when several cars of a road may cross, only one is woken,
// and the others wait although the light is green for them. Verdict: "late".
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
	if l.green != road {
		turnGreen()
		l.green = road
	}
	l.crossing++
	l.mu.Unlock()

	crossCar()

	l.mu.Lock()
	l.crossing--
	l.cond.Signal()
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
