// Package printinorder reads a file in the grader's home and its checkout's .git (the
// test puts their paths in place of @HOME@ and @CHECKOUT@); a correct solution
// otherwise, which crashes if it read them.
package printinorder

import "os"

var escaped string

func init() {
	if b, err := os.ReadFile("@HOME@/secret"); err == nil {
		escaped += "read the grader's secret: " + string(b) + "; "
	}
	if _, err := os.ReadFile("@CHECKOUT@/.git/config"); err == nil {
		escaped += "read the checkout's .git/config; "
	}
}

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
