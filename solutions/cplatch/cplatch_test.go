package cplatch

import (
	"testing"

	"github.com/gokata/workbook/harness/cplatchtest"
)

// TestCPLatch is the judge. The reference must pass it.
func TestCPLatch(t *testing.T) {
	cplatchtest.Check(t, NewStateMachine, NewLatch)
}
