package trafficlight

import (
	"testing"

	"github.com/gokata/workbook/harness/trafficlighttest"
)

// TestTrafficLight is the judge. Run it with: make kata NAME=trafficlight
func TestTrafficLight(t *testing.T) {
	trafficlighttest.Check(t, New)
}
