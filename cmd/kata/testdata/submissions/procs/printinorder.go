// Package printinorder starts processes in a loop, up to 1000 (the test names them by
// the time they sleep, @MARK@ seconds); a correct solution otherwise, which crashes if
// nothing stopped the loop. Never grade it outside the sandbox.
package printinorder

import "os/exec"

var escaped string

func init() {
	var started []*exec.Cmd
	for range 1000 {
		cmd := exec.Command("sleep", "@MARK@")
		if cmd.Start() != nil {
			break
		}
		started = append(started, cmd)
	}
	if len(started) == 1000 {
		escaped = "started 1000 processes"
	}
	for _, cmd := range started {
		cmd.Process.Kill()
		cmd.Wait()
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
