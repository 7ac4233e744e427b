package tailservertest

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// logBuilder writes logs by hand for the tests of replay: one Server, files "a.log"
// and "b.log" given to Add as "/d/a.log" and "/d/b.log".
type logBuilder struct {
	events []event
	ids    int
	writes int
}

var testPaths = []string{"/d/a.log", "/d/b.log"}

func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

func (b *logBuilder) appendAt(at time.Duration, file int, text string) *logBuilder {
	b.events = append(b.events, event{kind: evAppend, at: at, server: -1, file: file, text: text})
	return b
}

// callAt logs a call and its return at the same instant.
func (b *logBuilder) callAt(at time.Duration, c call, file int, err error) *logBuilder {
	b.begin(at, c, file)
	return b.end(at, c, file, b.ids, err)
}

// begin logs a call; calls are numbered from 1 in the order they are logged.
func (b *logBuilder) begin(at time.Duration, c call, file int) *logBuilder {
	b.ids++
	name := ""
	if file >= 0 {
		name = [...]string{"a.log", "b.log"}[file]
	}
	b.events = append(b.events, event{kind: evCall, at: at, file: file, call: c, id: b.ids, text: name})
	return b
}

// end logs the return of call id.
func (b *logBuilder) end(at time.Duration, c call, file, id int, err error) *logBuilder {
	running := false
	for _, ev := range b.events {
		if ev.id == id && ev.call == c && ev.file == file {
			running = ev.kind == evCall
		}
	}
	if !running {
		panic("logBuilder: the return of a call that is not running")
	}
	b.events = append(b.events, event{kind: evReturn, at: at, file: file, call: c, id: id, err: err})
	return b
}

func (b *logBuilder) printAt(at time.Duration, text string, err error) *logBuilder {
	b.writes++
	b.events = append(b.events, event{kind: evWrite, at: at, file: -1, text: text, n: b.writes, err: err})
	return b
}

func TestReplay(t *testing.T) {
	s := schedule{interval: ms(5), servers: 1, files: []fileSpec{{name: "a.log", old: "old\n"}, {name: "b.log"}}}
	errClosed := errors.New("closed")
	errWrite := &WriteError{N: 1}
	tests := []struct {
		name string
		log  *logBuilder
		want string // "" or text the verdict contains
	}{
		{"printed exactly one interval after the append", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").printAt(ms(6), "/d/a.log: a1\n", nil).
			callAt(ms(7), callClose, -1, nil), ""},
		{"printed 1ns later", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").printAt(ms(6)+1, "/d/a.log: a1\n", nil).
			callAt(ms(7), callClose, -1, nil), "late: line \"a1\""},
		{"not printed one interval after the append", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").appendAt(ms(6)+1, 1, "x"), "still not printed"},
		{"a line in two appends, printed once whole", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a").appendAt(ms(2), 0, "1\n").
			printAt(ms(5), "/d/a.log: a1\n", nil).callAt(ms(7), callClose, -1, nil), ""},
		{"the start of a line printed before its newline", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a").printAt(ms(5), "/d/a.log: a\n", nil),
			"before its newline was appended"},
		{"the trailing partial line printed by Remove", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\na2").printAt(ms(5), "/d/a.log: a1\n", nil).
			begin(ms(6), callRemove, 0).printAt(ms(6), "/d/a.log: a2\n", nil).end(ms(6), callRemove, 0, 2, nil).
			callAt(ms(7), callClose, -1, nil), ""},
		{"Remove returned without the trailing partial line", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1").callAt(ms(2), callRemove, 0, nil),
			"without printing the trailing partial line \"a1\""},
		{"Remove returned before a line not polled yet", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").callAt(ms(2), callRemove, 0, nil),
			"Remove(a.log) returned before printing line \"a1\""},
		{"printed after Remove returned", new(logBuilder).
			callAt(0, callAdd, 0, nil).callAt(ms(2), callRemove, 0, nil).appendAt(ms(3), 0, "x\n").
			printAt(ms(4), "/d/a.log: x\n", nil), "after Remove(a.log) returned"},
		{"a line from before Add", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").printAt(ms(2), "/d/a.log: old\n", nil),
			"held before Add was called"},
		{"a lost line", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\na2\n").printAt(ms(2), "/d/a.log: a2\n", nil),
			"line \"a1\" of a.log was never printed"},
		{"a line printed twice", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\na2\n").printAt(ms(2), "/d/a.log: a1\n", nil).
			printAt(ms(2), "/d/a.log: a1\n", nil), "twice"},
		{"an empty line", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "\n\n").printAt(ms(2), "/d/a.log: \n", nil).
			printAt(ms(2), "/d/a.log: \n", nil).callAt(ms(7), callClose, -1, nil), ""},
		{"two lines in one Write", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\na2\n").printAt(ms(2), "/d/a.log: a1\n/d/a.log: a2\n", nil),
			"write each line with its own Write call"},
		{"a cleaned path", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").printAt(ms(2), "d/a.log: a1\n", nil),
			"print it exactly as it was given to Add"},
		{"a second Add of a followed path", new(logBuilder).
			callAt(0, callAdd, 0, nil).callAt(ms(1), callAdd, 0, nil), "a.log is already followed"},
		{"Add of a missing file failing for Close, which ran meanwhile", new(logBuilder).
			callAt(0, callAdd, 0, nil).begin(ms(1), callAdd, -1).begin(ms(1), callClose, -1).
			end(ms(1), callAdd, -1, 2, errClosed).end(ms(1), callClose, -1, 3, nil), ""},
		{"Add of a missing file failing for Close, which did not run", new(logBuilder).
			callAt(0, callAdd, 0, nil).callAt(ms(1), callAdd, -1, errClosed), "does not wrap the os error"},
		{"Add racing Close, logged as returned after Close", new(logBuilder).
			begin(ms(1), callAdd, 1).begin(ms(1), callClose, -1).end(ms(1), callClose, -1, 2, nil).
			end(ms(1), callAdd, 1, 1, nil), ""},
		{"a line appended after Close was called need not be printed", new(logBuilder).
			callAt(0, callAdd, 0, nil).begin(ms(1), callClose, -1).appendAt(ms(1), 0, "a1\n").
			appendAt(ms(9), 1, "x").end(ms(10), callClose, -1, 2, nil), ""},
		{"Close printed part of a line that was whole when it was called", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a").appendAt(ms(2), 0, "1\n").begin(ms(3), callClose, -1).
			printAt(ms(3), "/d/a.log: a\n", nil).end(ms(3), callClose, -1, 2, nil),
			"Close printed only part of line \"a1\""},
		{"Close returns the first Write error", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").printAt(ms(5), "/d/a.log: a1\n", errWrite).
			callAt(ms(7), callClose, -1, errWrite), ""},
		{"Close loses the Write error", new(logBuilder).
			callAt(0, callAdd, 0, nil).appendAt(ms(1), 0, "a1\n").printAt(ms(5), "/d/a.log: a1\n", errWrite).
			callAt(ms(7), callClose, -1, nil), "Close returned nil, but Write 1"},
		{"printed after Close returned", new(logBuilder).
			callAt(0, callAdd, 0, nil).callAt(ms(1), callClose, -1, nil).printAt(ms(2), "/d/a.log: x\n", nil),
			"after Close returned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := replay(s, testPaths, tt.log.events, 0)
			switch {
			case tt.want == "" && got != "":
				t.Errorf("replay: %s; want no verdict", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("replay: %q; want a verdict containing %q", got, tt.want)
			}
		})
	}
}

func TestFailPlan(t *testing.T) {
	p := failPlan{from: 3, count: 2, every: 3}
	var failed []int
	for n := 1; n <= 12; n++ {
		if p.fails(n) {
			failed = append(failed, n)
		}
	}
	if got, want := failed, []int{3, 4, 6, 9, 12}; !equal(got, want) {
		t.Errorf("%s: Writes %v fail, want %v", p, got, want)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
