// Package printinorder is a correct solution that crashes when the attack beside it (the
// fixture's attack.go, whose init runs first) got through: it then says what escaped.
package printinorder

// escaped says what an attack did that the sandbox should have stopped.
var escaped string

type Foo struct{ first, second chan struct{} }

func New() *Foo { return &Foo{first: make(chan struct{}), second: make(chan struct{})} }

func (f *Foo) First(p func()) {
	if escaped != "" {
		panic("escaped: " + escaped)
	}
	p()
	close(f.first)
}
func (f *Foo) Second(p func()) { <-f.first; p(); close(f.second) }
func (f *Foo) Third(p func())  { <-f.second; p() }
