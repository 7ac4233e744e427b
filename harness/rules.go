package harness

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A Rule is one group of checks of a kata, run as a subtest named Name ("order",
// "schedules", "waiting"): the grade reports list kata results rule by rule.
type Rule struct {
	Name  string
	Check func(t *testing.T)
}

// Rules runs each rule as a subtest, in order. Once a rule fails the rest are skipped,
// so that a learner reads one broken rule at a time.
func Rules(t *testing.T, rules ...Rule) {
	t.Helper()
	failed := ""
	for _, r := range rules {
		t.Run(r.Name, func(t *testing.T) {
			if failed != "" {
				t.Skipf("skipped until rule %q passes", failed)
			}
			r.Check(t)
		})
		if failed == "" && t.Failed() {
			failed = r.Name
		}
	}
}

// Diff returns a go-cmp diff of want and got ("-want +got"), or "" when they are equal.
func Diff(want, got any, opts ...cmp.Option) string {
	return cmp.Diff(want, got, opts...)
}
