package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/semaphoretest"
	stub "github.com/gokata/workbook/katas/semaphore"
	reference "github.com/gokata/workbook/solutions/semaphore"
	leak "github.com/gokata/workbook/solutions/semaphore/variants/bad/leak"
	losttokens "github.com/gokata/workbook/solutions/semaphore/variants/bad/losttokens"
	nofifo "github.com/gokata/workbook/solutions/semaphore/variants/bad/nofifo"
	nopanic "github.com/gokata/workbook/solutions/semaphore/variants/bad/nopanic"
	oversize "github.com/gokata/workbook/solutions/semaphore/variants/bad/oversize"
	race "github.com/gokata/workbook/solutions/semaphore/variants/bad/race"
	sleeppoll "github.com/gokata/workbook/solutions/semaphore/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/semaphore/variants/bad/spin"
	stranded "github.com/gokata/workbook/solutions/semaphore/variants/bad/stranded"
	wakeone "github.com/gokata/workbook/solutions/semaphore/variants/bad/wakeone"
	cond "github.com/gokata/workbook/solutions/semaphore/variants/good/cond"
	tokens "github.com/gokata/workbook/solutions/semaphore/variants/good/tokens"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "semaphore: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/nofifo", Want: "not first come, first served", Test: func(t *testing.T) { check.Check(t, nofifo.New) }},
		harness.Variant{Name: "bad/stranded", Want: "stranded", Test: func(t *testing.T) { check.Check(t, stranded.New) }},
		harness.Variant{Name: "bad/losttokens", Want: "tokens lost", Test: func(t *testing.T) { check.Check(t, losttokens.New) }},
		harness.Variant{Name: "bad/wakeone", Want: "waiters not woken", Test: func(t *testing.T) { check.Check(t, wakeone.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/nopanic", Want: `Release(1) returned, want a panic with "semaphore: released more than held"`, Test: func(t *testing.T) { check.Check(t, nopanic.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/oversize", Want: "held up", Test: func(t *testing.T) { check.Check(t, oversize.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
		harness.Variant{Name: "good/tokens", Test: func(t *testing.T) { check.Check(t, tokens.New) }},
	)
}
