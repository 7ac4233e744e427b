// Package trafficlight is the Traffic Light Controlled Intersection kata: cars of two
// roads share an intersection under one traffic light.
package trafficlight

// Light controls the intersection of road 1 (directions 1 and 2) and road 2 (directions 3
// and 4). The light is green on one road at a time; at New it is green on road 1. Any
// goroutine may call CarArrived, for any car, at any time; a car arrives when CarArrived
// is called.
//
// The rules CarArrived keeps:
//   - The car crosses exactly once: crossCar is called once, before CarArrived returns.
//   - crossCar runs only while the light is green on the car's road, and cars of
//     different roads never cross at the same time.
//   - turnGreen is called exactly when the light changes: by a car of the red road,
//     before it crosses, while no car of the other road is crossing, never when the light
//     is already green on that road, and at most once per car. The light is green on the
//     new road only once turnGreen has returned: no car crosses while it runs.
//   - Cars of the green road cross without waiting for each other (no lock around the
//     crossing).
//   - No starvation: cars of different roads cross in the order they arrived. A car that
//     arrives on the green road while a car of the red road waits does not cross before
//     that car: it waits for the switch. Cars of one road that may cross, cross together.
//   - Waiting blocks the goroutine (a sync.Mutex, channel or sync.Cond): it never spins,
//     polls or sleeps. A Light leaves no goroutine behind once every call has returned.
type Light struct {
	// Add the fields you need.
}

// New returns a Light that is green on road 1, with no car at the intersection.
func New() *Light {
	panic("trafficlight: not implemented")
}

// CarArrived lets car carID, coming from direction on road, cross: it waits until the
// car may cross, calls turnGreen first if the light is red on road, then calls crossCar
// and returns. It panics with "trafficlight: no road N" (N the argument) before calling
// anything if road is not 1 or 2.
func (l *Light) CarArrived(carID, road, direction int, turnGreen, crossCar func()) {
	panic("trafficlight: not implemented")
}
