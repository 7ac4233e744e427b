package timeline

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Options say how Picture draws a timeline.
type Options struct {
	ASCII bool // ASCII characters only, for terminals that cannot show Unicode
	Color bool // ANSI colours
	Width int  // the columns to fit in; 0 means 100
}

// The most moments a picture shows: the first few and the last ones, around a gap.
const (
	maxRows  = 150
	headRows = 30
)

// The characters of a picture. The Unicode ones are all in WGL4, the character set that
// the default fonts of terminals have (the Windows console's included).
type glyphs struct {
	idle, begin, end, call, wait, mark, broke, open, arrow, ellipsis, guide string
}

var (
	unicodeGlyphs = glyphs{"·", "┬", "┴", "│", "¦", "●", "×", "↓", "←", "…", "│"}
	asciiGlyphs   = glyphs{".", "+", "+", "|", ":", "o", "X", "v", "<-", "...", "|"}
)

// A moment is one row of the picture: the begin or end of a span, or an instant.
type moment struct {
	seq  int
	at   time.Duration
	lane int
	e    *Event
	end  bool // the end of a span
}

// moments returns the rows of r in the order of their numbers, and the lanes' indexes.
func moments(r Record) ([]moment, []string) {
	lanes := slices.Clone(r.Lanes)
	index := map[string]int{}
	for i, l := range lanes {
		index[l] = i
	}
	var ms []moment
	for i := range r.Events {
		e := &r.Events[i]
		li, ok := index[e.Lane]
		if !ok {
			li = len(lanes)
			index[e.Lane] = li
			lanes = append(lanes, e.Lane)
		}
		ms = append(ms, moment{seq: e.StartSeq, at: e.Start, lane: li, e: e})
		if (e.Kind == Call || e.Kind == Wait) && !e.Open {
			ms = append(ms, moment{seq: e.EndSeq, at: e.End, lane: li, e: e, end: true})
		}
	}
	slices.SortStableFunc(ms, func(a, b moment) int { return a.seq - b.seq })
	return ms, lanes
}

// base is a span's label without its outcome: "First" of "First → returned".
func base(label string) string {
	b, _, _ := strings.Cut(label, " → ")
	return b
}

// Picture draws r for a terminal, time going down: a row per moment (many share one
// fake instant; the fake time is printed where it changes), a narrow column per lane
// (named in the staircase above it), and what happened in words on the right. Spans are
// bars from their begin to their end; a span that never ended runs to the bottom row;
// the point where the rule broke is marked.
func Picture(r Record, o Options) string {
	g := unicodeGlyphs
	if o.ASCII {
		g = asciiGlyphs
	}
	width := o.Width
	if width <= 0 {
		width = 100
	}
	c := paint{on: o.Color}
	ms, lanes := moments(r)
	if len(ms) == 0 {
		return ""
	}

	times := make([]string, len(ms))
	timeW := len("time")
	for i, m := range ms {
		if i == 0 || m.at != ms[i-1].at {
			times[i] = fakeTime(m.at)
			timeW = max(timeW, len(times[i]))
		}
	}
	col := 2 // a lane's column: its glyph and a space
	left := timeW + 2
	if left+col*len(lanes)+24 > width {
		col = 1
	}
	descW := max(width-left-col*len(lanes)-1, 20)
	cell := func(s string) string { return s + strings.Repeat(" ", col-1) }

	var b strings.Builder
	// The staircase of lane names.
	for i, name := range lanes {
		if o.ASCII {
			name = toASCII.Replace(name)
		}
		if i == len(lanes)-1 {
			b.WriteString(pad("time", timeW, true) + "  ")
		} else {
			b.WriteString(strings.Repeat(" ", left))
		}
		for range i {
			b.WriteString(c.dim(cell(g.guide)))
		}
		b.WriteString(c.bold(clip(name, max(width-left-col*i, 8), g.ellipsis)) + "\n")
	}

	active := make([][]*Event, len(lanes)) // the spans going on in each lane
	row := func(i int, m moment) {
		if times[i] == "" {
			b.WriteString(strings.Repeat(" ", timeW+2))
		} else {
			b.WriteString(c.dim(pad(times[i], timeW, true)) + "  ")
		}
		for li := range lanes {
			s := g.idle
			if len(active[li]) > 0 {
				s = g.wait
				for _, e := range active[li] {
					if e.Kind == Call {
						s = g.call
					}
				}
			}
			if li != m.lane {
				if s == g.idle {
					s = c.dim(s)
				}
				b.WriteString(cell(s))
				continue
			}
			switch {
			case m.e.Kind == Mark:
				s = c.cyan(g.mark)
			case m.e.Kind == Broke:
				s = c.red(g.broke)
			case m.end:
				s = g.end
			default:
				s = g.begin
			}
			b.WriteString(cell(s))
		}
		b.WriteString(" ")
		text := describe(m, lanes[m.lane], g)
		if o.ASCII {
			text = toASCII.Replace(text)
		}
		text = clip(text, descW, g.ellipsis)
		if m.e.Kind == Broke {
			text = c.red(c.bold(text))
		}
		b.WriteString(text + "\n")
	}
	skipFrom, skipTo := len(ms), len(ms)
	if len(ms) > maxRows {
		skipFrom, skipTo = headRows, len(ms)-(maxRows-headRows)
	}
	for i, m := range ms {
		if m.end {
			active[m.lane] = slices.DeleteFunc(active[m.lane], func(e *Event) bool { return e == m.e })
		}
		switch {
		case i < skipFrom || i >= skipTo:
			if i == skipTo && times[i] == "" {
				times[i] = fakeTime(m.at) // say the time again after the gap
			}
			row(i, m)
		case i == skipFrom:
			fmt.Fprintf(&b, "%s  %s\n", strings.Repeat(" ", timeW), c.dim(fmt.Sprintf("%s %d moments left out %s", g.ellipsis, skipTo-skipFrom, g.ellipsis)))
		}
		if !m.end && (m.e.Kind == Call || m.e.Kind == Wait) {
			active[m.lane] = append(active[m.lane], m.e)
		}
	}

	// The spans that never ended go on below the last moment.
	var open []string
	var tail strings.Builder
	tail.WriteString(strings.Repeat(" ", left))
	for li, name := range lanes {
		s := c.dim(g.idle)
		for _, e := range active[li] {
			s = c.yellow(g.open)
			what := name + " in " + base(e.Label)
			if e.Kind == Wait {
				what = name + " waiting: " + base(e.Label)
			}
			open = append(open, what)
		}
		tail.WriteString(cell(s))
	}
	if len(open) > 0 {
		text := openHeading(r) + ": " + strings.Join(open, ", ")
		if o.ASCII {
			text = toASCII.Replace(text)
		}
		blank := strings.Repeat(" ", left+col*len(lanes))
		for i, l := range wrap(text, descW) {
			if i == 0 {
				b.WriteString(tail.String() + " " + c.yellow(l) + "\n")
			} else {
				b.WriteString(blank + " " + c.yellow(l) + "\n")
			}
		}
	}
	return b.String()
}

// openHeading says what the spans still open when the record ends are: "never
// returned" when the run got stuck (its break is a deadlock or a goroutine leak, or it
// has no break: a watchdog stopped it), else "still running when the run ended", since
// the judge may have held them or stopped the run once it saw the rule broken.
func openHeading(r Record) string {
	if stuck(r) {
		return "never returned"
	}
	return "still running when the run ended"
}

// stuck reports whether the run of r got stuck: its break names a deadlock, a goroutine
// leak or a run that never ended, or it has no break.
func stuck(r Record) bool {
	broke := false
	for _, e := range r.Events {
		if e.Kind != Broke {
			continue
		}
		broke = true
		l := strings.ToLower(e.Label)
		for _, w := range []string{"deadlock", "leak", "never returned", "never ended", "goroutines left"} {
			if strings.Contains(l, w) {
				return true
			}
		}
	}
	return !broke
}

// wrap cuts text into lines of at most w columns at spaces.
func wrap(text string, w int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}

// describe says in words what happened at m.
func describe(m moment, lane string, g glyphs) string {
	e := m.e
	switch {
	case e.Kind == Mark:
		return lane + ": " + e.Label
	case e.Kind == Broke:
		return lane + ": " + e.Label + " " + g.arrow + " the rule broke here"
	case m.end && strings.Contains(e.Label, " → "):
		return lane + ": " + e.Label
	case m.end:
		return lane + ": end of " + e.Label
	case e.Kind == Wait:
		return lane + " waits: " + base(e.Label)
	}
	return lane + " calls " + base(e.Label)
}

// toASCII spells the arrows and ellipses of labels in ASCII.
var toASCII = strings.NewReplacer("→", "->", "←", "<-", "…", "...", "✗", "X", "×", "x", "·", ".")

// fakeTime writes a time since the start of the schedule: "0s", "1.5ms", "2s".
func fakeTime(d time.Duration) string { return d.String() }

// pad pads s with spaces to w columns, on the left when right is true.
func pad(s string, w int, right bool) string {
	n := utf8.RuneCountInString(s)
	if n >= w {
		return s
	}
	if right {
		return strings.Repeat(" ", w-n) + s
	}
	return s + strings.Repeat(" ", w-n)
}

// clip cuts s to w columns, ending it with ellipsis when cut.
func clip(s string, w int, ellipsis string) string {
	if utf8.RuneCountInString(s) <= w {
		return s
	}
	keep := w - utf8.RuneCountInString(ellipsis)
	r := []rune(s)
	return string(r[:max(keep, 0)]) + ellipsis
}

// paint colours text with ANSI escapes when on.
type paint struct{ on bool }

func (p paint) wrap(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\033[" + code + "m" + s + "\033[0m"
}

func (p paint) bold(s string) string   { return p.wrap("1", s) }
func (p paint) dim(s string) string    { return p.wrap("2", s) }
func (p paint) red(s string) string    { return p.wrap("31", s) }
func (p paint) yellow(s string) string { return p.wrap("33", s) }
func (p paint) cyan(s string) string   { return p.wrap("36", s) }
