package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/h2otest"
	stub "github.com/gokata/workbook/katas/h2o"
	reference "github.com/gokata/workbook/solutions/h2o"
	barging "github.com/gokata/workbook/solutions/h2o/variants/bad/barging"
	fifo "github.com/gokata/workbook/solutions/h2o/variants/bad/fifo"
	leak "github.com/gokata/workbook/solutions/h2o/variants/bad/leak"
	noretry "github.com/gokata/workbook/solutions/h2o/variants/bad/noretry"
	onarrival "github.com/gokata/workbook/solutions/h2o/variants/bad/onarrival"
	overlap "github.com/gokata/workbook/solutions/h2o/variants/bad/overlap"
	proxy "github.com/gokata/workbook/solutions/h2o/variants/bad/proxy"
	race "github.com/gokata/workbook/solutions/h2o/variants/bad/race"
	shared "github.com/gokata/workbook/solutions/h2o/variants/bad/shared"
	signal "github.com/gokata/workbook/solutions/h2o/variants/bad/signal"
	sleeppoll "github.com/gokata/workbook/solutions/h2o/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/h2o/variants/bad/spin"
	twooxygens "github.com/gokata/workbook/solutions/h2o/variants/bad/twooxygens"
	barrier "github.com/gokata/workbook/solutions/h2o/variants/good/barrier"
	cond "github.com/gokata/workbook/solutions/h2o/variants/good/cond"
	mutex "github.com/gokata/workbook/solutions/h2o/variants/good/mutex"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "h2o: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/onarrival", Want: "released too early", Test: func(t *testing.T) { check.Check(t, onarrival.New) }},
		harness.Variant{Name: "bad/overlap", Want: "molecules overlap", Test: func(t *testing.T) { check.Check(t, overlap.New) }},
		harness.Variant{Name: "bad/fifo", Want: "three hydrogens|two oxygens", Test: func(t *testing.T) { check.Check(t, fifo.New) }},
		harness.Variant{Name: "bad/twooxygens", Want: "two oxygens|molecules overlap", Test: func(t *testing.T) { check.Check(t, twooxygens.New) }},
		harness.Variant{Name: "bad/noretry", Want: "could form a molecule", Test: func(t *testing.T) { check.Check(t, noretry.New) }},
		harness.Variant{Name: "bad/signal", Want: "deadlock", Test: func(t *testing.T) { check.Check(t, signal.New) }},
		harness.Variant{Name: "bad/barging", Want: "released too early", Test: func(t *testing.T) { check.Check(t, barging.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/shared", Want: "must not share state", Test: func(t *testing.T) { check.Check(t, shared.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/proxy", Want: "released from another goroutine", Test: func(t *testing.T) { check.Check(t, proxy.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
		harness.Variant{Name: "good/mutex", Test: func(t *testing.T) { check.Check(t, mutex.New) }},
		harness.Variant{Name: "good/barrier", Test: func(t *testing.T) { check.Check(t, barrier.New) }},
	)
}
