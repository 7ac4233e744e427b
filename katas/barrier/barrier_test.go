package barrier

import (
	"testing"

	"github.com/gokata/workbook/harness/barriertest"
)

// TestBarrier is the judge. Run it with: make kata NAME=barrier
func TestBarrier(t *testing.T) {
	barriertest.Check(t, New, ErrBroken)
}
