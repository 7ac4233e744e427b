package mistakes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// Context is how many unchanged lines a diff shows around each change.
const Context = 3

// A DiffLine is one line of a unified diff.
type DiffLine struct {
	Kind byte // '-' and '+' for the two files' headers and their lines, '@' for a hunk header, ' ' for context
	Text string
}

// Diff returns the unified diff from the reference file ref to the variant's file v (a
// File with empty Name means none), with Context lines of context, or nil when they are
// the same code. Lines that hold only a comment, and so the package comments, are left
// out of both: the variant's comment is the gallery's explanation, and the reference's
// documentation would hide the code that differs. Hunk headers give the lines' numbers
// in the files and how many lines each side shows.
func Diff(refPath, varPath string, ref, v File) []DiffLine {
	a, an := code(ref.Text)
	b, bn := code(v.Text)
	m := difflib.NewMatcher(a, b)
	groups := m.GetGroupedOpCodes(Context)
	if len(groups) == 0 {
		return nil
	}
	if ref.Name == "" {
		refPath = "/dev/null"
	}
	if v.Name == "" {
		varPath = "/dev/null"
	}
	out := []DiffLine{{'-', "--- " + refPath}, {'+', "+++ " + varPath}}
	for _, g := range groups {
		first, last := g[0], g[len(g)-1]
		out = append(out, DiffLine{'@', fmt.Sprintf("@@ -%s +%s @@", span(an, first.I1, last.I2), span(bn, first.J1, last.J2))})
		for _, c := range g {
			switch c.Tag {
			case 'e':
				for _, l := range a[c.I1:c.I2] {
					out = append(out, DiffLine{' ', " " + l})
				}
			case 'r', 'd', 'i':
				for _, l := range a[c.I1:c.I2] {
					out = append(out, DiffLine{'-', "-" + l})
				}
				for _, l := range b[c.J1:c.J2] {
					out = append(out, DiffLine{'+', "+" + l})
				}
			}
		}
	}
	return out
}

// code returns the lines of a Go file from its package clause on, without the lines
// that hold only a comment, and each line's number in the file.
func code(text string) (lines []string, numbers []int) {
	if text == "" {
		return nil, nil
	}
	all := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	start := slices.IndexFunc(all, func(l string) bool { return strings.HasPrefix(l, "package ") })
	for i := max(start, 0); i < len(all); i++ {
		if strings.HasPrefix(strings.TrimSpace(all[i]), "//") {
			continue
		}
		lines = append(lines, all[i])
		numbers = append(numbers, i+1)
	}
	return lines, numbers
}

// span writes the range of shown lines i to j of a file, as "first,count" (the count
// left out when it is 1); an empty range is the line before it, with count 0.
func span(numbers []int, i, j int) string {
	switch {
	case i == j && i == 0:
		return "0,0"
	case i == j:
		return fmt.Sprintf("%d,0", numbers[i-1])
	case j-i == 1:
		return fmt.Sprintf("%d", numbers[i])
	}
	return fmt.Sprintf("%d,%d", numbers[i], j-i)
}
