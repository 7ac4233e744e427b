// Package printinorder does not compile: it calls a function that does not exist.
package printinorder

type Foo struct{}

func New() *Foo { return &Foo{} }

func (f *Foo) First(p func())  { p(); signalSecond() }
func (f *Foo) Second(p func()) { p() }
func (f *Foo) Third(p func())  { p() }
