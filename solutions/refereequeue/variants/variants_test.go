package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/refereequeuetest"
	stub "github.com/gokata/workbook/katas/refereequeue"
	reference "github.com/gokata/workbook/solutions/refereequeue"
	acceptafterclose "github.com/gokata/workbook/solutions/refereequeue/variants/bad/acceptafterclose"
	bounded "github.com/gokata/workbook/solutions/refereequeue/variants/bad/bounded"
	closedrops "github.com/gokata/workbook/solutions/refereequeue/variants/bad/closedrops"
	closenowait "github.com/gokata/workbook/solutions/refereequeue/variants/bad/closenowait"
	doubleclose "github.com/gokata/workbook/solutions/refereequeue/variants/bad/doubleclose"
	inline "github.com/gokata/workbook/solutions/refereequeue/variants/bad/inline"
	leak "github.com/gokata/workbook/solutions/refereequeue/variants/bad/leak"
	lifo "github.com/gokata/workbook/solutions/refereequeue/variants/bad/lifo"
	overlap "github.com/gokata/workbook/solutions/refereequeue/variants/bad/overlap"
	race "github.com/gokata/workbook/solutions/refereequeue/variants/bad/race"
	recheck "github.com/gokata/workbook/solutions/refereequeue/variants/bad/recheck"
	refereerange "github.com/gokata/workbook/solutions/refereequeue/variants/bad/refereerange"
	secondclose "github.com/gokata/workbook/solutions/refereequeue/variants/bad/secondclose"
	sendonclosed "github.com/gokata/workbook/solutions/refereequeue/variants/bad/sendonclosed"
	serviceloop "github.com/gokata/workbook/solutions/refereequeue/variants/bad/serviceloop"
	shared "github.com/gokata/workbook/solutions/refereequeue/variants/bad/shared"
	signal "github.com/gokata/workbook/solutions/refereequeue/variants/bad/signal"
	sleeppoll "github.com/gokata/workbook/solutions/refereequeue/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/refereequeue/variants/bad/spin"
	unbuffered "github.com/gokata/workbook/solutions/refereequeue/variants/bad/unbuffered"
	verifylocked "github.com/gokata/workbook/solutions/refereequeue/variants/bad/verifylocked"
	dispatcher "github.com/gokata/workbook/solutions/refereequeue/variants/good/dispatcher"
	perreferee "github.com/gokata/workbook/solutions/refereequeue/variants/good/perreferee"
	tokens "github.com/gokata/workbook/solutions/refereequeue/variants/good/tokens"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "refereequeue: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New, stub.ErrClosed) }},
		harness.Variant{Name: "bad/inline", Want: "Enqueue(User{ID: 1}) did not return while the only referee was verifying user 1", Test: func(t *testing.T) { check.Check(t, inline.New, inline.ErrClosed) }},
		harness.Variant{Name: "bad/serviceloop", Want: "late: user 2 started verification at 4s, want 2s", Test: func(t *testing.T) { check.Check(t, serviceloop.New, serviceloop.ErrClosed) }},
		harness.Variant{Name: "bad/bounded", Want: "never waiting for a referee", Test: func(t *testing.T) { check.Check(t, bounded.New, bounded.ErrClosed) }},
		harness.Variant{Name: "bad/unbuffered", Want: "Enqueue(User{ID: 2}) did not return while the only referee was verifying user 1", Test: func(t *testing.T) { check.Check(t, unbuffered.New, unbuffered.ErrClosed) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New, spin.ErrClosed) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New, sleeppoll.ErrClosed) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New, race.ErrClosed) }},
		harness.Variant{Name: "bad/lifo", Want: "which was enqueued first", Test: func(t *testing.T) { check.Check(t, lifo.New, lifo.ErrClosed) }},
		harness.Variant{Name: "bad/closenowait", Want: "Close must wait until every", Test: func(t *testing.T) { check.Check(t, closenowait.New, closenowait.ErrClosed) }},
		harness.Variant{Name: "bad/closedrops", Want: "was never verified", Test: func(t *testing.T) { check.Check(t, closedrops.New, closedrops.ErrClosed) }},
		harness.Variant{Name: "bad/doubleclose", Want: "Close panicked: close of closed channel", Test: func(t *testing.T) { check.Check(t, doubleclose.New, doubleclose.ErrClosed) }},
		harness.Variant{Name: "bad/sendonclosed", Want: "panicked: send on closed channel", Test: func(t *testing.T) { check.Check(t, sendonclosed.New, sendonclosed.ErrClosed) }},
		harness.Variant{Name: "bad/recheck", Want: "was never verified, although Enqueue accepted it|late: user", Test: func(t *testing.T) { check.Check(t, recheck.New, recheck.ErrClosed) }},
		harness.Variant{Name: "bad/acceptafterclose", Want: "return ErrClosed", Test: func(t *testing.T) { check.Check(t, acceptafterclose.New, acceptafterclose.ErrClosed) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New, leak.ErrClosed) }},
		harness.Variant{Name: "bad/refereerange", Want: "they are numbered 0..", Test: func(t *testing.T) { check.Check(t, refereerange.New, refereerange.ErrClosed) }},
		harness.Variant{Name: "bad/overlap", Want: "while it was still verifying user", Test: func(t *testing.T) { check.Check(t, overlap.New, overlap.ErrClosed) }},
		harness.Variant{Name: "bad/signal", Want: "deadlock: Close (", Test: func(t *testing.T) { check.Check(t, signal.New, signal.ErrClosed) }},
		harness.Variant{Name: "bad/shared", Want: "separate Queues must not share state", Test: func(t *testing.T) { check.Check(t, shared.New, shared.ErrClosed) }},
		harness.Variant{Name: "bad/secondclose", Want: "Close must wait until every", Test: func(t *testing.T) { check.Check(t, secondclose.New, secondclose.ErrClosed) }},
		harness.Variant{Name: "bad/verifylocked", Want: "Enqueue(User{ID: 2}) did not return while the only referee was verifying user 1", Test: func(t *testing.T) { check.Check(t, verifylocked.New, verifylocked.ErrClosed) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New, reference.ErrClosed) }},
		harness.Variant{Name: "good/dispatcher", Test: func(t *testing.T) { check.Check(t, dispatcher.New, dispatcher.ErrClosed) }},
		harness.Variant{Name: "good/perreferee", Test: func(t *testing.T) { check.Check(t, perreferee.New, perreferee.ErrClosed) }},
		harness.Variant{Name: "good/tokens", Test: func(t *testing.T) { check.Check(t, tokens.New, tokens.ErrClosed) }},
	)
}
