// Package printinorder never lets the judge start: an init function spins forever.
package printinorder

var spins int

func init() {
	for {
		spins++
	}
}

type Foo struct{}

func New() *Foo { return &Foo{} }

func (f *Foo) First(p func())  { p() }
func (f *Foo) Second(p func()) { p() }
func (f *Foo) Third(p func())  { p() }
