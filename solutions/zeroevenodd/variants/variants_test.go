package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/zeroevenoddtest"
	stub "github.com/gokata/workbook/katas/zeroevenodd"
	reference "github.com/gokata/workbook/solutions/zeroevenodd"
	barrier "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/barrier"
	goroutineprint "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/goroutineprint"
	lastsend "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/lastsend"
	leak "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/leak"
	mutexswap "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/mutexswap"
	nopanic "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/nopanic"
	offbyone "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/offbyone"
	passfirst "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/passfirst"
	race "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/race"
	returnearly "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/returnearly"
	shared "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/shared"
	sharedchan "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/sharedchan"
	signal "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/signal"
	sleeporder "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/sleeporder"
	sleeppoll "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/spin"
	unbuffered "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/unbuffered"
	zeroblocks "github.com/gokata/workbook/solutions/zeroevenodd/variants/bad/zeroblocks"
	atomic "github.com/gokata/workbook/solutions/zeroevenodd/variants/good/atomic"
	cond "github.com/gokata/workbook/solutions/zeroevenodd/variants/good/cond"
	mutex "github.com/gokata/workbook/solutions/zeroevenodd/variants/good/mutex"
	semaphore "github.com/gokata/workbook/solutions/zeroevenodd/variants/good/semaphore"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "zeroevenodd: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/sharedchan", Want: "wrong order", Test: func(t *testing.T) { check.Check(t, sharedchan.New) }},
		harness.Variant{Name: "bad/signal", Want: "deadlock:", Test: func(t *testing.T) { check.Check(t, signal.New) }},
		harness.Variant{Name: "bad/lastsend", Want: "deadlock: Odd never returned|deadlock: Even never returned", Test: func(t *testing.T) { check.Check(t, lastsend.New) }},
		harness.Variant{Name: "bad/unbuffered", Want: "deadlock: Zero never returned", Test: func(t *testing.T) { check.Check(t, unbuffered.New) }},
		harness.Variant{Name: "bad/returnearly", Want: "Even returned before its last print|print from another goroutine: Even", Test: func(t *testing.T) { check.Check(t, returnearly.New) }},
		harness.Variant{Name: "bad/offbyone", Want: "too few prints: Odd never printed", Test: func(t *testing.T) { check.Check(t, offbyone.New) }},
		harness.Variant{Name: "bad/shared", Want: "separate ZeroEvenOdds share state|separate ZeroEvenOdds must not share state", Test: func(t *testing.T) { check.Check(t, shared.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/sleeporder", Want: "sleeping", Test: func(t *testing.T) { check.Check(t, sleeporder.New) }},
		harness.Variant{Name: "bad/nopanic", Want: "New(-1) returned; want a panic", Test: func(t *testing.T) { check.Check(t, nopanic.New) }},
		harness.Variant{Name: "bad/zeroblocks", Want: "deadlock: Even never returned", Test: func(t *testing.T) { check.Check(t, zeroblocks.New) }},
		harness.Variant{Name: "bad/passfirst", Want: "called while|wrong order", Test: func(t *testing.T) { check.Check(t, passfirst.New) }},
		harness.Variant{Name: "bad/goroutineprint", Want: "print from another goroutine", Test: func(t *testing.T) { check.Check(t, goroutineprint.New) }},
		harness.Variant{Name: "bad/barrier", Want: "deadlock: Zero never returned", Test: func(t *testing.T) { check.Check(t, barrier.New) }},
		harness.Variant{Name: "bad/mutexswap", Want: "deadlock: Odd never returned|wrong order: Even printed 2 before Odd printed 1|deadlock: no progress for 5s and every goroutine is blocked", Test: func(t *testing.T) { check.Check(t, mutexswap.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
		harness.Variant{Name: "good/mutex", Test: func(t *testing.T) { check.Check(t, mutex.New) }},
		harness.Variant{Name: "good/semaphore", Test: func(t *testing.T) { check.Check(t, semaphore.New) }},
		harness.Variant{Name: "good/atomic", Test: func(t *testing.T) { check.Check(t, atomic.New) }},
	)
}
