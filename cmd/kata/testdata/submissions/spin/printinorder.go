// Package printinorder spins: First never returns and burns a CPU.
package printinorder

type Foo struct{ n int }

func New() *Foo { return &Foo{} }

func (f *Foo) First(p func()) {
	p()
	for {
		f.n++
	}
}

func (f *Foo) Second(p func()) { p() }
func (f *Foo) Third(p func())  { p() }
