package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/printinordertest"
	stub "github.com/gokata/workbook/katas/printinorder"
	reference "github.com/gokata/workbook/solutions/printinorder"
	leak "github.com/gokata/workbook/solutions/printinorder/variants/bad/leak"
	race "github.com/gokata/workbook/solutions/printinorder/variants/bad/race"
	returnearly "github.com/gokata/workbook/solutions/printinorder/variants/bad/returnearly"
	selfdeadlock "github.com/gokata/workbook/solutions/printinorder/variants/bad/selfdeadlock"
	shared "github.com/gokata/workbook/solutions/printinorder/variants/bad/shared"
	signal "github.com/gokata/workbook/solutions/printinorder/variants/bad/signal"
	signalfirst "github.com/gokata/workbook/solutions/printinorder/variants/bad/signalfirst"
	sleeporder "github.com/gokata/workbook/solutions/printinorder/variants/bad/sleeporder"
	sleeppoll "github.com/gokata/workbook/solutions/printinorder/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/printinorder/variants/bad/spin"
	unbufferedsend "github.com/gokata/workbook/solutions/printinorder/variants/bad/unbufferedsend"
	atomic "github.com/gokata/workbook/solutions/printinorder/variants/good/atomic"
	cond "github.com/gokata/workbook/solutions/printinorder/variants/good/cond"
	mutex "github.com/gokata/workbook/solutions/printinorder/variants/good/mutex"
	waitgroup "github.com/gokata/workbook/solutions/printinorder/variants/good/waitgroup"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "printinorder: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/unbufferedsend", Want: "deadlock: First never returned", Test: func(t *testing.T) { check.Check(t, unbufferedsend.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/sleeporder", Want: "sleeping", Test: func(t *testing.T) { check.Check(t, sleeporder.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/shared", Want: "so separate Foos must not share state", Test: func(t *testing.T) { check.Check(t, shared.New) }},
		harness.Variant{Name: "bad/signal", Want: "deadlock: Second", Test: func(t *testing.T) { check.Check(t, signal.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/returnearly", Want: "returned before calling print", Test: func(t *testing.T) { check.Check(t, returnearly.New) }},
		harness.Variant{Name: "bad/selfdeadlock", Want: "deadlock", Test: func(t *testing.T) { check.Check(t, selfdeadlock.New) }},
		harness.Variant{Name: "bad/signalfirst", Want: "was still running:|Second printed before First|Third printed before Second", Test: func(t *testing.T) { check.Check(t, signalfirst.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
		harness.Variant{Name: "good/mutex", Test: func(t *testing.T) { check.Check(t, mutex.New) }},
		harness.Variant{Name: "good/waitgroup", Test: func(t *testing.T) { check.Check(t, waitgroup.New) }},
		harness.Variant{Name: "good/atomic", Test: func(t *testing.T) { check.Check(t, atomic.New) }},
	)
}
