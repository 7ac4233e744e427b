package fizzbuzz

import (
	"testing"

	"github.com/gokata/workbook/harness/fizzbuzztest"
)

// TestFizzBuzz is the judge. Run it with: make kata NAME=fizzbuzz
func TestFizzBuzz(t *testing.T) {
	fizzbuzztest.Check(t, New)
}
