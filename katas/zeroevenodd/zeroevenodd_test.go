package zeroevenodd

import (
	"testing"

	"github.com/gokata/workbook/harness/zeroevenoddtest"
)

// TestZeroEvenOdd is the judge. Run it with: make kata NAME=zeroevenodd
func TestZeroEvenOdd(t *testing.T) {
	zeroevenoddtest.Check(t, New)
}
