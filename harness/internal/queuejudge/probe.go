package queuejudge

import (
	"time"

	"github.com/gokata/workbook/harness"
)

// Happened says what released a probed call: its ctx, or the call other.
func Happened(byCtx bool, other string) string {
	if byCtx {
		return "its ctx was canceled"
	}
	return other + " was called"
}

// LeftBehind lists the goroutines of package pkg that were not there before, once they
// have had a second to finish (a goroutine started by context.AfterFunc may still be on
// its way out).
func LeftBehind(pkg string, before map[string]bool) string {
	var left []harness.Goroutine
	for end := time.Now().Add(time.Second); ; time.Sleep(10 * time.Millisecond) {
		left = left[:0]
		for _, g := range harness.Of(pkg, harness.Goroutines()) {
			if !before[g.ID] {
				left = append(left, g)
			}
		}
		if len(left) == 0 {
			return ""
		}
		if time.Now().After(end) {
			return harness.Describe(pkg, left)
		}
	}
}
