package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/deferredcallbacktest"
	stub "github.com/gokata/workbook/katas/deferredcallback"
	reference "github.com/gokata/workbook/solutions/deferredcallback"
	addwaits "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/addwaits"
	afterfunc "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/afterfunc"
	bufferedadd "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/bufferedadd"
	closenowait "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/closenowait"
	closetwice "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/closetwice"
	leak "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/leak"
	lockheld "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/lockheld"
	negativeafter "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/negativeafter"
	noerrclosed "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/noerrclosed"
	norecheck "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/norecheck"
	race "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/race"
	roundedclock "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/roundedclock"
	runafterclose "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/runafterclose"
	shared "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/shared"
	sleeppoll "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/spin"
	unstable "github.com/gokata/workbook/solutions/deferredcallback/variants/bad/unstable"
	channels "github.com/gokata/workbook/solutions/deferredcallback/variants/good/channels"
	cond "github.com/gokata/workbook/solutions/deferredcallback/variants/good/cond"
	mutexwait "github.com/gokata/workbook/solutions/deferredcallback/variants/good/mutexwait"
	sorted "github.com/gokata/workbook/solutions/deferredcallback/variants/good/sorted"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "deferredcallback: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New, stub.ErrClosed) }},
		harness.Variant{Name: "bad/norecheck", Want: "early: ", Test: func(t *testing.T) { check.Check(t, norecheck.New, norecheck.ErrClosed) }},
		harness.Variant{Name: "bad/roundedclock", Want: "late: ", Test: func(t *testing.T) { check.Check(t, roundedclock.New, roundedclock.ErrClosed) }},
		harness.Variant{Name: "bad/lockheld", Want: "AddAction waited for a running action", Test: func(t *testing.T) { check.Check(t, lockheld.New, lockheld.ErrClosed) }},
		harness.Variant{Name: "bad/addwaits", Want: "AddAction waited for a running action", Test: func(t *testing.T) { check.Check(t, addwaits.New, addwaits.ErrClosed) }},
		harness.Variant{Name: "bad/bufferedadd", Want: "AddAction waited for a running action: 10000 calls", Test: func(t *testing.T) { check.Check(t, bufferedadd.New, bufferedadd.ErrClosed) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New, sleeppoll.ErrClosed) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New, spin.ErrClosed) }},
		harness.Variant{Name: "bad/unstable", Want: "actions due at the same instant must run in the order they were added", Test: func(t *testing.T) { check.Check(t, unstable.New, unstable.ErrClosed) }},
		harness.Variant{Name: "bad/afterfunc", Want: "which New did not start", Test: func(t *testing.T) { check.Check(t, afterfunc.New, afterfunc.ErrClosed) }},
		harness.Variant{Name: "bad/closenowait", Want: "Close returned while action E was still running", Test: func(t *testing.T) { check.Check(t, closenowait.New, closenowait.ErrClosed) }},
		harness.Variant{Name: "bad/closetwice", Want: "Close panicked: close of closed channel", Test: func(t *testing.T) { check.Check(t, closetwice.New, closetwice.ErrClosed) }},
		harness.Variant{Name: "bad/noerrclosed", Want: "want ErrClosed", Test: func(t *testing.T) { check.Check(t, noerrclosed.New, noerrclosed.ErrClosed) }},
		harness.Variant{Name: "bad/runafterclose", Want: "after Close was called", Test: func(t *testing.T) { check.Check(t, runafterclose.New, runafterclose.ErrClosed) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New, leak.ErrClosed) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New, race.ErrClosed) }},
		harness.Variant{Name: "bad/negativeafter", Want: "an action added with after <= 0 is due at the instant AddAction is called", Test: func(t *testing.T) { check.Check(t, negativeafter.New, negativeafter.ErrClosed) }},
		harness.Variant{Name: "bad/shared", Want: "separate Executors must not share state", Test: func(t *testing.T) { check.Check(t, shared.New, shared.ErrClosed) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New, reference.ErrClosed) }},
		harness.Variant{Name: "good/channels", Test: func(t *testing.T) { check.Check(t, channels.New, channels.ErrClosed) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New, cond.ErrClosed) }},
		harness.Variant{Name: "good/mutexwait", Test: func(t *testing.T) { check.Check(t, mutexwait.New, mutexwait.ErrClosed) }},
		harness.Variant{Name: "good/sorted", Test: func(t *testing.T) { check.Check(t, sorted.New, sorted.ErrClosed) }},
	)
}
