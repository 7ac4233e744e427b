package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/mistakes"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cannedJudge answers each variant with the run given for it, the same every time.
type cannedJudge map[string]mistakes.Run

func (c cannedJudge) Judge(_ context.Context, v mistakes.Variant) mistakes.Run { return c[v.Name] }

// canned is what the judge of printinorder printed for four of its known-bad variants
// (cut short), and a pass for spin, which a known-bad variant may get
// when its bug does not show.
var canned = cannedJudge{
	"leak": {Elapsed: 1400 * time.Millisecond, Output: `=== RUN   TestVariants
=== RUN   TestVariants/schedules
    check.go:50: goroutine leak: every call returned but goroutines of yours were left blocked; a Foo must not leave goroutines behind
          goroutine 957 [chan send (durable)]: New.func1 at printinorder.go:17
--- FAIL: TestVariants (1.28s)
    --- FAIL: TestVariants/schedules (1.05s)
FAIL
`},
	"race": {Elapsed: 300 * time.Millisecond, Output: `=== RUN   TestVariants
=== RUN   TestVariants/schedules
==================
WARNING: DATA RACE
Read at 0x00c0000ae4c0 by goroutine 43:
  github.com/gokata/workbook/solutions/printinorder/variants/bad/race.(*Foo).await()
      /w/solutions/printinorder/variants/bad/race/printinorder.go:44 +0x44

Previous write at 0x00c0000ae4c0 by goroutine 42:
  github.com/gokata/workbook/solutions/printinorder/variants/bad/race.(*Foo).First()
      /w/solutions/printinorder/variants/bad/race/printinorder.go:24 +0x58
==================
--- FAIL: TestVariants (0.30s)
    --- FAIL: TestVariants/schedules (0.30s)
FAIL
`},
	"signal": {Output: "--- FAIL: TestVariants (0.00s)\n    variants.go:41: no variant \"bad/signal\"\nFAIL\n"},
	"spin":   {Elapsed: 2 * time.Second, Passed: true, Output: "--- PASS: TestVariants (2.00s)\nPASS\n"},
}

// mistakesWorkbook is a workbook with four of printinorder's real known-bad variants
// (when one changes, the golden gallery is rewritten with -update), a judge that gives canned verdicts, and a cache of
// its own; passed says whether the progress file says printinorder passed.
func mistakesWorkbook(t *testing.T, passed bool) (wb string, built *int) {
	wb = newWorkbook(t, "alpha")
	for _, v := range []string{"leak", "race", "signal", "spin"} {
		rel := filepath.Join("solutions/printinorder/variants/bad", v, "printinorder.go")
		write(t, filepath.Join(wb, rel), readFile(t, filepath.Join(repoRoot(t), rel)))
	}
	if passed {
		first := fixedNow.Add(-time.Hour)
		p := &progress{Version: 1, Katas: map[string]*kataProgress{
			"printinorder": {FirstAttempt: first, LastAttempt: first, Attempts: 1, LastResult: statusPass, FirstPass: &first},
		}}
		require.NoError(t, p.save(wb))
	}
	built = new(int)
	cacheDir := t.TempDir()
	oldJudge, oldCache := mistakesJudge, mistakesCacheDir
	t.Cleanup(func() { mistakesJudge, mistakesCacheDir = oldJudge, oldCache })
	mistakesJudge = func(ctx context.Context, b mistakes.Build) (mistakes.Judge, error) {
		*built++
		return canned, nil
	}
	mistakesCacheDir = func() string { return cacheDir }
	return wb, built
}

func TestMistakes(t *testing.T) {
	wb, built := mistakesWorkbook(t, true)
	res := cli{dir: wb}.run(t, "mistakes", "printinorder")
	require.Equal(t, 0, res.code, res.stderr)
	golden(t, "mistakes.txt", res.stdout)
	assert.Equal(t, 1, *built)
	for _, want := range []string{"judged 4 of 4: ", "leak fails (1.4s)", "spin passed (2.0s)", "signal not judged"} {
		assert.Contains(t, res.stderr, want, "the progress lines")
	}

	// Again: the failures come from the cache; the pass and the unjudged variant are
	// judged again.
	res = cli{dir: wb}.run(t, "mistakes", "printinorder")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 2, *built)
	assert.Contains(t, flat(res.stdout), "(judged on 2026-03-14 15:09 in 1.4s, kept in the cache)")
	assert.Contains(t, flat(res.stdout), "Verdicts: 1 judged now, 2 judged earlier and kept in the cache (-rerun judges again), 1 not judged")

	// Only the variants named, from the cache: the judge is not built.
	res = cli{dir: wb}.run(t, "mistakes", "printinorder", "leak", "bad/race")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 2, *built)
	assert.Contains(t, res.stdout, "printinorder: 2 known-bad variants")
	assert.Contains(t, res.stdout, "=== 2 of 2: race ===")

	res = cli{dir: wb}.run(t, "mistakes", "printinorder", "nosuch")
	assert.Equal(t, 2, res.code)
	assert.Contains(t, res.stderr, `printinorder has no known-bad variant "nosuch"; its variants are: leak, race, signal, spin`)
}

func TestMistakesRefusal(t *testing.T) {
	wb, built := mistakesWorkbook(t, false)
	for _, args := range [][]string{{"mistakes", "printinorder"}, {"mistakes", "printinorder", "-list"}} {
		res := cli{dir: wb}.run(t, args...)
		assert.Equal(t, 1, res.code, args)
		assert.Empty(t, res.stdout, args)
		assert.Equal(t, "kata mistakes: you have not passed printinorder yet, and its classic mistakes give much of the answer away.\n"+
			"Pass it first (kata test printinorder), or see them anyway: kata mistakes printinorder -force\n", res.stderr, args)
	}
	assert.Zero(t, *built)

	// A kata that failed after an earlier pass still counts as passed.
	first := fixedNow.Add(-time.Hour)
	p := &progress{Version: 1, Katas: map[string]*kataProgress{"printinorder": {Attempts: 3, LastResult: statusFail, FirstPass: &first}}}
	require.NoError(t, p.save(wb))
	res := cli{dir: wb}.run(t, "mistakes", "printinorder", "-list")
	assert.Equal(t, 0, res.code, res.stderr)
}

func TestMistakesForce(t *testing.T) {
	wb, built := mistakesWorkbook(t, false)
	res := cli{dir: wb}.run(t, "mistakes", "-force", "printinorder")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, 1, *built)
	assert.Contains(t, res.stdout, "=== 1 of 4: leak ===")

	res = cli{dir: wb}.run(t, "mistakes", "printinorder", "-force", "-list")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Equal(t, "printinorder: 4 known-bad variants\n"+
		"  leak    New starts a sequencer goroutine that hands out turns and exits only after Third; when ...\n"+
		"  race    a \"fast path\" reads the step counter without holding the lock, racing with the writer.\n"+
		"  signal  Second and Third wait on one sync.Cond, but each step wakes only one waiter with Signal.\n"+
		"  spin    Second and Third spin on an atomic counter instead of blocking: correct output, but a w...\n", res.stdout)
}

func TestMistakesErrors(t *testing.T) {
	wb, built := mistakesWorkbook(t, true)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"mistakes", "nosuch"}, 2, `kata mistakes: unknown kata "nosuch"; the katas are: printinorder, alpha`},
		{[]string{"mistakes"}, 2, "missing kata name"},
		{[]string{"mistakes", "alpha", "-force"}, 1, "kata mistakes: alpha has no known-bad variants (no folder " + filepath.Join("solutions", "alpha", "variants", "bad") + string(filepath.Separator) + ")"},
	} {
		res := cli{dir: wb}.run(t, c.args...)
		assert.Equal(t, c.code, res.code, c.args)
		assert.Contains(t, res.stderr, c.want, c.args)
		assert.Empty(t, res.stdout, c.args)
	}
	assert.Zero(t, *built)
}

func TestMistakesColour(t *testing.T) {
	wb, _ := mistakesWorkbook(t, true)
	for _, c := range []struct {
		tty     bool
		noColor string
		colour  bool
	}{{true, "", true}, {true, "1", false}, {false, "", false}} {
		res := cli{dir: wb, tty: c.tty, env: map[string]string{"NO_COLOR": c.noColor, "TERM": "xterm", "LC_ALL": "", "LC_CTYPE": "", "LANG": "en_US.UTF-8"}}.run(t, "mistakes", "printinorder")
		require.Equal(t, 0, res.code, res.stderr)
		assert.Equal(t, c.colour, strings.Contains(res.stdout, "\033["), "tty %v, NO_COLOR=%q: colour", c.tty, c.noColor)
		assert.Equal(t, c.tty, strings.Contains(res.stdout, "━━ 1 of 4: leak ━━"), "tty %v: Unicode lines", c.tty)
	}
}

// TestMistakesASCII: a terminal whose locale names no UTF-8 gets ASCII lines, as the
// timelines of kata test do.
func TestMistakesASCII(t *testing.T) {
	wb, _ := mistakesWorkbook(t, true)
	for _, env := range []map[string]string{
		{"TERM": "xterm", "LC_ALL": "", "LC_CTYPE": "", "LANG": "C"},
		{"TERM": "xterm", "LC_ALL": "POSIX", "LANG": "en_US.UTF-8"},
		{"TERM": "dumb", "LC_ALL": "", "LC_CTYPE": "", "LANG": "en_US.UTF-8"},
	} {
		res := cli{dir: wb, tty: true, env: env}.run(t, "mistakes", "printinorder")
		require.Equal(t, 0, res.code, res.stderr)
		assert.NotContains(t, res.stdout, "━", "%v: Unicode lines", env)
		assert.Contains(t, res.stdout, "1 of 4: leak", "%v", env)
	}
}

// TestMistakesStubOverlay checks that the variants' driver is built with the kata's
// stub in place of the learner's files, which it imports.
func TestMistakesStubOverlay(t *testing.T) {
	wb, _ := mistakesWorkbook(t, true)
	var replace map[string]string
	var stubCopy []byte
	mine := filepath.Join(wb, "katas", "printinorder", "printinorder.go")
	mistakesJudge = func(ctx context.Context, b mistakes.Build) (mistakes.Judge, error) {
		replace = b.Replace
		stubCopy, _ = os.ReadFile(replace[mine])
		return canned, nil
	}
	extra := filepath.Join(wb, "katas", "printinorder", "helper.go")
	stub := readFile(t, mine)
	write(t, mine, "package printinorder\n\nfunc New() { does not compile")
	write(t, extra, "package printinorder\n")
	res := cli{dir: wb}.run(t, "mistakes", "printinorder", "-rerun")
	require.Equal(t, 0, res.code, res.stderr)
	require.Len(t, replace, 2)
	assert.Equal(t, "", replace[extra])
	assert.Equal(t, stub, string(stubCopy))
}

// flat undoes the wrapping of text.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestMistakesInterrupted: Ctrl-C while the variants are judged says so in plain words.
func TestMistakesInterrupted(t *testing.T) {
	wb, _ := mistakesWorkbook(t, true)
	ctx, cancel := context.WithCancel(context.Background())
	mistakesJudge = func(context.Context, mistakes.Build) (mistakes.Judge, error) {
		cancel() // Ctrl-C while the test binary builds
		return canned, nil
	}
	res := cli{dir: wb, ctx: ctx}.run(t, "mistakes", "printinorder", "-rerun")
	assert.Equal(t, 1, res.code)
	assert.Empty(t, res.stdout)
	assert.Equal(t, "kata mistakes: interrupted\n", res.stderr[strings.LastIndex(res.stderr[:len(res.stderr)-1], "\n")+1:])
}
