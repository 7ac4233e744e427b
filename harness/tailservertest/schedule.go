package tailservertest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A schedule is one run: the files, what each file's writer goroutine does when (in fake
// time since New), when Close is called, and which Writes to out fail.
type schedule struct {
	name     string // for the fixed schedules: what they check
	interval time.Duration
	files    []fileSpec
	closeAt  time.Duration
	servers  int // Servers that follow the same files, each printing to its own out
	closers  int // Close calls per Server at closeAt, each from its own goroutine
	fail     failPlan
}

// A fileSpec is one file and the steps of its writer goroutine. The writer is the only
// goroutine that appends to the file, Adds it or Removes it, so each of its steps sees
// the state the steps before it left.
type fileSpec struct {
	name     string   // base name on disk: "a.log"
	spelling spelling // how the path given to Add is written
	old      string   // the content before the first Add: whole lines
	steps    []step
}

type step struct {
	at   time.Duration // fake time since New
	op   op
	text string // for opAppend
}

type op int

const (
	opAppend      op = iota // append text to the file
	opAdd                   // Add the file: fails when it is followed, succeeds when not
	opRemove                // Remove the file: succeeds when it is followed, fails when not
	opAddMissing            // Add a path that does not exist: fails with the os error
	opRemoveOther           // Remove a file that exists but was never added: fails
)

// spelling is how a path is written for Add; the server must print it unchanged.
type spelling int

const (
	absolute spelling = iota // /tmp/.../a.log
	dotted                   // /tmp/..././a.log
	relative                 // ../../../tmp/.../a.log, relative to the test's directory
)

func (s spelling) String() string {
	return [...]string{"an absolute path", "a path with /./ in it", "a relative path"}[s]
}

// missingName and otherName are files of every run that no schedule follows: the first
// does not exist, the second exists but is never added.
const (
	missingName = "missing.log"
	otherName   = "other.log"
)

// failPlan says which Write calls to out fail (numbered from 1, in call order).
type failPlan struct {
	from  int // first failing Write; 0: none fails
	count int // how many consecutive Writes fail from there; 0: all of them
	every int // after those, every every-th Write fails too; 0: none
}

func (p failPlan) fails(n int) bool {
	switch {
	case p.from == 0 || n < p.from:
		return false
	case p.count == 0 || n < p.from+p.count:
		return true
	}
	return p.every > 0 && (n-p.from)%p.every == 0
}

func (p failPlan) String() string {
	switch {
	case p.from == 0:
		return ""
	case p.count == 0:
		return fmt.Sprintf("every Write from Write %d on fails", p.from)
	case p.count == 1 && p.every == 0:
		return fmt.Sprintf("Write %d fails", p.from)
	case p.every == 0:
		return fmt.Sprintf("Writes %d to %d fail", p.from, p.from+p.count-1)
	}
	return fmt.Sprintf("Writes %d to %d fail, then every %s after", p.from, p.from+p.count-1, ordinal(p.every))
}

func ordinal(n int) string {
	switch n {
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return fmt.Sprintf("%dth", n)
}

// horizon is the instant of the last step of any file.
func (s schedule) horizon() time.Duration {
	var h time.Duration
	for _, f := range s.files {
		for _, st := range f.steps {
			h = max(h, st.at)
		}
	}
	return h
}

func (s schedule) String() string {
	var b strings.Builder
	if s.name != "" {
		fmt.Fprintf(&b, "%s: ", s.name)
	}
	if s.servers > 1 {
		fmt.Fprintf(&b, "%d Servers, each New(out, %v); each step of a writer calls them in turn", s.servers, s.interval)
	} else {
		fmt.Fprintf(&b, "New(out, %v)", s.interval)
	}
	if f := s.fail.String(); f != "" {
		fmt.Fprintf(&b, " (%s)", f)
	}
	for _, f := range s.files {
		fmt.Fprintf(&b, "\n    %s, given to Add as %s", f.name, f.spelling)
		if f.old != "" {
			fmt.Fprintf(&b, ", holding %s before the first Add", quote(f.old))
		}
		b.WriteString(":")
		for i, st := range f.steps {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, " at %v %s", st.at, st.describe(f.name))
		}
	}
	who := "Close"
	if s.closers > 1 {
		who = fmt.Sprintf("%d goroutines call Close", s.closers)
	}
	fmt.Fprintf(&b, "\n    at %v %s", s.closeAt, who)
	return b.String()
}

func (st step) describe(name string) string {
	switch st.op {
	case opAppend:
		return "append " + quote(st.text)
	case opAdd:
		return "Add"
	case opRemove:
		return "Remove"
	case opAddMissing:
		return "Add(" + missingName + ")"
	}
	return "Remove(" + otherName + ")"
}

// quote quotes text for a message, shortening long text.
func quote(text string) string {
	const max = 48
	if len(text) <= max {
		return fmt.Sprintf("%q", text)
	}
	if n := strings.Count(text, "\n"); n > 0 {
		return fmt.Sprintf("%q…(%d bytes, %d newlines)", text[:max-8], len(text), n)
	}
	return fmt.Sprintf("%q…(%d bytes)", text[:max-8], len(text))
}

// basics are fixed schedules that check one file at a time.
func basics() []schedule {
	const ms = time.Millisecond
	us := func(n int) time.Duration { return time.Duration(n) * time.Microsecond }
	return []schedule{
		{
			name:     "one file, lines one by one",
			interval: us(5300),
			files: []fileSpec{{name: "a.log", old: "old line 1\nold line 2\n", steps: []step{
				{at: 0, op: opAdd},
				{at: us(1100), op: opAppend, text: "a1 first\n"},
				{at: us(7900), op: opAppend, text: "a2 second\na3 third\n"},
				{at: us(12100), op: opAppend, text: "a4 written in"},
				{at: us(14500), op: opAppend, text: " three"},
				{at: us(21200), op: opAppend, text: " appends\n"},
				{at: us(24700), op: opAppend, text: "\n"},
				{at: us(31800), op: opAppend, text: "a6 last whole line\n"},
				{at: us(40300), op: opAppend, text: "a7 no newline before Close"},
			}}},
			closeAt: 50 * ms,
			servers: 1,
			closers: 1,
		},
		{
			name:     "Remove prints what is left",
			interval: us(4700),
			files: []fileSpec{{name: "a.log", spelling: dotted, old: "old\n", steps: []step{
				{at: 0, op: opAdd},
				{at: us(900), op: opAppend, text: "a1 polled\n"},
				{at: us(6100), op: opAppend, text: "a2 not polled yet\na3 partial"},
				{at: us(6300), op: opRemove},
				{at: us(7000), op: opAppend, text: " finished while not followed\nold after Remove\n"},
				{at: us(16500), op: opAdd},
				{at: us(17200), op: opAppend, text: "a4 after the second Add\n"},
			}}},
			closeAt: 30 * ms,
			servers: 1,
			closers: 1,
		},
		{
			name:     "long lines and a burst",
			interval: us(3900),
			files: []fileSpec{{name: "a.log", spelling: relative, steps: []step{
				{at: 0, op: opAdd},
				{at: us(1300), op: opAppend, text: "a1 " + strings.Repeat("long ", 14000) + "\n"},
				{at: us(6000), op: opAppend, text: burst("a", 2, 1200)},
				{at: us(11000), op: opAppend, text: "a1202 " + strings.Repeat("x", 40000)},
				{at: us(16000), op: opAppend, text: strings.Repeat("y", 40000) + "\na1203 end\n"},
			}}},
			closeAt: 30 * ms,
			servers: 1,
			closers: 1,
		},
	}
}

// api are fixed schedules that check the errors of Add, Remove and Close.
func api() []schedule {
	us := func(n int) time.Duration { return time.Duration(n) * time.Microsecond }
	return []schedule{
		{
			name:     "errors of Add and Remove",
			interval: us(6100),
			files: []fileSpec{
				{name: "a.log", old: "old a\n", steps: []step{
					{at: 0, op: opAdd},
					{at: us(2000), op: opAdd},
					{at: us(3000), op: opAddMissing},
					{at: us(4000), op: opRemoveOther},
					{at: us(5000), op: opAppend, text: "a1\n"},
					{at: us(14000), op: opRemove},
					{at: us(15000), op: opRemove},
					{at: us(16000), op: opAppend, text: "old a after Remove\n"},
					{at: us(17000), op: opAdd},
					{at: us(18000), op: opAppend, text: "a2 after the second Add\n"},
				}},
				{name: "b.log", spelling: dotted, old: "old b\n", steps: []step{
					{at: 0, op: opAdd},
					{at: us(2500), op: opAppend, text: "b1\nb2\n"},
					{at: us(9000), op: opAppend, text: "b3\n"},
				}},
			},
			closeAt: us(29000),
			servers: 1,
			closers: 1,
		},
		{
			name:     "a Write to out fails",
			interval: us(5100),
			fail:     failPlan{from: 2, count: 1},
			files: []fileSpec{{name: "a.log", steps: []step{
				{at: 0, op: opAdd},
				{at: us(1000), op: opAppend, text: "a1\na2\na3\n"},
				{at: us(7000), op: opAppend, text: "a4\n"},
			}}},
			closeAt: us(20000),
			servers: 1,
			closers: 1,
		},
		{
			name:     "two Servers follow the same files",
			interval: us(3300),
			servers:  2,
			closers:  1,
			files: []fileSpec{
				{name: "a.log", steps: []step{
					{at: 0, op: opAdd},
					{at: us(1000), op: opAppend, text: "a1\n"},
					{at: us(5000), op: opRemove},
					{at: us(6000), op: opAppend, text: "old a\n"},
				}},
				{name: "b.log", spelling: dotted, steps: []step{
					{at: 0, op: opAdd},
					{at: us(2000), op: opAppend, text: "b1\nb2"},
					{at: us(8000), op: opAppend, text: "\n"},
				}},
			},
			closeAt: us(15000),
		},
		{
			name:     "every Write to out fails",
			interval: us(5100),
			fail:     failPlan{from: 1},
			files: []fileSpec{{name: "a.log", steps: []step{
				{at: 0, op: opAdd},
				{at: us(1000), op: opAppend, text: "a1\na2\n"},
				{at: us(7000), op: opAppend, text: "a3\n"},
			}}},
			closeAt: us(20000),
			servers: 1,
			closers: 2,
		},
	}
}

// burst returns lines prefix+first ... prefix+(first+n-1), each padded to 60 bytes.
func burst(prefix string, first, n int) string {
	b := make([]byte, 0, 60*n)
	for i := range n {
		start := len(b)
		b = append(b, prefix...)
		b = strconv.AppendInt(b, int64(first+i), 10)
		b = append(b, " burst line"...)
		for len(b)-start < 59 {
			b = append(b, '.')
		}
		b = append(b, '\n')
	}
	return string(b)
}
