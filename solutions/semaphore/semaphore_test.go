package semaphore

import (
	"testing"

	"github.com/gokata/workbook/harness/semaphoretest"
)

// TestWeighted is the judge. Run it with: make solution NAME=semaphore
func TestWeighted(t *testing.T) {
	semaphoretest.Check(t, New)
}
