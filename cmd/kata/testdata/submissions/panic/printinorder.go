// Package printinorder crashes the judge: a goroutine it starts panics.
package printinorder

type Foo struct{ first, second chan struct{} }

func New() *Foo { return &Foo{first: make(chan struct{}), second: make(chan struct{})} }

func (f *Foo) First(p func()) {
	p()
	go func() { panic("boom in a goroutine of mine") }()
	close(f.first)
}

func (f *Foo) Second(p func()) { <-f.first; p(); close(f.second) }
func (f *Foo) Third(p func())  { <-f.second; p() }
