package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/diningphilosopherstest"
	stub "github.com/gokata/workbook/katas/diningphilosophers"
	reference "github.com/gokata/workbook/solutions/diningphilosophers"
	allleft "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/allleft"
	fiveseats "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/fiveseats"
	globalmutex "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/globalmutex"
	leak "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/leak"
	lostwakeup "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/lostwakeup"
	nopanic "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/nopanic"
	onefork "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/onefork"
	puttwice "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/puttwice"
	race "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/race"
	samephilosopher "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/samephilosopher"
	sleeppoll "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/spin"
	unlockfirst "github.com/gokata/workbook/solutions/diningphilosophers/variants/bad/unlockfirst"
	dijkstra "github.com/gokata/workbook/solutions/diningphilosophers/variants/good/dijkstra"
	oddeven "github.com/gokata/workbook/solutions/diningphilosophers/variants/good/oddeven"
	seats "github.com/gokata/workbook/solutions/diningphilosophers/variants/good/seats"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "diningphilosophers: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/allleft", Want: "deadlock: philosophers 0, 1, 2, 3 and 4 never returned", Test: func(t *testing.T) { check.Check(t, allleft.New) }},
		harness.Variant{Name: "bad/globalmutex", Want: "not eating together", Test: func(t *testing.T) { check.Check(t, globalmutex.New) }},
		harness.Variant{Name: "bad/fiveseats", Want: "deadlock: philosophers 0, 1, 2, 3 and 4 never returned", Test: func(t *testing.T) { check.Check(t, fiveseats.New) }},
		harness.Variant{Name: "bad/puttwice", Want: "fork put down twice", Test: func(t *testing.T) { check.Check(t, puttwice.New) }},
		harness.Variant{Name: "bad/onefork", Want: "eating with one fork", Test: func(t *testing.T) { check.Check(t, onefork.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/nopanic", Want: "WantsToEat(5, ...) returned; want a panic", Test: func(t *testing.T) { check.Check(t, nopanic.New) }},
		harness.Variant{Name: "bad/samephilosopher", Want: "fork held twice", Test: func(t *testing.T) { check.Check(t, samephilosopher.New) }},
		harness.Variant{Name: "bad/lostwakeup", Want: "lost wakeup: philosopher 2 waits", Test: func(t *testing.T) { check.Check(t, lostwakeup.New) }},
		harness.Variant{Name: "bad/unlockfirst", Want: "fork held twice", Test: func(t *testing.T) { check.Check(t, unlockfirst.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/seats", Test: func(t *testing.T) { check.Check(t, seats.New) }},
		harness.Variant{Name: "good/oddeven", Test: func(t *testing.T) { check.Check(t, oddeven.New) }},
		harness.Variant{Name: "good/dijkstra", Test: func(t *testing.T) { check.Check(t, dijkstra.New) }},
	)
}
