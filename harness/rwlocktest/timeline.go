package rwlocktest

import (
	"fmt"

	"github.com/gokata/workbook/harness/internal/tlmark"
	"github.com/gokata/workbook/harness/timeline"
)

// lanes declares the lanes of a run of s: the judge's, then each reader and writer.
func (s schedule) lanes(tl *timeline.Timeline, names []string) {
	tl.Lanes(tlmark.Judge)
	for _, n := range names {
		if n != "" {
			tl.Lanes(n)
		}
	}
}

// lane returns the lane of step i: its reader or writer; for an unlock, the one that
// locked (holder, the step of its RLock or Lock), also when another goroutine unlocks
// for it.
func (s schedule) lane(i int, names []string, holder int) string {
	switch c := s.Calls[i]; {
	case c.Kind == rlock || c.Kind == lock:
		return names[i]
	case holder >= 0 && holder < len(names) && names[holder] != "":
		return names[holder]
	}
	return tlmark.Judge
}

// label renders step i for a timeline: "RLock", "Unlock B (other)".
func (s schedule) label(i int) string {
	c := s.Calls[i]
	label := c.Kind.String()
	if s.Locks > 1 {
		label += fmt.Sprintf(" %c", 'A'+c.Lock)
	}
	if c.Other {
		label += " (other goroutine)"
	}
	return label
}
