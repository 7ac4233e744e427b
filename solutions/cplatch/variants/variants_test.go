package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/cplatchtest"
	stub "github.com/gokata/workbook/katas/cplatch"
	reference "github.com/gokata/workbook/solutions/cplatch"
	cachedread "github.com/gokata/workbook/solutions/cplatch/variants/bad/cachedread"
	clock "github.com/gokata/workbook/solutions/cplatch/variants/bad/clock"
	expirednever "github.com/gokata/workbook/solutions/cplatch/variants/bad/expirednever"
	giveup "github.com/gokata/workbook/solutions/cplatch/variants/bad/giveup"
	highwater "github.com/gokata/workbook/solutions/cplatch/variants/bad/highwater"
	ignoretimeout "github.com/gokata/workbook/solutions/cplatch/variants/bad/ignoretimeout"
	leak "github.com/gokata/workbook/solutions/cplatch/variants/bad/leak"
	maporder "github.com/gokata/workbook/solutions/cplatch/variants/bad/maporder"
	newid "github.com/gokata/workbook/solutions/cplatch/variants/bad/newid"
	nodedup "github.com/gokata/workbook/solutions/cplatch/variants/bad/nodedup"
	onewaiter "github.com/gokata/workbook/solutions/cplatch/variants/bad/onewaiter"
	race "github.com/gokata/workbook/solutions/cplatch/variants/bad/race"
	twocommands "github.com/gokata/workbook/solutions/cplatch/variants/bad/twocommands"
	mutex "github.com/gokata/workbook/solutions/cplatch/variants/good/mutex"
	sessions "github.com/gokata/workbook/solutions/cplatch/variants/good/sessions"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "cplatch: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.NewStateMachine, stub.NewLatch) }},
		harness.Variant{Name: "bad/cachedread", Want: "GetCount() returned 2, want 0|not linearizable", Test: func(t *testing.T) { check.Check(t, cachedread.NewStateMachine, cachedread.NewLatch) }},
		harness.Variant{Name: "bad/clock", Want: "Apply is not deterministic", Test: func(t *testing.T) { check.Check(t, clock.NewStateMachine, clock.NewLatch) }},
		harness.Variant{Name: "bad/expirednever", Want: "Expired returned", Test: func(t *testing.T) { check.Check(t, expirednever.NewStateMachine, expirednever.NewLatch) }},
		harness.Variant{Name: "bad/giveup", Want: "unexpected error", Test: func(t *testing.T) { check.Check(t, giveup.NewStateMachine, giveup.NewLatch) }},
		harness.Variant{Name: "bad/highwater", Want: "call did not complete", Test: func(t *testing.T) { check.Check(t, highwater.NewStateMachine, highwater.NewLatch) }},
		harness.Variant{Name: "bad/ignoretimeout", Want: "call did not complete", Test: func(t *testing.T) { check.Check(t, ignoretimeout.NewStateMachine, ignoretimeout.NewLatch) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.NewStateMachine, leak.NewLatch) }},
		harness.Variant{Name: "bad/maporder", Want: "Apply is not deterministic", Test: func(t *testing.T) { check.Check(t, maporder.NewStateMachine, maporder.NewLatch) }},
		harness.Variant{Name: "bad/newid", Want: "applied twice", Test: func(t *testing.T) { check.Check(t, newid.NewStateMachine, newid.NewLatch) }},
		harness.Variant{Name: "bad/nodedup", Want: "is a retry of entry", Test: func(t *testing.T) { check.Check(t, nodedup.NewStateMachine, nodedup.NewLatch) }},
		harness.Variant{Name: "bad/onewaiter", Want: "Apply(", Test: func(t *testing.T) { check.Check(t, onewaiter.NewStateMachine, onewaiter.NewLatch) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.NewStateMachine, race.NewLatch) }},
		harness.Variant{Name: "bad/twocommands", Want: "TrySetCount", Test: func(t *testing.T) { check.Check(t, twocommands.NewStateMachine, twocommands.NewLatch) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.NewStateMachine, reference.NewLatch) }},
		harness.Variant{Name: "good/mutex", Test: func(t *testing.T) { check.Check(t, mutex.NewStateMachine, mutex.NewLatch) }},
		harness.Variant{Name: "good/sessions", Test: func(t *testing.T) { check.Check(t, sessions.NewStateMachine, sessions.NewLatch) }},
	)
}
