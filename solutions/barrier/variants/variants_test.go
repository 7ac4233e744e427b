package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/barriertest"
	stub "github.com/gokata/workbook/katas/barrier"
	reference "github.com/gokata/workbook/solutions/barrier"
	afterfunc "github.com/gokata/workbook/solutions/barrier/variants/bad/afterfunc"
	arrival "github.com/gokata/workbook/solutions/barrier/variants/bad/arrival"
	ignorectx "github.com/gokata/workbook/solutions/barrier/variants/bad/ignorectx"
	leak "github.com/gokata/workbook/solutions/barrier/variants/bad/leak"
	nopanic "github.com/gokata/workbook/solutions/barrier/variants/bad/nopanic"
	noreset "github.com/gokata/workbook/solutions/barrier/variants/bad/noreset"
	notsticky "github.com/gokata/workbook/solutions/barrier/variants/bad/notsticky"
	race "github.com/gokata/workbook/solutions/barrier/variants/bad/race"
	resetblock "github.com/gokata/workbook/solutions/barrier/variants/bad/resetblock"
	reuse "github.com/gokata/workbook/solutions/barrier/variants/bad/reuse"
	shared "github.com/gokata/workbook/solutions/barrier/variants/bad/shared"
	signal "github.com/gokata/workbook/solutions/barrier/variants/bad/signal"
	sleeppoll "github.com/gokata/workbook/solutions/barrier/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/barrier/variants/bad/spin"
	strand "github.com/gokata/workbook/solutions/barrier/variants/bad/strand"
	chanlock "github.com/gokata/workbook/solutions/barrier/variants/good/chanlock"
	cond "github.com/gokata/workbook/solutions/barrier/variants/good/cond"
	waiters "github.com/gokata/workbook/solutions/barrier/variants/good/waiters"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "barrier: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New, stub.ErrBroken) }},
		harness.Variant{Name: "bad/reuse", Want: "reuse bug", Test: func(t *testing.T) { check.Check(t, reuse.New, reuse.ErrBroken) }},
		harness.Variant{Name: "bad/noreset", Want: "not released", Test: func(t *testing.T) { check.Check(t, noreset.New, noreset.ErrBroken) }},
		harness.Variant{Name: "bad/strand", Want: "broken generation", Test: func(t *testing.T) { check.Check(t, strand.New, strand.ErrBroken) }},
		harness.Variant{Name: "bad/resetblock", Want: "Reset left a waiter", Test: func(t *testing.T) { check.Check(t, resetblock.New, resetblock.ErrBroken) }},
		harness.Variant{Name: "bad/arrival", Want: "wrong arrival", Test: func(t *testing.T) { check.Check(t, arrival.New, arrival.ErrBroken) }},
		harness.Variant{Name: "bad/notsticky", Want: "broken barrier", Test: func(t *testing.T) { check.Check(t, notsticky.New, notsticky.ErrBroken) }},
		harness.Variant{Name: "bad/ignorectx", Want: "ctx ignored", Test: func(t *testing.T) { check.Check(t, ignorectx.New, ignorectx.ErrBroken) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New, leak.ErrBroken) }},
		harness.Variant{Name: "bad/afterfunc", Want: "registration leak", Test: func(t *testing.T) { check.Check(t, afterfunc.New, afterfunc.ErrBroken) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New, spin.ErrBroken) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep", Test: func(t *testing.T) { check.Check(t, sleeppoll.New, sleeppoll.ErrBroken) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New, race.ErrBroken) }},
		harness.Variant{Name: "bad/nopanic", Want: "New(0) returned", Test: func(t *testing.T) { check.Check(t, nopanic.New, nopanic.ErrBroken) }},
		harness.Variant{Name: "bad/shared", Want: "must not share state", Test: func(t *testing.T) { check.Check(t, shared.New, shared.ErrBroken) }},
		harness.Variant{Name: "bad/signal", Want: "not released", Test: func(t *testing.T) { check.Check(t, signal.New, signal.ErrBroken) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New, reference.ErrBroken) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New, cond.ErrBroken) }},
		harness.Variant{Name: "good/waiters", Test: func(t *testing.T) { check.Check(t, waiters.New, waiters.ErrBroken) }},
		harness.Variant{Name: "good/chanlock", Test: func(t *testing.T) { check.Check(t, chanlock.New, chanlock.ErrBroken) }},
	)
}
