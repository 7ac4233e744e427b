package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/rwlocktest"
	stub "github.com/gokata/workbook/katas/rwlock"
	reference "github.com/gokata/workbook/solutions/rwlock"
	exclusive "github.com/gokata/workbook/solutions/rwlock/variants/bad/exclusive"
	leak "github.com/gokata/workbook/solutions/rwlock/variants/bad/leak"
	nopanic "github.com/gokata/workbook/solutions/rwlock/variants/bad/nopanic"
	racecounter "github.com/gokata/workbook/solutions/rwlock/variants/bad/racecounter"
	readerstarve "github.com/gokata/workbook/solutions/rwlock/variants/bad/readerstarve"
	rnopanic "github.com/gokata/workbook/solutions/rwlock/variants/bad/rnopanic"
	rwmutex "github.com/gokata/workbook/solutions/rwlock/variants/bad/rwmutex"
	shared "github.com/gokata/workbook/solutions/rwlock/variants/bad/shared"
	signal "github.com/gokata/workbook/solutions/rwlock/variants/bad/signal"
	sleeppoll "github.com/gokata/workbook/solutions/rwlock/variants/bad/sleeppoll"
	spin "github.com/gokata/workbook/solutions/rwlock/variants/bad/spin"
	writerin "github.com/gokata/workbook/solutions/rwlock/variants/bad/writerin"
	writerstarve "github.com/gokata/workbook/solutions/rwlock/variants/bad/writerstarve"
	atomic "github.com/gokata/workbook/solutions/rwlock/variants/good/atomic"
	channels "github.com/gokata/workbook/solutions/rwlock/variants/good/channels"
	writermutex "github.com/gokata/workbook/solutions/rwlock/variants/good/writermutex"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "rwlock: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/rwmutex", Want: "rwlock.go:15 uses sync.RWMutex; this kata asks you to build one", Test: func(t *testing.T) { check.Check(t, rwmutex.New) }},
		harness.Variant{Name: "bad/writerstarve", Want: "writer starvation", Test: func(t *testing.T) { check.Check(t, writerstarve.New) }},
		harness.Variant{Name: "bad/readerstarve", Want: "reader starvation", Test: func(t *testing.T) { check.Check(t, readerstarve.New) }},
		harness.Variant{Name: "bad/racecounter", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, racecounter.New) }},
		harness.Variant{Name: "bad/nopanic", Want: `Unlock on a new RWMutex: returned, want a panic with "rwlock: Unlock of unlocked RWMutex"`, Test: func(t *testing.T) { check.Check(t, nopanic.New) }},
		harness.Variant{Name: "bad/rnopanic", Want: `RUnlock on a new RWMutex: returned, want a panic with "rwlock: RUnlock of unlocked RWMutex"`, Test: func(t *testing.T) { check.Check(t, rnopanic.New) }},
		harness.Variant{Name: "bad/signal", Want: "lost wakeup", Test: func(t *testing.T) { check.Check(t, signal.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "sleep-polling", Test: func(t *testing.T) { check.Check(t, sleeppoll.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/exclusive", Want: "any number of readers share the lock", Test: func(t *testing.T) { check.Check(t, exclusive.New) }},
		harness.Variant{Name: "bad/shared", Want: "separate RWMutexes are independent", Test: func(t *testing.T) { check.Check(t, shared.New) }},
		harness.Variant{Name: "bad/writerin", Want: "Lock returned while another goroutine held the lock with RLock", Test: func(t *testing.T) { check.Check(t, writerin.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/channels", Test: func(t *testing.T) { check.Check(t, channels.New) }},
		harness.Variant{Name: "good/writermutex", Test: func(t *testing.T) { check.Check(t, writermutex.New) }},
		harness.Variant{Name: "good/atomic", Test: func(t *testing.T) { check.Check(t, atomic.New) }},
	)
}
