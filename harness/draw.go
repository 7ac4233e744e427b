package harness

import "github.com/gokata/workbook/harness/timeline"

// Draw returns a verdict ready to print: when a timeline is attached to it (see
// timeline.Attach), the verdict with the timeline drawn under it. Checkers pass verdicts
// that reach t.Fatal or t.Error directly (not through Check) through Draw.
//
// TODO(tl-core): draw the timeline; for now the attached record is dropped.
func Draw(verdict string) string {
	v, _ := timeline.Split(verdict)
	return v
}
