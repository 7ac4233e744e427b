package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/trafficlighttest"
	stub "github.com/gokata/workbook/katas/trafficlight"
	reference "github.com/gokata/workbook/solutions/trafficlight"
	alreadygreen "github.com/gokata/workbook/solutions/trafficlight/variants/bad/alreadygreen"
	globalmutex "github.com/gokata/workbook/solutions/trafficlight/variants/bad/globalmutex"
	greenfirst "github.com/gokata/workbook/solutions/trafficlight/variants/bad/greenfirst"
	leak "github.com/gokata/workbook/solutions/trafficlight/variants/bad/leak"
	nopanic "github.com/gokata/workbook/solutions/trafficlight/variants/bad/nopanic"
	race "github.com/gokata/workbook/solutions/trafficlight/variants/bad/race"
	signal "github.com/gokata/workbook/solutions/trafficlight/variants/bad/signal"
	sleeppoll "github.com/gokata/workbook/solutions/trafficlight/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/trafficlight/variants/bad/spin"
	starve "github.com/gokata/workbook/solutions/trafficlight/variants/bad/starve"
	turnwhilecrossing "github.com/gokata/workbook/solutions/trafficlight/variants/bad/turnwhilecrossing"
	channels "github.com/gokata/workbook/solutions/trafficlight/variants/good/channels"
	cond "github.com/gokata/workbook/solutions/trafficlight/variants/good/cond"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "trafficlight: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/globalmutex", Want: "late", Test: func(t *testing.T) { check.Check(t, globalmutex.New) }},
		harness.Variant{Name: "bad/alreadygreen", Want: "turnGreen when already green", Test: func(t *testing.T) { check.Check(t, alreadygreen.New) }},
		harness.Variant{Name: "bad/turnwhilecrossing", Want: "turnGreen while crossing", Test: func(t *testing.T) { check.Check(t, turnwhilecrossing.New) }},
		harness.Variant{Name: "bad/starve", Want: "overtaken", Test: func(t *testing.T) { check.Check(t, starve.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/greenfirst", Want: "crossed during turnGreen", Test: func(t *testing.T) { check.Check(t, greenfirst.New) }},
		harness.Variant{Name: "bad/signal", Want: "late", Test: func(t *testing.T) { check.Check(t, signal.New) }},
		harness.Variant{Name: "bad/nopanic", Want: "CarArrived(1, 0, 1, ...) returned; want a panic", Test: func(t *testing.T) { check.Check(t, nopanic.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
		harness.Variant{Name: "good/channels", Test: func(t *testing.T) { check.Check(t, channels.New) }},
	)
}
