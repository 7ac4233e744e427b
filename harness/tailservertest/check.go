// Package tailservertest checks implementations of the tailserver kata.
package tailservertest

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
)

// Server is the API of the kata.
type Server interface {
	Add(path string) error
	Remove(path string) error
	Close() error
}

// Schedules is how many generated schedules Check runs.
const Schedules = 200

// Check hammers the Servers that newServer returns, rule by rule: "basics", one file
// followed, removed and closed in fixed steps; "api", the errors of Add, Remove and
// Close, and a Write to out that fails; "schedules", generated schedules of several
// writer goroutines appending to real files while they Add and Remove them and Close
// comes at a random instant. Every run plays in a synctest bubble, so polling happens in
// fake time and the one-interval bound is exact.
//
// Every line of every file is checked against what was appended: printed exactly once,
// whole, in file order, as one Write of "<path>: <line>\n", never two Writes at once, at
// most one interval after its newline was appended, before Remove or Close returns, and
// never after. Add and Remove must fail and succeed as the contract says, Close must
// return the first Write error, and nothing may be left behind: no goroutine, no open
// file.
func Check[S Server](t *testing.T, newServer func(out io.Writer, interval time.Duration) S) {
	t.Helper()
	pkg := harness.PackageOf(newServer)
	w := harness.StartWatchdog(t, pkg)
	r := &runner{pkg: pkg, w: w, newServer: func(out io.Writer, d time.Duration) Server { return newServer(out, d) }}

	harness.Rules(t,
		harness.Rule{Name: "basics", Check: func(t *testing.T) { r.fixed(t, basics()) }},
		harness.Rule{Name: "api", Check: func(t *testing.T) { r.fixed(t, api()) }},
		harness.Rule{Name: "schedules", Check: func(t *testing.T) {
			r.dir = t.TempDir()
			harness.Check(t, Schedules, func(rt *rapid.T) {
				s := draw(rt)
				rt.Logf("schedule: %s", s)
				if msg, tl := r.run(t, s); msg != "" {
					rt.Fatal(tl.Attach(msg))
				}
			})
		}},
	)
}

// fixed runs fixed schedules, stopping at the first that fails.
func (r *runner) fixed(t *testing.T, schedules []schedule) {
	t.Helper()
	r.dir = t.TempDir()
	for _, s := range schedules {
		msg, tl := r.run(t, s)
		switch {
		case msg == "":
		case strings.Contains(msg, ": not implemented yet"):
			t.Fatal(msg)
		default:
			t.Fatal(harness.Draw(tl.Attach(fmt.Sprintf("%s\n  schedule: %s", msg, s))))
		}
	}
}
