package variants_test

import (
	"testing"

	"github.com/gokata/workbook/harness"
	check "github.com/gokata/workbook/harness/tailservertest"
	stub "github.com/gokata/workbook/katas/tailserver"
	reference "github.com/gokata/workbook/solutions/tailserver"
	addafterclose "github.com/gokata/workbook/solutions/tailserver/variants/bad/addafterclose"
	bufout "github.com/gokata/workbook/solutions/tailserver/variants/bad/bufout"
	cleanpath "github.com/gokata/workbook/solutions/tailserver/variants/bad/cleanpath"
	closeerr "github.com/gokata/workbook/solutions/tailserver/variants/bad/closeerr"
	closenowait "github.com/gokata/workbook/solutions/tailserver/variants/bad/closenowait"
	closetwice "github.com/gokata/workbook/solutions/tailserver/variants/bad/closetwice"
	droppartial "github.com/gokata/workbook/solutions/tailserver/variants/bad/droppartial"
	dropunpolled "github.com/gokata/workbook/solutions/tailserver/variants/bad/dropunpolled"
	dupadd "github.com/gokata/workbook/solutions/tailserver/variants/bad/dupadd"
	fdleak "github.com/gokata/workbook/solutions/tailserver/variants/bad/fdleak"
	fromstart "github.com/gokata/workbook/solutions/tailserver/variants/bad/fromstart"
	lasterror "github.com/gokata/workbook/solutions/tailserver/variants/bad/lasterror"
	leak "github.com/gokata/workbook/solutions/tailserver/variants/bad/leak"
	maprace "github.com/gokata/workbook/solutions/tailserver/variants/bad/maprace"
	notwrapped "github.com/gokata/workbook/solutions/tailserver/variants/bad/notwrapped"
	onereadpertick "github.com/gokata/workbook/solutions/tailserver/variants/bad/onereadpertick"
	partial "github.com/gokata/workbook/solutions/tailserver/variants/bad/partial"
	removeasync "github.com/gokata/workbook/solutions/tailserver/variants/bad/removeasync"
	removelock "github.com/gokata/workbook/solutions/tailserver/variants/bad/removelock"
	scanner "github.com/gokata/workbook/solutions/tailserver/variants/bad/scanner"
	shared "github.com/gokata/workbook/solutions/tailserver/variants/bad/shared"
	sleeplate "github.com/gokata/workbook/solutions/tailserver/variants/bad/sleeplate"
	spin "github.com/gokata/workbook/solutions/tailserver/variants/bad/spin"
	splitwrite "github.com/gokata/workbook/solutions/tailserver/variants/bad/splitwrite"
	stoponerror "github.com/gokata/workbook/solutions/tailserver/variants/bad/stoponerror"
	unsynced "github.com/gokata/workbook/solutions/tailserver/variants/bad/unsynced"
	cond "github.com/gokata/workbook/solutions/tailserver/variants/good/cond"
	mutex "github.com/gokata/workbook/solutions/tailserver/variants/good/mutex"
	single "github.com/gokata/workbook/solutions/tailserver/variants/good/single"
)

// TestVariants judges the stub, every known-bad variant (each must fail with its
// verdict) and every correct variant (each must pass).
func TestVariants(t *testing.T) {
	harness.RunVariants(t,
		harness.Variant{Name: "stub", Want: "tailserver: not implemented yet", Test: func(t *testing.T) { check.Check(t, stub.New) }},
		harness.Variant{Name: "bad/unsynced", Want: "two Write calls to out overlapped", Test: func(t *testing.T) { check.Check(t, unsynced.New) }},
		harness.Variant{Name: "bad/splitwrite", Want: "a line was split across Write calls", Test: func(t *testing.T) { check.Check(t, splitwrite.New) }},
		harness.Variant{Name: "bad/partial", Want: "before its newline was appended", Test: func(t *testing.T) { check.Check(t, partial.New) }},
		harness.Variant{Name: "bad/fromstart", Want: "held before Add was called", Test: func(t *testing.T) { check.Check(t, fromstart.New) }},
		harness.Variant{Name: "bad/removeasync", Want: "returned before printing|returned without printing the trailing partial line", Test: func(t *testing.T) { check.Check(t, removeasync.New) }},
		harness.Variant{Name: "bad/droppartial", Want: "without printing the trailing partial line", Test: func(t *testing.T) { check.Check(t, droppartial.New) }},
		harness.Variant{Name: "bad/dropunpolled", Want: "returned before printing line", Test: func(t *testing.T) { check.Check(t, dropunpolled.New) }},
		harness.Variant{Name: "bad/closetwice", Want: "Close panicked", Test: func(t *testing.T) { check.Check(t, closetwice.New) }},
		harness.Variant{Name: "bad/closeerr", Want: "Close returned nil, but Write", Test: func(t *testing.T) { check.Check(t, closeerr.New) }},
		harness.Variant{Name: "bad/stoponerror", Want: "the server keeps going after a failed Write", Test: func(t *testing.T) { check.Check(t, stoponerror.New) }},
		harness.Variant{Name: "bad/sleeplate", Want: "late:", Test: func(t *testing.T) { check.Check(t, sleeplate.New) }},
		harness.Variant{Name: "bad/onereadpertick", Want: "late:", Test: func(t *testing.T) { check.Check(t, onereadpertick.New) }},
		harness.Variant{Name: "bad/scanner", Want: "was never printed", Test: func(t *testing.T) { check.Check(t, scanner.New) }},
		harness.Variant{Name: "bad/dupadd", Want: "is already followed", Test: func(t *testing.T) { check.Check(t, dupadd.New) }},
		harness.Variant{Name: "bad/maprace", Want: "DATA RACE", Test: func(t *testing.T) { check.Check(t, maprace.New) }},
		harness.Variant{Name: "bad/leak", Want: "goroutine leak", Test: func(t *testing.T) { check.Check(t, leak.New) }},
		harness.Variant{Name: "bad/cleanpath", Want: "print it exactly as it was given to Add", Test: func(t *testing.T) { check.Check(t, cleanpath.New) }},
		harness.Variant{Name: "bad/fdleak", Want: "file left open", Test: func(t *testing.T) { check.Check(t, fdleak.New) }},
		harness.Variant{Name: "bad/spin", Want: "busy-wait", Test: func(t *testing.T) { check.Check(t, spin.New) }},
		harness.Variant{Name: "bad/addafterclose", Want: "returned nil, but Close had returned", Test: func(t *testing.T) { check.Check(t, addafterclose.New) }},
		harness.Variant{Name: "bad/notwrapped", Want: "does not wrap the os error", Test: func(t *testing.T) { check.Check(t, notwrapped.New) }},
		harness.Variant{Name: "bad/closenowait", Want: "Close returned", Test: func(t *testing.T) { check.Check(t, closenowait.New) }},
		harness.Variant{Name: "bad/shared", Want: "separate Servers must not share state", Test: func(t *testing.T) { check.Check(t, shared.New) }},
		harness.Variant{Name: "bad/bufout", Want: "write each line with its own Write call", Test: func(t *testing.T) { check.Check(t, bufout.New) }},
		harness.Variant{Name: "bad/lasterror", Want: "want the first Write error", Test: func(t *testing.T) { check.Check(t, lasterror.New) }},
		harness.Variant{Name: "bad/removelock", Want: "deadlock", Test: func(t *testing.T) { check.Check(t, removelock.New) }},
		harness.Variant{Name: "good/reference", Test: func(t *testing.T) { check.Check(t, reference.New) }},
		harness.Variant{Name: "good/single", Test: func(t *testing.T) { check.Check(t, single.New) }},
		harness.Variant{Name: "good/mutex", Test: func(t *testing.T) { check.Check(t, mutex.New) }},
		harness.Variant{Name: "good/cond", Test: func(t *testing.T) { check.Check(t, cond.New) }},
	)
}
