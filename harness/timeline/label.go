package timeline

import "strings"

// MaxLabel is the longest label Rule returns, in characters.
const MaxLabel = 24

// Rule returns a short label for a verdict, for its Broke: the rule (the first line up
// to the first colon), cut to MaxLabel characters.
func Rule(verdict string) string {
	v, _ := Split(verdict)
	line, _, _ := strings.Cut(v, "\n")
	rule, _, _ := strings.Cut(line, ":")
	return Cut(rule, MaxLabel)
}

// Cut cuts s to n characters, ending with "…" when it was longer.
func Cut(s string, n int) string { return clip(s, n, "…") }

// Append returns verdict with text added to its end, before the timeline attached to it
// (if any), so that the timeline stays attached.
func Append(verdict, text string) string {
	v, _ := Split(verdict)
	return v + text + verdict[len(v):]
}
