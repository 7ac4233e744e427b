package cplatch

import (
	"testing"

	"github.com/gokata/workbook/harness/cplatchtest"
)

// TestCPLatch is the judge. Run it with: make kata NAME=cplatch
func TestCPLatch(t *testing.T) {
	cplatchtest.Check(t, NewStateMachine, NewLatch)
}
