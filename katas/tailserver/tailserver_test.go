package tailserver

import (
	"testing"

	"github.com/gokata/workbook/harness/tailservertest"
)

// TestTailServer is the judge. Run it with: make kata NAME=tailserver
func TestTailServer(t *testing.T) {
	tailservertest.Check(t, New)
}
