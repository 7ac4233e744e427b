package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/latchtest"
	stub "github.com/gokata/workbook/katas/latch"
	reference "github.com/gokata/workbook/solutions/latch"
	afterfunc "github.com/gokata/workbook/solutions/latch/variants/bad/afterfunc"
	condloop "github.com/gokata/workbook/solutions/latch/variants/bad/condloop"
	ignorectx "github.com/gokata/workbook/solutions/latch/variants/bad/ignorectx"
	leak "github.com/gokata/workbook/solutions/latch/variants/bad/leak"
	negative "github.com/gokata/workbook/solutions/latch/variants/bad/negative"
	nopanic "github.com/gokata/workbook/solutions/latch/variants/bad/nopanic"
	race "github.com/gokata/workbook/solutions/latch/variants/bad/race"
	recheck "github.com/gokata/workbook/solutions/latch/variants/bad/recheck"
	registry "github.com/gokata/workbook/solutions/latch/variants/bad/registry"
	resetnonzero "github.com/gokata/workbook/solutions/latch/variants/bad/resetnonzero"
	samechannel "github.com/gokata/workbook/solutions/latch/variants/bad/samechannel"
	shared "github.com/gokata/workbook/solutions/latch/variants/bad/shared"
	signal "github.com/gokata/workbook/solutions/latch/variants/bad/signal"
	sleeppoll "github.com/gokata/workbook/solutions/latch/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/latch/variants/bad/spin"
	splitset "github.com/gokata/workbook/solutions/latch/variants/bad/splitset"
	tickpoll "github.com/gokata/workbook/solutions/latch/variants/bad/tickpoll"
	zeroctx "github.com/gokata/workbook/solutions/latch/variants/bad/zeroctx"
	atomic "github.com/gokata/workbook/solutions/latch/variants/good/atomic"
	chanstate "github.com/gokata/workbook/solutions/latch/variants/good/chanstate"
	cond "github.com/gokata/workbook/solutions/latch/variants/good/cond"
	waiters "github.com/gokata/workbook/solutions/latch/variants/good/waiters"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "latch: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/condloop", Want: "lost wakeup", Test: func(t *testing.T) { check.Check(t, condloop.New) }},
		harness.Variant{Name: "bad/splitset", Want: "not linearizable", Test: func(t *testing.T) { check.Check(t, splitset.New) }},
		harness.Variant{Name: "bad/recheck", Want: "lost wakeup", Test: func(t *testing.T) { check.Check(t, recheck.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/ignorectx", Want: "deadlock: Wait(ctx) with ctx already canceled never returned", Test: func(t *testing.T) { check.Check(t, ignorectx.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "late:", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/tickpoll", Want: "late:", Test: func(t *testing.T) { check.Check(t, tickpoll.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/negative", Want: "Count() returned -1, want 0", Test: func(t *testing.T) { check.Check(t, negative.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/zeroctx", Want: "returned context.Canceled, want nil", Test: func(t *testing.T) { check.Check(t, zeroctx.New) }},
		harness.Variant{Name: "bad/resetnonzero", Want: "TrySetCount(5) returned true, want false", Test: func(t *testing.T) { check.Check(t, resetnonzero.New) }},
		harness.Variant{Name: "bad/shared", Want: "separate Latches must not share state", Test: func(t *testing.T) { check.Check(t, shared.New) }},
		harness.Variant{Name: "bad/samechannel", Want: "while the count was", Test: func(t *testing.T) { check.Check(t, samechannel.New) }},
		harness.Variant{Name: "bad/signal", Want: "releases every waiter of the round", Test: func(t *testing.T) { check.Check(t, signal.New) }},
		harness.Variant{Name: "bad/registry", Want: "registration leak", Test: func(t *testing.T) { check.Check(t, registry.New) }},
		harness.Variant{Name: "bad/afterfunc", Want: "registration leak", Test: func(t *testing.T) { check.Check(t, afterfunc.New) }},
		harness.Variant{Name: "bad/nopanic", Want: `New(-1) returned, want a panic with "latch: negative count"`, Test: func(t *testing.T) { check.Check(t, nopanic.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
		harness.Variant{Name: "good/atomic", Test: func(t *testing.T) { check.Check(t, atomic.New) }},
		harness.Variant{Name: "good/waiters", Test: func(t *testing.T) { check.Check(t, waiters.New) }},
		harness.Variant{Name: "good/chanstate", Test: func(t *testing.T) { check.Check(t, chanstate.New) }},
	)
}
