package pool

import (
	"testing"

	"github.com/gokata/workbook/harness/pooltest"
)

// TestPool is the judge. Run it with: make kata NAME=pool
func TestPool(t *testing.T) {
	pooltest.Check(t, New, Submit[int], ErrClosed)
}
