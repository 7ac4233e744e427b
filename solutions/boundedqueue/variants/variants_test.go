package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/boundedqueuetest"
	stub "github.com/gokata/workbook/katas/boundedqueue"
	reference "github.com/gokata/workbook/solutions/boundedqueue"
	afterfunc "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/afterfunc"
	cancelwake "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/cancelwake"
	checkthenact "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/checkthenact"
	ctxfirst "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/ctxfirst"
	errput "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/errput"
	ifwait "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/ifwait"
	leak "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/leak"
	lifo "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/lifo"
	onecond "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/onecond"
	race "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/race"
	shared "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/shared"
	sleeppoll "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/boundedqueue/variants/bad/spin"
	broadcast "github.com/gokata/workbook/solutions/boundedqueue/variants/good/broadcast"
	channel "github.com/gokata/workbook/solutions/boundedqueue/variants/good/channel"
	waiters "github.com/gokata/workbook/solutions/boundedqueue/variants/good/waiters"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "boundedqueue: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New[int]) }},
		harness.Variant{Name: "bad/onecond", Want: "lost wakeup", Test: func(t *testing.T) { check.Check(t, onecond.New[int]) }},
		harness.Variant{Name: "bad/cancelwake", Want: "lost wakeup", Test: func(t *testing.T) { check.Check(t, cancelwake.New[int]) }},
		harness.Variant{Name: "bad/errput", Want: "item added although Put returned an error", Test: func(t *testing.T) { check.Check(t, errput.New[int]) }},
		harness.Variant{Name: "bad/ifwait", Want: "an item no Put put|not linearizable|index out of range", Test: func(t *testing.T) { check.Check(t, ifwait.New[int]) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New[int]) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New[int]) }},
		harness.Variant{Name: "bad/checkthenact", Want: "not linearizable", Test: func(t *testing.T) { check.Check(t, checkthenact.New[int]) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New[int]) }},
		harness.Variant{Name: "bad/afterfunc", Want: "registration leak", Test: func(t *testing.T) { check.Check(t, afterfunc.New[int]) }},
		harness.Variant{Name: "bad/ctxfirst", Want: "q.Put(ctx already canceled, 2) returned context.Canceled while q held 1 of 2 items; want nil", Test: func(t *testing.T) { check.Check(t, ctxfirst.New[int]) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New[int]) }},
		harness.Variant{Name: "bad/lifo", Want: "q.Take(ctx already canceled) returned 2, nil while q held 2 of 2 items; want 1, nil", Test: func(t *testing.T) { check.Check(t, lifo.New[int]) }},
		harness.Variant{Name: "bad/shared", Want: "separate Queues must not share state", Test: func(t *testing.T) { check.Check(t, shared.New[int]) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New[int]) }},
		harness.Variant{Name: "good/channel", Test: func(t *testing.T) { check.Check(t, channel.New[int]) }},
		harness.Variant{Name: "good/broadcast", Test: func(t *testing.T) { check.Check(t, broadcast.New[int]) }},
		harness.Variant{Name: "good/waiters", Test: func(t *testing.T) { check.Check(t, waiters.New[int]) }},
	)
}
