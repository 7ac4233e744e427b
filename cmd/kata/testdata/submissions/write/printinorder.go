// Package printinorder writes into the grader's checkout and into /tmp, outside the
// grade's temporary folder (the test puts the paths in place of @CHECKOUT@ and
// @TMPFILE@); a correct solution otherwise, which crashes if a write got through.
package printinorder

import "os"

var escaped string

func init() {
	if os.WriteFile("@CHECKOUT@/pwned.go", []byte("package pwned\n"), 0o644) == nil {
		escaped += "wrote into the checkout; "
	}
	if os.WriteFile("@TMPFILE@", []byte("pwned\n"), 0o644) == nil {
		escaped += "wrote into /tmp; "
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
