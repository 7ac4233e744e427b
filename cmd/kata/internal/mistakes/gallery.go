package mistakes

import (
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gokata/workbook/cmd/kata/internal/text"
)

// An Entry is one variant of the gallery, with its verdict and its diff.
type Entry struct {
	Variant Variant
	Result  Result
	Diff    []DiffLine // against the reference, file by file
}

// A Gallery is a kata's known-bad variants, in order.
type Gallery struct {
	Kata    string
	Entries []Entry
}

// New puts the gallery of kata together: each variant's files diffed against the
// reference's file of the same name (ref, from Reference), and its result.
func New(kata string, ref []File, vs []Variant, rs []Result) Gallery {
	g := Gallery{Kata: kata}
	refDir := "solutions/" + kata
	for i, v := range vs {
		e := Entry{Variant: v}
		if i < len(rs) {
			e.Result = rs[i]
		}
		for _, f := range v.Files {
			var r File
			for _, rf := range ref {
				if rf.Name == f.Name {
					r = rf
				}
			}
			e.Diff = append(e.Diff, Diff(path.Join(refDir, f.Name), path.Join(refDir, "variants/bad", v.Name, f.Name), r, f)...)
		}
		g.Entries = append(g.Entries, e)
	}
	return g
}

// A Style says how to write for the reader: colour and Unicode lines for a terminal,
// plain text otherwise.
type Style struct {
	Color   bool
	Unicode bool
	Width   int // columns to wrap text at; 0: 100
}

func (s Style) wrap(code, text string) string {
	if !s.Color || text == "" {
		return text
	}
	return "\033[" + code + "m" + text + "\033[0m"
}

func (s Style) width() int {
	if s.Width <= 0 {
		return 100
	}
	return s.Width
}

// Render writes the gallery.
func Render(w io.Writer, g Gallery, s Style) {
	n := len(g.Entries)
	fmt.Fprintf(w, "%s\n", s.wrap("1", fmt.Sprintf("%s: %s, the classic mistakes of this kata", g.Kata, count(n, "known-bad variant"))))
	fmt.Fprint(w, text.Fill(fmt.Sprintf("Each is diffed against the reference solution (solutions/%s/; lines of comment left out), then comes what the judge says about it and why it is wrong.", g.Kata), "", s.width()))
	now, cached, unjudged := 0, 0, 0
	for i, e := range g.Entries {
		fmt.Fprintln(w)
		title := fmt.Sprintf("%d of %d: %s", i+1, n, e.Variant.Name)
		if s.Unicode {
			bar := "━━ " + title + " "
			fmt.Fprintln(w, s.wrap("1", bar+strings.Repeat("━", max(3, s.width()-utf8.RuneCountInString(bar)))))
		} else {
			fmt.Fprintln(w, s.wrap("1", "=== "+title+" ==="))
		}
		for _, l := range e.Diff {
			fmt.Fprintln(w, s.diffLine(l))
		}
		if len(e.Diff) == 0 {
			fmt.Fprintln(w, "(the same code as the reference)")
		}
		fmt.Fprintln(w)
		switch r := e.Result; {
		case !r.Ran:
			unjudged++
		case r.Cached:
			cached++
		default:
			now++
		}
		fmt.Fprint(w, s.verdict(e))
		bug := e.Variant.Bug
		if bug == "" {
			bug = "(its package comment has no \"Bug:\" line)"
		}
		fmt.Fprint(w, text.Fill(s.wrap("1", "Why it is wrong:")+" "+bug, "  ", s.width()))
	}
	fmt.Fprintln(w)
	var parts []string
	if now > 0 {
		parts = append(parts, fmt.Sprintf("%d judged now", now))
	}
	if cached > 0 {
		parts = append(parts, fmt.Sprintf("%d judged earlier and kept in the cache (-rerun judges again)", cached))
	}
	if unjudged > 0 {
		parts = append(parts, fmt.Sprintf("%d not judged (the documented verdict is shown)", unjudged))
	}
	if len(parts) > 0 {
		fmt.Fprint(w, text.Fill("Verdicts: "+strings.Join(parts, ", ")+".", "", s.width()))
	}
}

func (s Style) diffLine(l DiffLine) string {
	switch {
	case l.Kind == '@':
		return s.wrap("36", l.Text)
	case strings.HasPrefix(l.Text, "--- ") || strings.HasPrefix(l.Text, "+++ "):
		return s.wrap("1", l.Text)
	case l.Kind == '-':
		return s.wrap("31", l.Text)
	case l.Kind == '+':
		return s.wrap("32", l.Text)
	}
	return l.Text
}

// verdict writes what the judge says of e's variant, and never a documented verdict as
// if the judge had said it.
func (s Style) verdict(e Entry) string {
	r, v := e.Result, e.Variant
	head := s.wrap("1", "The judge's verdict:")
	documented := ""
	if v.Documented != "" {
		documented = " Its documented verdict: " + v.Documented + "."
	}
	switch {
	case !r.Ran:
		note := r.Note
		if note == "" {
			note = "not judged"
		}
		return text.Fill(head+" none, "+s.wrap("33", note)+"."+documented, "  ", s.width())
	case r.Passed:
		return text.Fill(head+" "+s.wrap("33", "pass, this time")+", although it is wrong: its bug did not show in this run "+when(r)+"."+documented, "  ", s.width())
	}
	verdict := r.Verdict
	if verdict == "" {
		verdict = "it fails (no verdict line found in its output)"
	}
	if r.Rule != "" {
		verdict = s.wrap("31", fmt.Sprintf("rule %q broke:", r.Rule)) + " " + verdict
	}
	return text.Fill(head+" "+verdict+" "+s.wrap("2", when(r)), "  ", s.width())
}

// when says when a verdict was given.
func when(r Result) string {
	took := (time.Duration(r.Seconds*10) * time.Second / 10).String()
	if r.Cached {
		return fmt.Sprintf("(judged on %s in %s, kept in the cache)", r.At.Format("2006-01-02 15:04"), took)
	}
	return fmt.Sprintf("(judged now, in %s)", took)
}

// List writes the variants' names, each with the first sentence of its bug.
func List(w io.Writer, kata string, vs []Variant, s Style) {
	fmt.Fprintf(w, "%s\n", s.wrap("1", fmt.Sprintf("%s: %s", kata, count(len(vs), "known-bad variant"))))
	wid := 0
	for _, v := range vs {
		wid = max(wid, len(v.Name))
	}
	for _, v := range vs {
		line := fmt.Sprintf("  %-*s  %s", wid, v.Name, firstSentence(v.Bug))
		if utf8.RuneCountInString(line) > s.width() {
			line = string([]rune(line)[:s.width()-3]) + "..."
		}
		fmt.Fprintln(w, line)
	}
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
