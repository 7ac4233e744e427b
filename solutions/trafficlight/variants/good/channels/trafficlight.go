// Package trafficlight is a correct Light built of channels only.
//
// The light switch with a turnstile, as in the reference, with every lock a channel that
// holds one token: the turnstile, each road's counter, and the intersection itself.
package trafficlight

import "fmt"

// Light holds its locks as channels of capacity one.
type Light struct {
	turnstile    chan struct{} // a token: take it to pass, give it back behind you
	intersection chan struct{} // a token while a road has the intersection
	roads        [2]road
	green        int // only the intersection's holder uses it
}

type road struct {
	lock chan struct{} // a token guarding cars
	cars int
}

// New returns a Light that is green on road 1, with no car at the intersection.
func New() *Light {
	l := &Light{turnstile: make(chan struct{}, 1), intersection: make(chan struct{}, 1), green: 1}
	for i := range l.roads {
		l.roads[i].lock = make(chan struct{}, 1)
	}
	return l
}

// CarArrived passes the turnstile, lets the car's road take the intersection if it is the
// first car in, crosses, and gives the intersection back if it is the last car out.
func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	if road != 1 && road != 2 {
		panic(fmt.Sprintf("trafficlight: no road %d", road))
	}
	r := &l.roads[road-1]

	l.turnstile <- struct{}{}
	r.lock <- struct{}{}
	r.cars++
	if r.cars == 1 {
		l.intersection <- struct{}{}
		if l.green != road {
			turnGreen()
			l.green = road
		}
	}
	<-r.lock
	<-l.turnstile

	crossCar()

	r.lock <- struct{}{}
	r.cars--
	if r.cars == 0 {
		<-l.intersection
	}
	<-r.lock
}
