package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/pooltest"
	stub "github.com/gokata/workbook/katas/pool"
	reference "github.com/gokata/workbook/solutions/pool"
	acceptafterclose "github.com/gokata/workbook/solutions/pool/variants/bad/acceptafterclose"
	closedrops "github.com/gokata/workbook/solutions/pool/variants/bad/closedrops"
	closenowait "github.com/gokata/workbook/solutions/pool/variants/bad/closenowait"
	doubleclose "github.com/gokata/workbook/solutions/pool/variants/bad/doubleclose"
	leak "github.com/gokata/workbook/solutions/pool/variants/bad/leak"
	lifo "github.com/gokata/workbook/solutions/pool/variants/bad/lifo"
	lostwakeup "github.com/gokata/workbook/solutions/pool/variants/bad/lostwakeup"
	missresult "github.com/gokata/workbook/solutions/pool/variants/bad/missresult"
	norecover "github.com/gokata/workbook/solutions/pool/variants/bad/norecover"
	panickills "github.com/gokata/workbook/solutions/pool/variants/bad/panickills"
	pertask "github.com/gokata/workbook/solutions/pool/variants/bad/pertask"
	race "github.com/gokata/workbook/solutions/pool/variants/bad/race"
	secondclose "github.com/gokata/workbook/solutions/pool/variants/bad/secondclose"
	shared "github.com/gokata/workbook/solutions/pool/variants/bad/shared"
	sleeppoll "github.com/gokata/workbook/solutions/pool/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/pool/variants/bad/spin"
	submitwaits "github.com/gokata/workbook/solutions/pool/variants/bad/submitwaits"
	toomany "github.com/gokata/workbook/solutions/pool/variants/bad/toomany"
	dispatcher "github.com/gokata/workbook/solutions/pool/variants/good/dispatcher"
	handoff "github.com/gokata/workbook/solutions/pool/variants/good/handoff"
	tokens "github.com/gokata/workbook/solutions/pool/variants/good/tokens"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "pool: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New, stub.Submit[int], stub.ErrClosed) }},
		harness.Variant{Name: "bad/toomany", Want: "more than 2 tasks ran at once", Test: func(t *testing.T) { check.Check(t, toomany.New, toomany.Submit[int], toomany.ErrClosed) }},
		harness.Variant{Name: "bad/pertask", Want: "tasks ran on more than", Test: func(t *testing.T) { check.Check(t, pertask.New, pertask.Submit[int], pertask.ErrClosed) }},
		harness.Variant{Name: "bad/lostwakeup", Want: "no task may wait while a worker is idle", Test: func(t *testing.T) { check.Check(t, lostwakeup.New, lostwakeup.Submit[int], lostwakeup.ErrClosed) }},
		harness.Variant{Name: "bad/panickills", Want: "a panic must not kill its worker|does a panic kill its worker", Test: func(t *testing.T) { check.Check(t, panickills.New, panickills.Submit[int], panickills.ErrClosed) }},
		harness.Variant{Name: "bad/norecover", Want: "panic: boom from task", Test: func(t *testing.T) { check.Check(t, norecover.New, norecover.Submit[int], norecover.ErrClosed) }},
		harness.Variant{Name: "bad/closedrops", Want: "never ran, although it was submitted", Test: func(t *testing.T) { check.Check(t, closedrops.New, closedrops.Submit[int], closedrops.ErrClosed) }},
		harness.Variant{Name: "bad/closenowait", Want: "Close must wait until every task has finished|Close must let every queued task start and finish", Test: func(t *testing.T) { check.Check(t, closenowait.New, closenowait.Submit[int], closenowait.ErrClosed) }},
		harness.Variant{Name: "bad/secondclose", Want: "Close must wait until every task has finished|Close must let every queued task start and finish", Test: func(t *testing.T) { check.Check(t, secondclose.New, secondclose.Submit[int], secondclose.ErrClosed) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New, leak.Submit[int], leak.ErrClosed) }},
		harness.Variant{Name: "bad/lifo", Want: "which was submitted first", Test: func(t *testing.T) { check.Check(t, lifo.New, lifo.Submit[int], lifo.ErrClosed) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New, spin.Submit[int], spin.ErrClosed) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New, sleeppoll.Submit[int], sleeppoll.ErrClosed) }},
		harness.Variant{Name: "bad/submitwaits", Want: "Submit (task 2) did not return while the only worker was running task 1", Test: func(t *testing.T) { check.Check(t, submitwaits.New, submitwaits.Submit[int], submitwaits.ErrClosed) }},
		harness.Variant{Name: "bad/doubleclose", Want: "Close panicked: close of closed channel", Test: func(t *testing.T) { check.Check(t, doubleclose.New, doubleclose.Submit[int], doubleclose.ErrClosed) }},
		harness.Variant{Name: "bad/acceptafterclose", Want: "Submit must refuse the task|refused after Close|never returned and every goroutine is blocked|was submitted after Close and never ran|submitted after Close and never run, was not closed", Test: func(t *testing.T) {
			check.Check(t, acceptafterclose.New, acceptafterclose.Submit[int], acceptafterclose.ErrClosed)
		}},
		harness.Variant{Name: "bad/missresult", Want: "at once if it already is|every Get must return the result", Test: func(t *testing.T) { check.Check(t, missresult.New, missresult.Submit[int], missresult.ErrClosed) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New, race.Submit[int], race.ErrClosed) }},
		harness.Variant{Name: "bad/shared", Want: "separate Pools must not share state", Test: func(t *testing.T) { check.Check(t, shared.New, shared.Submit[int], shared.ErrClosed) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New, reference.Submit[int], reference.ErrClosed) }},
		harness.Variant{Name: "good/dispatcher", Test: func(t *testing.T) { check.Check(t, dispatcher.New, dispatcher.Submit[int], dispatcher.ErrClosed) }},
		harness.Variant{Name: "good/handoff", Test: func(t *testing.T) { check.Check(t, handoff.New, handoff.Submit[int], handoff.ErrClosed) }},
		harness.Variant{Name: "good/tokens", Test: func(t *testing.T) { check.Check(t, tokens.New, tokens.Submit[int], tokens.ErrClosed) }},
	)
}
