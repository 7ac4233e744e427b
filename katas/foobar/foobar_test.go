package foobar

import (
	"testing"

	"github.com/gokata/workbook/harness/foobartest"
)

// TestFooBar is the judge. Run it with: make kata NAME=foobar
func TestFooBar(t *testing.T) {
	foobartest.Check(t, New)
}
