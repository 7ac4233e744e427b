package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/pubsubtest"
	stub "github.com/gokata/workbook/katas/pubsub"
	reference "github.com/gokata/workbook/solutions/pubsub"
	closewait "github.com/gokata/workbook/solutions/pubsub/variants/bad/closewait"
	doubleclose "github.com/gokata/workbook/solutions/pubsub/variants/bad/doubleclose"
	drainunsub "github.com/gokata/workbook/solutions/pubsub/variants/bad/drainunsub"
	drop "github.com/gokata/workbook/solutions/pubsub/variants/bad/drop"
	interleave "github.com/gokata/workbook/solutions/pubsub/variants/bad/interleave"
	leak "github.com/gokata/workbook/solutions/pubsub/variants/bad/leak"
	onelane "github.com/gokata/workbook/solutions/pubsub/variants/bad/onelane"
	overflow "github.com/gokata/workbook/solutions/pubsub/variants/bad/overflow"
	partial "github.com/gokata/workbook/solutions/pubsub/variants/bad/partial"
	publishlocked "github.com/gokata/workbook/solutions/pubsub/variants/bad/publishlocked"
	race "github.com/gokata/workbook/solutions/pubsub/variants/bad/race"
	shared "github.com/gokata/workbook/solutions/pubsub/variants/bad/shared"
	signal "github.com/gokata/workbook/solutions/pubsub/variants/bad/signal"
	sleeppoll "github.com/gokata/workbook/solutions/pubsub/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/pubsub/variants/bad/spin"
	takeoncancel "github.com/gokata/workbook/solutions/pubsub/variants/bad/takeoncancel"
	twice "github.com/gokata/workbook/solutions/pubsub/variants/bad/twice"
	cond "github.com/gokata/workbook/solutions/pubsub/variants/good/cond"
	slots "github.com/gokata/workbook/solutions/pubsub/variants/good/slots"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "pubsub: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New, (*stub.Broker).Subscribe, stub.ErrClosed) }},
		harness.Variant{Name: "bad/drop", Want: "lost: message", Test: func(t *testing.T) { check.Check(t, drop.New, (*drop.Broker).Subscribe, drop.ErrClosed) }},
		harness.Variant{Name: "bad/overflow", Want: "Publish must wait while a subscription has buffer messages not yet taken", Test: func(t *testing.T) { check.Check(t, overflow.New, (*overflow.Broker).Subscribe, overflow.ErrClosed) }},
		harness.Variant{Name: "bad/twice", Want: "was delivered twice", Test: func(t *testing.T) { check.Check(t, twice.New, (*twice.Broker).Subscribe, twice.ErrClosed) }},
		harness.Variant{Name: "bad/partial", Want: "(all or nothing)", Test: func(t *testing.T) { check.Check(t, partial.New, (*partial.Broker).Subscribe, partial.ErrClosed) }},
		harness.Variant{Name: "bad/interleave", Want: "got their common messages in different orders", Test: func(t *testing.T) {
			check.Check(t, interleave.New, (*interleave.Broker).Subscribe, interleave.ErrClosed)
		}},
		harness.Variant{Name: "bad/publishlocked", Want: "Unsubscribe did not return while a Publish was waiting", Test: func(t *testing.T) {
			check.Check(t, publishlocked.New, (*publishlocked.Broker).Subscribe, publishlocked.ErrClosed)
		}},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak: 20 goroutines of yours were left", Test: func(t *testing.T) { check.Check(t, leak.New, (*leak.Broker).Subscribe, leak.ErrClosed) }},
		harness.Variant{Name: "bad/race", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, race.New, (*race.Broker).Subscribe, race.ErrClosed) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New, (*spin.Broker).Subscribe, spin.ErrClosed) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New, (*sleeppoll.Broker).Subscribe, sleeppoll.ErrClosed) }},
		harness.Variant{Name: "bad/doubleclose", Want: "Close panicked: close of closed channel", Test: func(t *testing.T) {
			check.Check(t, doubleclose.New, (*doubleclose.Broker).Subscribe, doubleclose.ErrClosed)
		}},
		harness.Variant{Name: "bad/drainunsub", Want: "after Unsubscribe, Next must return ErrClosed", Test: func(t *testing.T) {
			check.Check(t, drainunsub.New, (*drainunsub.Broker).Subscribe, drainunsub.ErrClosed)
		}},
		harness.Variant{Name: "bad/takeoncancel", Want: "must take nothing", Test: func(t *testing.T) {
			check.Check(t, takeoncancel.New, (*takeoncancel.Broker).Subscribe, takeoncancel.ErrClosed)
		}},
		harness.Variant{Name: "bad/onelane", Want: "holds up only its own topic", Test: func(t *testing.T) { check.Check(t, onelane.New, (*onelane.Broker).Subscribe, onelane.ErrClosed) }},
		harness.Variant{Name: "bad/signal", Want: "late: |deadlock:", Test: func(t *testing.T) { check.Check(t, signal.New, (*signal.Broker).Subscribe, signal.ErrClosed) }},
		harness.Variant{Name: "bad/shared", Want: "separate Brokers must not share state", Test: func(t *testing.T) { check.Check(t, shared.New, (*shared.Broker).Subscribe, shared.ErrClosed) }},
		harness.Variant{Name: "bad/closewait", Want: "Close must end every waiting|deadlock:", Test: func(t *testing.T) { check.Check(t, closewait.New, (*closewait.Broker).Subscribe, closewait.ErrClosed) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New, (*reference.Broker).Subscribe, reference.ErrClosed) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New, (*cond.Broker).Subscribe, cond.ErrClosed) }},
		harness.Variant{Name: "good/slots", Test: func(t *testing.T) { check.Check(t, slots.New, (*slots.Broker).Subscribe, slots.ErrClosed) }},
	)
}
