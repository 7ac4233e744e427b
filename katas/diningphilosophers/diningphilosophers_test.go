package diningphilosophers

import (
	"testing"

	"github.com/gokata/workbook/harness/diningphilosopherstest"
)

// TestDiningPhilosophers is the judge. Run it with: make kata NAME=diningphilosophers
func TestDiningPhilosophers(t *testing.T) {
	diningphilosopherstest.Check(t, New)
}
