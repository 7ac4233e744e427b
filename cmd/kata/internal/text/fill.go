// Package text lays out the kata tool's prose for a terminal.
package text

import "strings"

// Fill wraps text at width columns, the lines after the first indented by indent, and
// ends it with a newline. Colour codes take no column.
func Fill(text, indent string, width int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(text) {
		n := Visible(word)
		switch {
		case i == 0:
		case col+1+n > width:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	b.WriteByte('\n')
	return b.String()
}

// Visible counts the columns of s, escape sequences left out.
func Visible(s string) int {
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\033':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			n++
		}
	}
	return n
}
