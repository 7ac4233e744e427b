package h2o

import (
	"testing"

	"github.com/gokata/workbook/harness/h2otest"
)

// TestH2O is the judge. Run it with: make kata NAME=h2o
func TestH2O(t *testing.T) {
	h2otest.Check(t, New)
}
