package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/workqueuetest"
	stub "github.com/gokata/workbook/katas/workqueue"
	reference "github.com/gokata/workbook/solutions/workqueue"
	afterfunc "github.com/gokata/workbook/solutions/workqueue/variants/bad/afterfunc"
	checkthenget "github.com/gokata/workbook/solutions/workqueue/variants/bad/checkthenget"
	getloses "github.com/gokata/workbook/solutions/workqueue/variants/bad/getloses"
	joinempty "github.com/gokata/workbook/solutions/workqueue/variants/bad/joinempty"
	joinmiss "github.com/gokata/workbook/solutions/workqueue/variants/bad/joinmiss"
	joinpoll "github.com/gokata/workbook/solutions/workqueue/variants/bad/joinpoll"
	leak "github.com/gokata/workbook/solutions/workqueue/variants/bad/leak"
	lifo "github.com/gokata/workbook/solutions/workqueue/variants/bad/lifo"
	negative "github.com/gokata/workbook/solutions/workqueue/variants/bad/negative"
	race "github.com/gokata/workbook/solutions/workqueue/variants/bad/race"
	shared "github.com/gokata/workbook/solutions/workqueue/variants/bad/shared"
	spin "github.com/gokata/workbook/solutions/workqueue/variants/bad/spin"
	chanstate "github.com/gokata/workbook/solutions/workqueue/variants/good/chanstate"
	cond "github.com/gokata/workbook/solutions/workqueue/variants/good/cond"
	waiters "github.com/gokata/workbook/solutions/workqueue/variants/good/waiters"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "workqueue: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New[int]) }},
		harness.Variant{Name: "bad/checkthenget", Want: "item taken twice", Test: func(t *testing.T) { check.Check(t, checkthenget.New[int]) }},
		harness.Variant{Name: "bad/joinpoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, joinpoll.New[int]) }},
		harness.Variant{Name: "bad/joinmiss", Want: "lost wakeup", Test: func(t *testing.T) { check.Check(t, joinmiss.New[int]) }},
		harness.Variant{Name: "bad/negative", Want: "q.TaskDone() with no unfinished task returned, want a panic", Test: func(t *testing.T) { check.Check(t, negative.New[int]) }},
		harness.Variant{Name: "bad/getloses", Want: "item lost", Test: func(t *testing.T) { check.Check(t, getloses.New[int]) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New[int]) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New[int]) }},
		harness.Variant{Name: "bad/afterfunc", Want: "registration leak", Test: func(t *testing.T) { check.Check(t, afterfunc.New[int]) }},
		harness.Variant{Name: "bad/lifo", Want: "q.Get(context.Background()) returned 3, nil", Test: func(t *testing.T) { check.Check(t, lifo.New[int]) }},
		harness.Variant{Name: "bad/joinempty", Want: "q.Join(ctx already canceled) returned nil while q held [] with 3 unfinished tasks", Test: func(t *testing.T) { check.Check(t, joinempty.New[int]) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New[int]) }},
		harness.Variant{Name: "bad/shared", Want: "separate Queues must not share state", Test: func(t *testing.T) { check.Check(t, shared.New[int]) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New[int]) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New[int]) }},
		harness.Variant{Name: "good/chanstate", Test: func(t *testing.T) { check.Check(t, chanstate.New[int]) }},
		harness.Variant{Name: "good/waiters", Test: func(t *testing.T) { check.Check(t, waiters.New[int]) }},
	)
}
