package printinorder

import (
	"testing"

	"github.com/gokata/workbook/harness/printinordertest"
)

// TestPrintInOrder is the judge. Run it with: make kata NAME=printinorder
func TestPrintInOrder(t *testing.T) {
	printinordertest.Check(t, New)
}
