package boundedqueue

import (
	"testing"

	"github.com/gokata/workbook/harness/boundedqueuetest"
)

// TestBoundedQueue is the judge. Run it with: make kata NAME=boundedqueue
func TestBoundedQueue(t *testing.T) {
	boundedqueuetest.Check(t, New[int])
}
