// Package printinorder is a wrong submission: Third waits for First, not for Second.
package printinorder

type Foo struct{ first, second chan struct{} }

func New() *Foo { return &Foo{first: make(chan struct{}), second: make(chan struct{})} }

func (f *Foo) First(p func())  { p(); close(f.first) }
func (f *Foo) Second(p func()) { <-f.first; p(); close(f.second) }
func (f *Foo) Third(p func())  { <-f.first; p() }
