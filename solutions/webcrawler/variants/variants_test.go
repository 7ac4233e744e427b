package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/webcrawlertest"
	stub "github.com/gokata/workbook/katas/webcrawler"
	reference "github.com/gokata/workbook/solutions/webcrawler"
	abandon "github.com/gokata/workbook/solutions/webcrawler/variants/bad/abandon"
	checkthenact "github.com/gokata/workbook/solutions/webcrawler/variants/bad/checkthenact"
	firsterror "github.com/gokata/workbook/solutions/webcrawler/variants/bad/firsterror"
	followfailed "github.com/gokata/workbook/solutions/webcrawler/variants/bad/followfailed"
	global "github.com/gokata/workbook/solutions/webcrawler/variants/bad/global"
	host "github.com/gokata/workbook/solutions/webcrawler/variants/bad/host"
	ignorectx "github.com/gokata/workbook/solutions/webcrawler/variants/bad/ignorectx"
	levels "github.com/gokata/workbook/solutions/webcrawler/variants/bad/levels"
	lockfetch "github.com/gokata/workbook/solutions/webcrawler/variants/bad/lockfetch"
	nilerror "github.com/gokata/workbook/solutions/webcrawler/variants/bad/nilerror"
	nilresult "github.com/gokata/workbook/solutions/webcrawler/variants/bad/nilresult"
	nodedup "github.com/gokata/workbook/solutions/webcrawler/variants/bad/nodedup"
	prefix "github.com/gokata/workbook/solutions/webcrawler/variants/bad/prefix"
	racymap "github.com/gokata/workbook/solutions/webcrawler/variants/bad/racymap"
	serial "github.com/gokata/workbook/solutions/webcrawler/variants/bad/serial"
	sleeppoll "github.com/gokata/workbook/solutions/webcrawler/variants/bad/sleeppoll"
	slotdeadlock "github.com/gokata/workbook/solutions/webcrawler/variants/bad/slotdeadlock"
	spin "github.com/gokata/workbook/solutions/webcrawler/variants/bad/spin"
	twosections "github.com/gokata/workbook/solutions/webcrawler/variants/bad/twosections"
	unbounded "github.com/gokata/workbook/solutions/webcrawler/variants/bad/unbounded"
	wgaddinside "github.com/gokata/workbook/solutions/webcrawler/variants/bad/wgaddinside"
	group "github.com/gokata/workbook/solutions/webcrawler/variants/good/group"
	waitgroup "github.com/gokata/workbook/solutions/webcrawler/variants/good/waitgroup"
	workers "github.com/gokata/workbook/solutions/webcrawler/variants/good/workers"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "webcrawler: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.Crawl) }},
		harness.Variant{Name: "bad/nodedup", Want: "Crawl fetched a URL twice", Test: func(t *testing.T) { check.Check(t, nodedup.Crawl) }},
		harness.Variant{Name: "bad/racymap", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, racymap.Crawl) }},
		harness.Variant{Name: "bad/checkthenact", Want: "Crawl fetched a URL twice", Test: func(t *testing.T) { check.Check(t, checkthenact.Crawl) }},
		harness.Variant{Name: "bad/twosections", Want: "Crawl fetched a URL twice", Test: func(t *testing.T) { check.Check(t, twosections.Crawl) }},
		harness.Variant{Name: "bad/wgaddinside", Want: "goroutine leak|DATA RACE", Test: func(t *testing.T) { check.Check(t, wgaddinside.Crawl) }},
		harness.Variant{Name: "bad/unbounded", Want: "too many fetches in flight", Test: func(t *testing.T) { check.Check(t, unbounded.Crawl) }},
		harness.Variant{Name: "bad/serial", Want: "late: a fetch waited while a slot was free", Test: func(t *testing.T) { check.Check(t, serial.Crawl) }},
		harness.Variant{Name: "bad/levels", Want: "late: a fetch waited while a slot was free", Test: func(t *testing.T) { check.Check(t, levels.Crawl) }},
		harness.Variant{Name: "bad/prefix", Want: "only starts with", Test: func(t *testing.T) { check.Check(t, prefix.Crawl) }},
		harness.Variant{Name: "bad/host", Want: "not Host", Test: func(t *testing.T) { check.Check(t, host.Crawl) }},
		harness.Variant{Name: "bad/firsterror", Want: "want nil", Test: func(t *testing.T) { check.Check(t, firsterror.Crawl) }},
		harness.Variant{Name: "bad/followfailed", Want: "Crawl fetched a link of a failed page", Test: func(t *testing.T) { check.Check(t, followfailed.Crawl) }},
		harness.Variant{Name: "bad/ignorectx", Want: "late: ctx was", Test: func(t *testing.T) { check.Check(t, ignorectx.Crawl) }},
		harness.Variant{Name: "bad/abandon", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, abandon.Crawl) }},
		harness.Variant{Name: "bad/nilresult", Want: "partial result lacks", Test: func(t *testing.T) { check.Check(t, nilresult.Crawl) }},
		harness.Variant{Name: "bad/nilerror", Want: "Crawl returned a nil error", Test: func(t *testing.T) { check.Check(t, nilerror.Crawl) }},
		harness.Variant{Name: "bad/sleeppoll", Want: "late: Crawl returned at", Test: func(t *testing.T) { check.Check(t, sleeppoll.Crawl) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.Crawl) }},
		harness.Variant{Name: "bad/slotdeadlock", Want: "deadlock: Crawl never returned", Test: func(t *testing.T) { check.Check(t, slotdeadlock.Crawl) }},
		harness.Variant{Name: "bad/lockfetch", Want: "waits in sync.Mutex.Lock while a fetch is in flight", Test: func(t *testing.T) { check.Check(t, lockfetch.Crawl) }},
		harness.Variant{Name: "bad/global", Want: "state left over from an earlier call", Test: func(t *testing.T) { check.Check(t, global.Crawl) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.Crawl) }},
		harness.Variant{Name: "good/waitgroup", Test: func(t *testing.T) { check.Check(t, waitgroup.Crawl) }},
		harness.Variant{Name: "good/group", Test: func(t *testing.T) { check.Check(t, group.Crawl) }},
		harness.Variant{Name: "good/workers", Test: func(t *testing.T) { check.Check(t, workers.Crawl) }},
	)
}
