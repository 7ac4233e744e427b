package rwlock

import (
	"testing"

	"github.com/gokata/workbook/harness/rwlocktest"
)

// TestRWMutex is the judge. Run it with: make solution NAME=rwlock
func TestRWMutex(t *testing.T) {
	rwlocktest.Check(t, New)
}
