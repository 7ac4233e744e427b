package tailservertest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/timeline"
)

// replayAll replays the log once for each Server and returns the first rule broken,
// and the span of the call or Write that broke it (nil when none did alone). When the
// first Server keeps the rules and another does not, they likely share state.
func replayAll(s schedule, paths []string, events []event) (string, *timeline.Span) {
	for k := range s.servers {
		msg, sp := replay(s, paths, events, k)
		switch {
		case msg == "":
			continue
		case k > 0:
			msg = fmt.Sprintf("with %d Servers following the same files, Server %d (separate Servers must not share state): %s", s.servers, k+1, msg)
		case s.servers > 1:
			msg = fmt.Sprintf("with %d Servers following the same files, Server %d: %s", s.servers, k+1, msg)
		}
		return msg, sp
	}
	return "", nil
}

// replay walks a run's log in order, keeping a model of every file (what was appended,
// what is followed, how much of it was printed), and returns the first rule the server
// broke, or "", and the span of the call or Write that broke it (nil for a line found
// overdue: no one event broke that rule).
func replay(s schedule, paths []string, events []event, server int) (string, *timeline.Span) {
	m := &model{s: s, paths: paths, calls: map[int]expectation{}}
	for i, f := range s.files {
		m.files = append(m.files, &fileState{idx: i, name: f.name, content: []byte(f.old), appended: map[int]time.Duration{}})
	}
	// A line found overdue is a broken rule, but the next print of its file may say
	// more (the line was lost, or printed late), so the replay goes on until the next
	// verdict: when a print of the same file breaks a rule, that verdict wins.
	overdue, overdueFile := "", -1
	for _, ev := range events {
		if ev.server != server && ev.kind != evAppend {
			continue
		}
		if overdue == "" {
			overdue, overdueFile = m.overdue(ev.at)
		}
		m.about = -1
		var msg string
		switch ev.kind {
		case evAppend:
			m.append(ev)
		case evCall:
			m.call(ev)
		case evReturn:
			msg = m.ret(ev)
		case evWrite:
			msg = m.write(ev)
		}
		switch {
		case msg == "":
		case overdue == "" || ev.kind == evWrite && m.about == overdueFile:
			return msg, ev.sp
		default:
			return overdue, nil
		}
	}
	return overdue, nil
}

type model struct {
	s        schedule
	paths    []string
	files    []*fileState
	calls    map[int]expectation
	closing  bool // Close has been called
	closed   bool // Close has returned
	closeAt  time.Duration
	about    int   // the file the last verdict is about, or -1
	firstErr error // the first error a Write returned
	failedAt int   // its Write's number
}

type fileState struct {
	idx      int
	name     string
	content  []byte
	appended map[int]time.Duration // offset of each newline -> when it was appended
	seg      *segment              // the current following, from Add to Remove or Close
	removed  bool                  // the last following ended with Remove
}

// A segment is one following of a file: from Add to Remove or Close.
type segment struct {
	start    int      // offset of the end of the file when Add was called
	pos      int      // offset of the next byte to print
	floor    int      // when the segment ends, pos must be at least this
	partial  bool     // a trailing partial line was printed: the segment is over
	partAt   int      // where that partial line starts
	nl       int      // the first newline at or after pos, when nl >= pos
	scanned  int      // content before this offset was searched for nl
	draining int      // Remove calls running
	printed  []string // the lines printed, shortened, for the diff in a verdict
}

// An expectation is what a call must return.
type expectation struct {
	call call
	file int
	name string // "Add(a.log)"
	at   time.Duration
	want want     // what it must return
	why  string   // why it must fail
	seg  *segment // the segment an Add starts or a Remove ends
}

type want int

const (
	wantNil      want = iota
	wantErr           // any error
	wantNotExist      // an error wrapping fs.ErrNotExist
	wantEither        // Close is running: nil or an error
)

// overdue returns a verdict when a whole line of a followed file is still not printed
// more than one interval after its newline was appended, at fake time now.
func (m *model) overdue(now time.Duration) (string, int) {
	for _, f := range m.files {
		seg := f.seg
		if seg == nil || seg.partial {
			continue
		}
		if seg.nl < seg.pos {
			from := max(seg.scanned, seg.pos)
			i := bytes.IndexByte(f.content[from:], '\n')
			if i < 0 {
				seg.scanned = len(f.content)
				continue
			}
			seg.nl = from + i
			seg.scanned = seg.nl + 1
		}
		if at := f.appended[seg.nl]; now > at+m.s.interval && m.due(seg, seg.nl) {
			line := string(f.content[seg.pos:seg.nl])
			msg := fmt.Sprintf("late: line %s of %s was appended at %v and still not printed at %v, more than one interval (%v) later", quote(line), f.name, at, now, m.s.interval)
			return msg + m.failedBefore(), f.idx
		}
	}
	return "", -1
}

// due reports whether the line that ends at offset nl must be printed within one
// interval: every line must, except those appended after Close was called, which
// need not be printed at all.
func (m *model) due(seg *segment, nl int) bool {
	return !m.closing || nl < seg.floor
}

// failedBefore returns a hint when a Write has failed before a line went missing.
func (m *model) failedBefore() string {
	if m.firstErr == nil {
		return ""
	}
	return fmt.Sprintf(" (Write %d to out failed before: the server keeps going after a failed Write)", m.failedAt)
}

func (m *model) append(ev event) {
	f := m.files[ev.file]
	for i := 0; i < len(ev.text); i++ {
		if ev.text[i] == '\n' {
			f.appended[len(f.content)+i] = ev.at
		}
	}
	f.content = append(f.content, ev.text...)
}

func (m *model) call(ev event) {
	name := fmt.Sprintf("%s(%s)", [...]string{"Add", "Remove", "Close"}[ev.call], ev.text)
	e := expectation{call: ev.call, file: ev.file, name: name, at: ev.at}
	switch ev.call {
	case callClose:
		e.name = "Close"
		if !m.closing {
			m.closing, m.closeAt = true, ev.at
			for _, f := range m.files {
				if f.seg != nil {
					f.seg.floor = max(f.seg.floor, len(f.content))
				}
			}
		}
	case callAdd:
		var f *fileState
		if ev.file >= 0 {
			f = m.files[ev.file]
		}
		switch {
		case f == nil && !m.closing:
			e.want, e.why = wantNotExist, ev.text+" does not exist"
		case m.closed:
			e.want, e.why = wantErr, "Close had returned"
		case f == nil:
			e.want, e.why = wantErr, ev.text+" does not exist"
		case f.seg != nil:
			e.want, e.why = wantErr, ev.text+" is already followed"
		default:
			e.want = wantNil
			if m.closing {
				e.want = wantEither
			}
			end := len(f.content)
			f.seg = &segment{start: end, pos: end, floor: end, nl: -1}
			f.removed = false
			e.seg = f.seg
		}
	case callRemove:
		var f *fileState
		if ev.file >= 0 {
			f = m.files[ev.file]
		}
		switch {
		case f == nil:
			e.want, e.why = wantErr, ev.text+" was never added"
		case f.seg == nil:
			e.want, e.why = wantErr, ev.text+" is not followed"
			if m.closed {
				e.why = "Close had returned"
			}
		default:
			e.want = wantNil
			if m.closing {
				e.want = wantEither
			}
			f.seg.floor = max(f.seg.floor, len(f.content))
			f.seg.draining++
			e.seg = f.seg
		}
	}
	m.calls[ev.id] = e
}

func (m *model) ret(ev event) string {
	e := m.calls[ev.id]
	delete(m.calls, ev.id)
	if ev.call == callClose {
		return m.closeReturned(ev)
	}
	if m.closing { // Close was called while the call ran: it may have failed for that
		switch e.want {
		case wantNil:
			e.want = wantEither
		case wantNotExist:
			e.want = wantErr
		}
	}
	m.about = e.file
	var f *fileState
	if e.file >= 0 {
		f = m.files[e.file]
	}
	switch {
	case e.want == wantNotExist && ev.err == nil:
		return fmt.Sprintf("%s returned nil, but %s; want the error of os.Open", e.name, e.why)
	case e.want == wantNotExist && !errors.Is(ev.err, fs.ErrNotExist):
		return fmt.Sprintf("%s returned %q, which does not wrap the os error: want errors.Is(err, fs.ErrNotExist) (wrap it with %%w)", e.name, ev.err)
	case e.want == wantErr && ev.err == nil:
		return fmt.Sprintf("%s returned nil, but %s; want an error", e.name, e.why)
	case e.want == wantNil && ev.err != nil:
		state := "exists and is not followed"
		if e.call == callRemove {
			state = "is followed"
		}
		return fmt.Sprintf("%s returned %q; want nil: the file %s", e.name, ev.err, state)
	}
	if e.seg == nil {
		return ""
	}
	switch e.call {
	case callAdd:
		// An Add that failed while Close ran never followed the file. One that
		// succeeded was followed until Close ended it: its return may be logged after
		// Close returned, so its place in the log proves nothing.
		if ev.err != nil && f.seg == e.seg {
			f.seg = nil
		}
	case callRemove:
		e.seg.draining--
		if ev.err == nil && f.seg == e.seg {
			f.seg = nil
			f.removed = true
			return m.end(f, e.seg, e.name, e.at)
		}
	}
	return ""
}

func (m *model) closeReturned(ev event) string {
	if !m.closed {
		m.closed = true
		for _, f := range m.files {
			if seg := f.seg; seg != nil {
				f.seg = nil
				if msg := m.end(f, seg, "Close", m.closeAt); msg != "" {
					return msg
				}
			}
		}
	}
	switch {
	case m.firstErr == nil && ev.err != nil:
		return fmt.Sprintf("Close returned %q, but no Write to out failed; want nil", ev.err)
	case m.firstErr != nil && ev.err == nil:
		return fmt.Sprintf("Close returned nil, but Write %d to out failed with %q; Close returns the first Write error", m.failedAt, m.firstErr)
	case m.firstErr != nil && !errors.Is(ev.err, m.firstErr):
		return fmt.Sprintf("Close returned %q; want the first Write error, %q of Write %d (or an error wrapping it)", ev.err, m.firstErr, m.failedAt)
	}
	return ""
}

// end checks a segment that Remove or Close (who) just ended: everything appended
// before the call is printed, the trailing partial line too.
func (m *model) end(f *fileState, seg *segment, who string, calledAt time.Duration) string {
	if seg.pos >= seg.floor {
		return ""
	}
	m.about = f.idx
	c := f.content
	if seg.partial {
		line, _, _ := strings.Cut(string(c[seg.partAt:]), "\n")
		return fmt.Sprintf("%s printed only part of line %s of %s, which was whole before %s was called", who, quote(line), f.name, who) + m.diff(f, seg, seg.floor)
	}
	rest := string(c[seg.pos:seg.floor])
	line, _, whole := strings.Cut(rest, "\n")
	if !whole {
		return fmt.Sprintf("%s returned without printing the trailing partial line %s of %s; Remove and Close print it, with a newline added", who, quote(line), f.name) + m.diff(f, seg, seg.floor)
	}
	at := f.appended[seg.pos+len(line)]
	return fmt.Sprintf("%s returned before printing line %s of %s, appended at %v before %s was called at %v", who, quote(line), f.name, at, who, calledAt) + m.failedBefore() + m.diff(f, seg, seg.floor)
}

func (m *model) write(ev event) string {
	if ev.err != nil && m.firstErr == nil {
		m.firstErr, m.failedAt = ev.err, ev.n
	}
	text := ev.text
	switch {
	case ev.overlap:
		return fmt.Sprintf("two Write calls to out overlapped: Write %d (%s) began while another Write was running; only one goroutine may write to out at a time", ev.n, quote(text))
	case !strings.HasSuffix(text, "\n"):
		return fmt.Sprintf("a line was split across Write calls: Write %d got %s, with no newline; write \"<path>: <line>\\n\" with a single Write", ev.n, quote(text))
	case strings.Count(text, "\n") > 1:
		return fmt.Sprintf("Write %d got %d lines (%s); write each line with its own Write call", ev.n, strings.Count(text, "\n"), quote(text))
	}
	i := m.fileOf(text)
	if i < 0 {
		return m.unknownPath(ev)
	}
	m.about = i
	f := m.files[i]
	line := text[len(m.paths[i])+2 : len(text)-1]
	seg := f.seg
	switch {
	case seg == nil && m.closed:
		return fmt.Sprintf("printed line %s of %s after Close returned", quote(line), f.name)
	case seg == nil && f.removed:
		return fmt.Sprintf("printed line %s of %s after Remove(%s) returned", quote(line), f.name, f.name)
	case seg == nil:
		return fmt.Sprintf("printed line %s of %s, which is not followed", quote(line), f.name)
	case seg.partial:
		return fmt.Sprintf("printed line %s of %s after its trailing partial line; the partial line is printed last", quote(line), f.name)
	}
	c := f.content
	rest := c[seg.pos:]
	if len(rest) > len(line) && string(rest[:len(line)]) == line && rest[len(line)] == '\n' {
		nl := seg.pos + len(line)
		seg.pos = nl + 1
		seg.printed = append(seg.printed, shorten(line))
		if due := f.appended[nl] + m.s.interval; ev.at > due && m.due(seg, nl) {
			return fmt.Sprintf("late: line %s of %s was appended at %v and printed at %v, more than one interval (%v) later", quote(line), f.name, f.appended[nl], ev.at, m.s.interval)
		}
		return ""
	}
	if line != "" && len(rest) >= len(line) && string(rest[:len(line)]) == line {
		if seg.draining > 0 || m.closing {
			seg.partAt = seg.pos
			seg.pos += len(line)
			seg.partial = true
			seg.printed = append(seg.printed, shorten(line))
			return ""
		}
		return fmt.Sprintf("printed %s of %s before its newline was appended; a line is printed once, whole, when its newline arrives", quote(line), f.name) + m.diff(f, seg, seg.pos, line)
	}
	next, _, whole := strings.Cut(string(rest), "\n")
	// The diff shows the file up to the line expected, or up to the line printed when
	// it comes later: the lines after it are not due yet.
	upTo := seg.pos
	if whole {
		upTo += len(next) + 1
	}
	if i := strings.Index("\n"+string(rest), "\n"+line+"\n"); i >= 0 {
		upTo = max(upTo, seg.pos+i+len(line)+1)
	}
	return m.mismatch(f, seg, line, next, whole) + m.diff(f, seg, upTo, line)
}

// mismatch explains a printed line that is not the next line of the file.
func (m *model) mismatch(f *fileState, seg *segment, line, next string, whole bool) string {
	c, rest := f.content, f.content[seg.pos:]
	switch {
	case hasLine(c[:seg.start], line):
		return fmt.Sprintf("printed %s, a line %s held before Add was called; Add follows a file from its end, like tail -n 0 -f", quote(line), f.name)
	case hasLine(c[seg.start:seg.pos], line):
		return fmt.Sprintf("printed line %s of %s twice", quote(line), f.name)
	case hasLine(rest, line):
		return fmt.Sprintf("line %s of %s was never printed: the next line printed was %s, which comes after it", quote(next), f.name, quote(line)) + m.failedBefore()
	case len(rest) == 0:
		return fmt.Sprintf("printed %s for %s, but no such line was appended (every line of it was printed already)", quote(line), f.name)
	case !whole:
		return fmt.Sprintf("printed %s for %s, but the next line so far is %s, without a newline", quote(line), f.name, quote(next))
	}
	return fmt.Sprintf("printed %s for %s; want %s, the next line", quote(line), f.name, quote(next))
}

// diff shows the lines of f since Add (up to offset upTo, with the trailing partial
// line when the following is over) against the lines printed, and then extra (the line
// just printed, if any).
func (m *model) diff(f *fileState, seg *segment, upTo int, extra ...string) string {
	lines := strings.Split(string(f.content[seg.start:upTo]), "\n")
	if last := lines[len(lines)-1]; last == "" || f.seg == seg {
		lines = lines[:len(lines)-1]
	}
	want := []string{}
	for _, l := range lines {
		want = append(want, shorten(l))
	}
	got := append([]string{}, seg.printed...)
	for _, l := range extra {
		got = append(got, shorten(l))
	}
	d := strings.Split(strings.TrimSpace(harness.Diff(want, got)), "\n")
	if len(d) > 40 {
		d = append(d[:40], fmt.Sprintf("… (%d more lines)", len(d)-40))
	}
	return fmt.Sprintf("\n  the lines of %s since Add (-appended +printed):\n    %s", f.name, strings.Join(d, "\n    "))
}

// shorten shortens a line for a diff.
func shorten(line string) string {
	if len(line) <= 48 {
		return line
	}
	return fmt.Sprintf("%s…(%d bytes)", line[:40], len(line))
}

// fileOf returns the file whose path, as given to Add, starts text, or -1.
func (m *model) fileOf(text string) int {
	for i, p := range m.paths {
		if strings.HasPrefix(text, p+": ") {
			return i
		}
	}
	return -1
}

func (m *model) unknownPath(ev event) string {
	for i, p := range m.paths {
		name := m.files[i].name
		if before, _, ok := strings.Cut(ev.text, ": "); ok && strings.HasSuffix(before, name) {
			return fmt.Sprintf("Write %d printed the path of %s as %q; print it exactly as it was given to Add: %q", ev.n, name, before, p)
		}
	}
	return fmt.Sprintf("Write %d got %s, which does not start with a followed path and \": \"; print \"<path>: <line>\\n\"", ev.n, quote(ev.text))
}

// hasLine reports whether text, which starts at the start of a line, holds line as a
// whole line (with its newline).
func hasLine(text []byte, line string) bool {
	lines := strings.Split(string(text), "\n")
	for _, l := range lines[:len(lines)-1] {
		if l == line {
			return true
		}
	}
	return false
}

// stuckVerdict names the calls that never returned.
func stuckVerdict(s schedule, events []event, stuck *harness.Stuck) string {
	if stuck.Leak {
		return "goroutine leak: goroutines of yours were left blocked after Close returned; Close returns after every goroutine has exited\n  your goroutines:\n" + stuck.Goroutines
	}
	what := "the judge waits for your goroutines"
	if calls := hungCalls(events); calls != "" {
		what = calls + " never returned"
	}
	return fmt.Sprintf("deadlock: %s, and every goroutine is blocked\n  your goroutines:\n%s", what, stuck.Goroutines)
}

// hungCalls lists the calls of the log that never returned: "Remove(a.log) (called at
// 3ms), Close (called at 9ms)".
func hungCalls(events []event) string {
	open := map[int]event{}
	var order []int
	for _, ev := range events {
		switch ev.kind {
		case evCall:
			open[ev.id] = ev
			order = append(order, ev.id)
		case evReturn:
			delete(open, ev.id)
		}
	}
	var hung []string
	for _, id := range order {
		if ev, ok := open[id]; ok {
			name := [...]string{"Add", "Remove", "Close"}[ev.call]
			if ev.text != "" {
				name += "(" + ev.text + ")"
			}
			hung = append(hung, fmt.Sprintf("%s (called at %v)", name, ev.at))
		}
	}
	return strings.Join(hung, ", ")
}
