// Package printinorder deadlocks: First locks a mutex it already holds.
package printinorder

import "sync"

type Foo struct{ mu sync.Mutex }

func New() *Foo { return &Foo{} }

func (f *Foo) First(p func())  { f.mu.Lock(); p(); f.mu.Lock() }
func (f *Foo) Second(p func()) { p() }
func (f *Foo) Third(p func())  { p() }
