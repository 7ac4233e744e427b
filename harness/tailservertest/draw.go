package tailservertest

import (
	"fmt"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// draw generates a schedule: 1 to 4 files, each with its own writer goroutine that
// Adds it, appends lines (whole, split across appends, empty, longer than a read
// buffer, in bursts), Removes and Adds it again, and tries what must fail; Close at a
// random instant, often in the middle of the appends; sometimes failing Writes.
func draw(rt *rapid.T) schedule {
	s := schedule{
		interval: time.Duration(rapid.IntRange(1000, 9000).Draw(rt, "interval µs")) * time.Microsecond,
	}
	n := rapid.IntRange(1, 4).Draw(rt, "files")
	var appends []time.Duration
	for i := range n {
		f := drawFile(rt, i, s.interval)
		for _, st := range f.steps {
			if st.op == opAppend {
				appends = append(appends, st.at)
			}
		}
		s.files = append(s.files, f)
	}
	h := s.horizon()
	switch rapid.IntRange(0, 2).Draw(rt, "Close") {
	case 0: // after the last step, when every whole line is printed
		s.closeAt = h + s.interval + time.Duration(rapid.IntRange(1, 999).Draw(rt, "Close µs after"))*time.Microsecond
	case 1: // at a random instant
		s.closeAt = time.Duration(rapid.Int64Range(0, int64(h/time.Microsecond)).Draw(rt, "Close at µs")) * time.Microsecond
	default: // at the instant of an append, racing with it
		if len(appends) > 0 {
			s.closeAt = appends[rapid.IntRange(0, len(appends)-1).Draw(rt, "Close with append")]
		}
	}
	s.closers = rapid.IntRange(1, 2).Draw(rt, "Close callers")
	s.servers = 1
	if rapid.IntRange(0, 4).Draw(rt, "Servers") == 4 {
		s.servers = 2
	}
	if rapid.IntRange(0, 3).Draw(rt, "failing Writes") == 3 {
		s.fail.from = rapid.IntRange(1, 12).Draw(rt, "first failing Write")
		s.fail.count = rapid.IntRange(0, 3).Draw(rt, "failing Writes in a row")
		if s.fail.count > 0 {
			s.fail.every = rapid.IntRange(0, 4).Draw(rt, "then every n-th fails")
		}
	}
	return s
}

// lineMaker makes the lines of one file: a label (file letter and number) and padding.
type lineMaker struct {
	letter string
	n      int
}

const padding = " lorem:ipsum\tdolor sit amet, é ünïcode; consectetur: adipiscing elit"

func (m *lineMaker) line(rt *rapid.T, label string) string {
	m.n++
	if rapid.IntRange(0, 9).Draw(rt, label+" empty") == 0 {
		return ""
	}
	pad := rapid.IntRange(0, len(padding)).Draw(rt, label+" length")
	return fmt.Sprintf("%s%d%s", m.letter, m.n, strings.ToValidUTF8(padding[:pad], ""))
}

func drawFile(rt *rapid.T, i int, interval time.Duration) fileSpec {
	letter := string(rune('a' + i))
	f := fileSpec{name: letter + ".log"}
	f.spelling = spelling(rapid.IntRange(0, 2).Draw(rt, f.name+" spelling"))
	for j := range rapid.IntRange(0, 2).Draw(rt, f.name+" old lines") {
		f.old += fmt.Sprintf("old %s%d\n", letter, j+1)
	}
	lines := &lineMaker{letter: letter}
	at := gap(rt, f.name+" Add", interval)
	f.steps = append(f.steps, step{at: at, op: opAdd})
	followed, partial := true, false
	for j := range rapid.IntRange(1, 12).Draw(rt, f.name+" steps") {
		label := fmt.Sprintf("%s step %d", f.name, j+1)
		at += gap(rt, label+" after", interval)
		switch k := rapid.IntRange(0, 19).Draw(rt, label); {
		case k < 14:
			var text string
			text, partial = drawText(rt, label, lines, partial)
			f.steps = append(f.steps, step{at: at, op: opAppend, text: text})
		case k < 16:
			if !followed && partial {
				f.steps = append(f.steps, step{at: at, op: opAppend, text: "\n"})
				partial = false
			}
			f.steps = append(f.steps, step{at: at, op: opAdd})
			followed = true
		case k < 18:
			f.steps = append(f.steps, step{at: at, op: opRemove})
			followed = false
		case k == 18:
			f.steps = append(f.steps, step{at: at, op: opAddMissing})
		default:
			f.steps = append(f.steps, step{at: at, op: opRemoveOther})
		}
	}
	return f
}

// gap draws the fake time between two steps: none, a multiple of a quarter interval (so
// that appends meet polls at the same instant), or any number of microseconds.
func gap(rt *rapid.T, label string, interval time.Duration) time.Duration {
	switch rapid.IntRange(0, 3).Draw(rt, label) {
	case 0:
		return 0
	case 1:
		return time.Duration(rapid.IntRange(1, 8).Draw(rt, label+" quarter intervals")) * interval / 4
	case 2:
		return time.Duration(rapid.Int64Range(1, int64(3*interval/time.Microsecond)).Draw(rt, label+" µs")) * time.Microsecond
	}
	return time.Duration(rapid.IntRange(3, 12).Draw(rt, label+" intervals"))*interval + 77*time.Microsecond
}

// drawText draws the text of one append: the rest (or more) of a pending partial line,
// whole lines, a line longer than any read buffer or a burst of lines larger than one,
// and the start of a line. partial says whether the file ends without a newline.
func drawText(rt *rapid.T, label string, lines *lineMaker, partial bool) (string, bool) {
	var b strings.Builder
	if partial {
		b.WriteString(fmt.Sprintf(" +%d", rapid.IntRange(0, 999).Draw(rt, label+" more of the line")))
		if !rapid.Bool().Draw(rt, label+" ends the line") {
			return b.String(), true
		}
		b.WriteByte('\n')
	}
	switch rapid.IntRange(0, 39).Draw(rt, label+" size") {
	case 38: // one line longer than 64 KiB
		lines.n++
		fmt.Fprintf(&b, "%s%d long ", lines.letter, lines.n)
		b.WriteString(strings.Repeat("x", 64<<10+rapid.IntRange(1, 4000).Draw(rt, label+" long line bytes")))
		if rapid.Bool().Draw(rt, label+" long line ends") {
			b.WriteByte('\n')
			break
		}
		return b.String(), true
	case 39: // a burst of lines larger than 64 KiB
		b.WriteString(burst(lines.letter, lines.n+1, 1100))
		lines.n += 1100
	default:
		for range rapid.IntRange(0, 3).Draw(rt, label+" whole lines") {
			b.WriteString(lines.line(rt, label))
			b.WriteByte('\n')
		}
	}
	if b.Len() == 0 || rapid.IntRange(0, 2).Draw(rt, label+" ends in a partial line") == 0 {
		start := lines.line(rt, label)
		if start == "" {
			start = fmt.Sprintf("%s%d", lines.letter, lines.n)
		}
		b.WriteString(start)
		return b.String(), true
	}
	return b.String(), false
}
