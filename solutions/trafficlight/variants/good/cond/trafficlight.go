// Package trafficlight is a correct Light: a sync.Cond and a queue of waiting cars.
//
// Every arriving car takes a ticket and joins the queue. A car may cross when no car of
// the other road with an earlier ticket is still waiting, and the light is green on its
// road or nobody is crossing (then it turns the light). Every change wakes all waiting
// cars, which check again.
package trafficlight

import (
	"fmt"
	"slices"
	"sync"
)

// Light keeps the light, the cars crossing and the queue under one mutex.
type Light struct {
	mu       sync.Mutex
	changed  *sync.Cond
	green    int
	crossing int
	waiting  []waiter // in ticket order
	next     int      // the next ticket
}

type waiter struct{ ticket, road int }

// New returns a Light that is green on road 1, with no car at the intersection.
func New() *Light {
	l := &Light{green: 1}
	l.changed = sync.NewCond(&l.mu)
	return l
}

// CarArrived queues the car, waits for its turn, switches the light if needed, and lets
// it cross.
func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	l.mu.Lock()
	ticket := l.next
	l.next++
	l.waiting = append(l.waiting, waiter{ticket, road})
	for !l.mayCross(ticket, road) {
		l.changed.Wait()
	}
	l.waiting = slices.DeleteFunc(l.waiting, func(w waiter) bool { return w.ticket == ticket })
	if l.green != road {
		turnGreen() // under the lock: nobody crosses until it has returned
		l.green = road
	}
	l.crossing++
	l.changed.Broadcast() // cars of this road behind this one may go too
	l.mu.Unlock()

	crossCar()

	l.mu.Lock()
	defer l.mu.Unlock()
	l.crossing--
	if l.crossing == 0 {
		l.changed.Broadcast()
	}
}

// mayCross reports whether the car with ticket may cross now; l.mu is held.
func (l *Light) mayCross(ticket, road int) bool {
	for _, w := range l.waiting {
		if w.ticket < ticket && w.road != road {
			return false
		}
	}
	return l.green == road || l.crossing == 0
}
