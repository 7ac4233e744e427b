package latch

import (
	"testing"

	"github.com/gokata/workbook/harness/latchtest"
)

// TestLatch is the judge. Run it with: make kata NAME=latch
func TestLatch(t *testing.T) {
	latchtest.Check(t, New)
}
