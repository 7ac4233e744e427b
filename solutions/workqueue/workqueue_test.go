package workqueue

import (
	"testing"

	"github.com/gokata/workbook/harness/workqueuetest"
)

// TestWorkQueue is the judge. Run it with: make solution NAME=workqueue
func TestWorkQueue(t *testing.T) {
	workqueuetest.Check(t, New[int])
}
