package deferredcallback

import (
	"testing"

	"github.com/gokata/workbook/harness/deferredcallbacktest"
)

// TestDeferredCallback is the judge. Run it with: make kata NAME=deferredcallback
func TestDeferredCallback(t *testing.T) {
	deferredcallbacktest.Check(t, New, ErrClosed)
}
