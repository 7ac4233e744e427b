package harness

import (
	"os"
	"strings"

	"github.com/gokata/workbook/harness/timeline"
)

// Draw returns a verdict ready to print: when a timeline is attached to it (see
// timeline.Attach), the verdict with the timeline drawn under it. Checkers pass verdicts
// that reach t.Fatal or t.Error directly (not through Check) through Draw.
func Draw(verdict string) string {
	v, r := timeline.Split(verdict)
	if pic := drawing(v, r, pictureHeading); pic != "" {
		return v + "\n" + pic
	}
	return v
}

// drawing shows r under verdict, as timeline.Env asks: the machine line for the kata
// tool, which draws it itself; none with "off"; else a picture headed by a line that
// says how to read it, in ASCII with "ascii" or when timeline.ASCIIOnly says the
// terminal cannot show Unicode. Colour is left to the kata tool: the output of go test
// is often not a terminal. The stub's verdict ("not implemented yet") gets none.
func drawing(verdict string, r *timeline.Record, heading string) string {
	if r == nil || len(r.Events) == 0 || strings.Contains(firstLine(verdict), "not implemented yet") {
		return ""
	}
	mode := os.Getenv(timeline.Env)
	switch mode {
	case "record":
		return r.Line()
	case "off":
		return ""
	}
	ascii := mode == "ascii" || mode != "unicode" && timeline.ASCIIOnly(os.Getenv)
	pic := timeline.Picture(*r, timeline.Options{ASCII: ascii, Width: 96})
	return heading + "\n" + strings.TrimSuffix(pic, "\n")
}

// The headings of pictures: of the run of the verdict, and of the first run that failed
// when the minimized schedule did not fail again (its verdict is the one printed).
const (
	pictureHeading = "What each goroutine did (time goes down, fake time on the left):"
	firstHeading   = "What each goroutine did in the first run that failed (time goes down, fake time on the left):"
)

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
