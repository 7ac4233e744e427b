package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/foobartest"
	stub "github.com/gokata/workbook/katas/foobar"
	reference "github.com/gokata/workbook/solutions/foobar"
	goroutineprint "github.com/gokata/workbook/solutions/foobar/variants/bad/goroutineprint"
	lastsend "github.com/gokata/workbook/solutions/foobar/variants/bad/lastsend"
	leak "github.com/gokata/workbook/solutions/foobar/variants/bad/leak"
	nopanic "github.com/gokata/workbook/solutions/foobar/variants/bad/nopanic"
	passfirst "github.com/gokata/workbook/solutions/foobar/variants/bad/passfirst"
	race "github.com/gokata/workbook/solutions/foobar/variants/bad/race"
	shared "github.com/gokata/workbook/solutions/foobar/variants/bad/shared"
	sleeporder "github.com/gokata/workbook/solutions/foobar/variants/bad/sleeporder"
	sleeppoll "github.com/gokata/workbook/solutions/foobar/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/foobar/variants/bad/spin"
	unsync "github.com/gokata/workbook/solutions/foobar/variants/bad/unsync"
	zeroblocks "github.com/gokata/workbook/solutions/foobar/variants/bad/zeroblocks"
	atomic "github.com/gokata/workbook/solutions/foobar/variants/good/atomic"
	cond "github.com/gokata/workbook/solutions/foobar/variants/good/cond"
	handshake "github.com/gokata/workbook/solutions/foobar/variants/good/handshake"
	mutex "github.com/gokata/workbook/solutions/foobar/variants/good/mutex"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "foobar: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/unsync", Want: "do not alternate|called while", Test: func(t *testing.T) { check.Check(t, unsync.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/lastsend", Want: "deadlock: Bar never returned", Test: func(t *testing.T) { check.Check(t, lastsend.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/shared", Want: "so separate FooBars must not share state", Test: func(t *testing.T) { check.Check(t, shared.New) }},
		harness.Variant{Name: "bad/sleeporder", Want: "sleeping", Test: func(t *testing.T) { check.Check(t, sleeporder.New) }},
		harness.Variant{Name: "bad/nopanic", Want: "New(-1) returned; want a panic", Test: func(t *testing.T) { check.Check(t, nopanic.New) }},
		harness.Variant{Name: "bad/zeroblocks", Want: "deadlock: Bar never returned", Test: func(t *testing.T) { check.Check(t, zeroblocks.New) }},
		harness.Variant{Name: "bad/goroutineprint", Want: "Bar returned after", Test: func(t *testing.T) { check.Check(t, goroutineprint.New) }},
		harness.Variant{Name: "bad/passfirst", Want: "called while|do not alternate", Test: func(t *testing.T) { check.Check(t, passfirst.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
		harness.Variant{Name: "good/mutex", Test: func(t *testing.T) { check.Check(t, mutex.New) }},
		harness.Variant{Name: "good/handshake", Test: func(t *testing.T) { check.Check(t, handshake.New) }},
		harness.Variant{Name: "good/atomic", Test: func(t *testing.T) { check.Check(t, atomic.New) }},
	)
}
