// Package printinorder connects to the grader's listener on 127.0.0.1 (the test puts
// its port in place of @PORT@); a correct solution otherwise, which crashes if it
// got through.
package printinorder

import (
	"net"
	"time"
)

var escaped string

func init() {
	if c, err := net.DialTimeout("tcp", "127.0.0.1:@PORT@", 2*time.Second); err == nil {
		c.Write([]byte("hello from the submission\n"))
		c.Close()
		escaped = "connected to the grader's listener"
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
