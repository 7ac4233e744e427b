package refereequeue

import (
	"testing"

	"github.com/gokata/workbook/harness/refereequeuetest"
)

// TestRefereeQueue is the judge. Run it with: make kata NAME=refereequeue
func TestRefereeQueue(t *testing.T) {
	refereequeuetest.Check(t, New, ErrClosed)
}
