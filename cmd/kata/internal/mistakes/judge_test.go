package mistakes

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A fakeJudge answers each variant with a canned run and counts the runs.
type fakeJudge struct {
	mu    sync.Mutex
	runs  map[string]Run
	calls map[string]int
	busy  int // variants being judged now
	most  int // the most judged at once
}

func (f *fakeJudge) Judge(ctx context.Context, v Variant) Run {
	f.mu.Lock()
	f.calls[v.Name]++
	f.busy++
	f.most = max(f.most, f.busy)
	f.mu.Unlock()
	time.Sleep(10 * time.Millisecond) // overlap, to see the parallelism
	f.mu.Lock()
	f.busy--
	f.mu.Unlock()
	return f.runs[v.Name]
}

const raceOutput = `=== RUN   TestVariants
=== RUN   TestVariants/schedules
==================
WARNING: DATA RACE
Read at 0x00c0000ae4c0 by goroutine 43:
--- FAIL: TestVariants (0.20s)
    --- FAIL: TestVariants/schedules (0.20s)
FAIL
`

const deadlockOutput = `=== RUN   TestVariants
=== RUN   TestVariants/sequential
    check.go:48: deadlock: Add never returned
          goroutine 7 [sync.Mutex.Lock]: (*Counter).inc at inc.go:4
--- FAIL: TestVariants (5.01s)
    --- FAIL: TestVariants/sequential (5.01s)
FAIL
`

func demo(t *testing.T) []Variant {
	vs, err := Find("testdata", "demo")
	require.NoError(t, err)
	return vs
}

func newFake() *fakeJudge {
	return &fakeJudge{calls: map[string]int{}, runs: map[string]Run{
		"twofiles": {Output: deadlockOutput, Elapsed: 5 * time.Second},
		"unlocked": {Output: raceOutput, Elapsed: 200 * time.Millisecond},
	}}
}

func TestVerdicts(t *testing.T) {
	vs := demo(t)
	fake := newFake()
	at := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	cache := &Cache{Dir: t.TempDir(), Salt: "judge-1"}
	var events []Event
	o := Options{
		Build:    func(context.Context) (Judge, error) { return fake, nil },
		Cache:    cache,
		Parallel: 2,
		Now:      func() time.Time { return at },
		Progress: func(ev Event) { events = append(events, ev) },
	}
	rs := Verdicts(context.Background(), vs, o)
	require.Len(t, rs, 2)
	assert.Equal(t, Result{Ran: true, Rule: "sequential", Verdict: "deadlock: Add never returned", Seconds: 5, At: at}, rs[0])
	assert.Equal(t, Result{Ran: true, Rule: "schedules", Verdict: "data race", Seconds: 0.2, At: at}, rs[1])
	assert.Equal(t, 2, fake.most, "two variants judged at once")
	require.Len(t, events, 4, "a start and an end per variant")
	last := events[3]
	assert.Equal(t, 2, last.Done)
	assert.Equal(t, 2, last.Total)
	assert.Empty(t, last.Running)
	assert.NotEmpty(t, last.Finished)

	// Again: both from the cache, the judge not even built.
	o.Build = func(context.Context) (Judge, error) {
		t.Fatal("built the judge with every verdict cached")
		return nil, nil
	}
	rs = Verdicts(context.Background(), vs, o)
	assert.True(t, rs[0].Cached && rs[1].Cached)
	assert.Equal(t, "data race", rs[1].Verdict)
	assert.Equal(t, at, rs[1].At.UTC())

	// -rerun, a changed judge or a changed variant: judged again.
	o.Build = func(context.Context) (Judge, error) { return fake, nil }
	o.Rerun = true
	Verdicts(context.Background(), vs, o)
	assert.Equal(t, 2, fake.calls["unlocked"])
	o.Rerun = false
	cache.Salt = "judge-2"
	Verdicts(context.Background(), vs, o)
	assert.Equal(t, 3, fake.calls["unlocked"])
	vs[1].Files[0].Text += "\n// edited\n"
	Verdicts(context.Background(), vs, o)
	assert.Equal(t, 4, fake.calls["unlocked"])
	assert.Equal(t, 3, fake.calls["twofiles"])
}

func TestVerdictsNotJudged(t *testing.T) {
	vs := demo(t)

	// The judge cannot be built: nothing is judged, and each result says why.
	rs := Verdicts(context.Background(), vs, Options{Build: func(context.Context) (Judge, error) {
		return nil, errors.New("the race detector is not available")
	}})
	for _, r := range rs {
		assert.False(t, r.Ran)
		assert.Equal(t, "not judged: the race detector is not available", r.Note)
	}

	// A variant the driver does not list, and one that passes (not cached: the next
	// run may catch its bug).
	fake := newFake()
	fake.runs["twofiles"] = Run{Output: "--- FAIL: TestVariants (0.00s)\n    variants.go:41: no variant \"bad/twofiles\"\n"}
	fake.runs["unlocked"] = Run{Output: "--- PASS: TestVariants (0.30s)\nPASS\n", Passed: true}
	cache := &Cache{Dir: t.TempDir()}
	o := Options{Build: func(context.Context) (Judge, error) { return fake, nil }, Cache: cache}
	rs = Verdicts(context.Background(), vs, o)
	assert.False(t, rs[0].Ran)
	assert.Equal(t, "not judged: the variants' driver (variants_test.go) does not list bad/twofiles", rs[0].Note)
	assert.True(t, rs[1].Ran && rs[1].Passed)
	Verdicts(context.Background(), vs, o)
	assert.Equal(t, 2, fake.calls["unlocked"], "a pass is judged again")
}

func TestJudgeHash(t *testing.T) {
	root := t.TempDir()
	write := func(rel, text string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(root, rel)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, rel), []byte(text), 0o644))
	}
	write("go.mod", "module x\n")
	write("go.sum", "")
	write("harness/demotest/check.go", "package demotest\n")
	write("solutions/demo/variants/variants_test.go", "package variants_test\n")
	h1, err := JudgeHash(root, "demo", "go1.26.0")
	require.NoError(t, err)

	write("harness/demotest/testdata/rapid/TestX/x.fail", "a failure file of rapid")
	h, _ := JudgeHash(root, "demo", "go1.26.0")
	assert.Equal(t, h1, h, "rapid's failure files are not the judge")
	write("harness/demotest/check.go", "package demotest\r\n")
	h, _ = JudgeHash(root, "demo", "go1.26.0")
	assert.Equal(t, h1, h, "CRLF line ends read as LF")

	for _, change := range []func(){
		func() { write("harness/demotest/check.go", "package demotest // changed\n") },
		func() { write("solutions/demo/variants/variants_test.go", "package variants_test // changed\n") },
		func() { write("go.sum", "x v1.0.0 h1:abc\n") },
	} {
		change()
		h, err := JudgeHash(root, "demo", "go1.26.0")
		require.NoError(t, err)
		assert.NotEqual(t, h1, h)
		h1 = h
	}
	h, _ = JudgeHash(root, "demo", "go1.27.0")
	assert.NotEqual(t, h1, h, "another Go")
}

func TestFailedRule(t *testing.T) {
	assert.Equal(t, "sequential", failedRule(deadlockOutput))
	stuck := "=== RUN   TestVariants\n=== RUN   TestVariants/zero\n=== RUN   TestVariants/inturn\n--- FAIL: TestVariants (stuck)\n    deadlock: Odd never returned\nFAIL\n"
	assert.Equal(t, "inturn", failedRule(stuck), "the rule running when the watchdog ended the run")
	assert.Equal(t, "", failedRule("panic: boom\n"))
}
