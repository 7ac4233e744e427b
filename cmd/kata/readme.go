package main

import (
	"fmt"
	"strconv"
	"strings"
)

var cmdShow = &command{
	name:  "show",
	args:  "NAME",
	short: "print a kata's problem statement",
	long: `Show prints the problem statement of a kata (its README.md) and its difficulty,
without its hints: "kata hint NAME" gives those one at a time. The kata's follow-up
questions (its "## Follow-ups" section) are printed once you have finished an interview
of it (kata interview NAME), passed or not.`,
	run: runShow,
}

var cmdHint = &command{
	name:  "hint",
	args:  "NAME [N]",
	short: "print the next (or the N-th) hint of a kata",
	long: `Hint prints the next hint of a kata that you have not seen yet, or the N-th hint.
Hints go from a nudge to the idea; none of them is the solution.`,
	run: runHint,
}

func runShow(e *env, _ any, args []string) error {
	w, err := e.workbook()
	if err != nil {
		return err
	}
	k, err := oneKata(w, args, "show which kata? the katas are")
	if err != nil {
		return err
	}
	r := parseReadme(k.readme)
	pal := palette{on: e.fancy(e.stdout)}
	fmt.Fprint(e.stdout, render(pal, withDifficulty(r.body, k.difficulty)))
	if r.followups != "" {
		if prog, err := loadProgress(w.root); err == nil && prog.interviewed(k.name) {
			fmt.Fprint(e.stdout, "\n"+render(pal, r.followups))
		} else {
			fmt.Fprintf(e.stdout, "\nIts follow-up questions come after an interview: kata interview %s\n", k.name)
		}
	}
	switch n := len(r.hints); n {
	case 0:
	case 1:
		fmt.Fprintf(e.stdout, "\nThere is 1 hint: kata hint %s\n", k.name)
	default:
		fmt.Fprintf(e.stdout, "\nThere are %d hints, from a nudge to the idea: kata hint %s\n", n, k.name)
	}
	return nil
}

// withDifficulty puts a line "*Difficulty: easy.*" under the title of a statement.
func withDifficulty(body, difficulty string) string {
	if difficulty == "" {
		return body
	}
	line := "*Difficulty: " + difficulty + ".*"
	title, rest, ok := strings.Cut(body, "\n")
	if !ok || headingLevel(title) != 1 {
		return line + "\n\n" + body
	}
	return title + "\n\n" + line + "\n" + rest
}

// render styles markdown for a terminal: bold headings, code in cyan.
func render(p palette, md string) string {
	if !p.on {
		return md
	}
	var b strings.Builder
	fence := false
	for _, l := range strings.SplitAfter(md, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "```"):
			fence = !fence
			b.WriteString(p.dim(strings.TrimRight(l, "\n")) + "\n")
		case fence:
			b.WriteString(p.cyan(strings.TrimRight(l, "\n")) + "\n")
		case headingLevel(l) > 0:
			b.WriteString(p.bold(strings.TrimRight(l, "\n")) + "\n")
		default:
			b.WriteString(l)
		}
	}
	return b.String()
}

func runHint(e *env, _ any, args []string) error {
	w, err := e.workbook()
	if err != nil {
		return err
	}
	var nth int
	if len(args) == 2 {
		nth, err = strconv.Atoi(args[1])
		if err != nil || nth < 1 {
			return usageErrorf("the hint number must be 1 or more, not %q", args[1])
		}
		args = args[:1]
	}
	k, err := oneKata(w, args, "a hint for which kata? the katas are")
	if err != nil {
		return err
	}
	hints := parseReadme(k.readme).hints
	if len(hints) == 0 {
		fmt.Fprintf(e.stdout, "%s has no hints.\n", k.name)
		return nil
	}
	prog, err := loadProgress(w.root)
	if err != nil {
		return err
	}
	kp := prog.kata(k.name)
	last := false
	if nth == 0 {
		nth = kp.HintsSeen + 1
		if nth > len(hints) {
			nth, last = len(hints), true
		}
	}
	if nth > len(hints) {
		return usageErrorf("%s has %s", k.name, plural(len(hints), "hint"))
	}
	pal := palette{on: e.fancy(e.stdout)}
	fmt.Fprintf(e.stdout, "%s\n\n%s\n", pal.bold(fmt.Sprintf("%s: hint %d of %d", k.name, nth, len(hints))), render(pal, hints[nth-1]))
	switch {
	case last:
		fmt.Fprintf(e.stdout, "\nThat was the last hint; kata hint %s N shows the N-th again.\n", k.name)
	case nth == len(hints):
		fmt.Fprintln(e.stdout, "\nThat was the last hint.")
	case nth < len(hints):
		fmt.Fprintf(e.stdout, "\nStuck still? kata hint %s gives hint %d.\n", k.name, nth+1)
	}
	if nth > kp.HintsSeen {
		kp.HintsSeen = nth
		if err := prog.save(w.root); err != nil {
			return err
		}
	}
	return nil
}
