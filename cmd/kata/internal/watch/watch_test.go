package watch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func learnerFile(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
}

// waitSave fails the test unless a save arrives within a few seconds.
func waitSave(t *testing.T, saves <-chan struct{}, what string) {
	t.Helper()
	select {
	case _, ok := <-saves:
		require.True(t, ok, "saves closed before %s", what)
	case <-time.After(5 * time.Second):
		t.Fatalf("no save seen after %s", what)
	}
}

// noSave fails the test if a save arrives within d (many poll intervals).
func noSave(t *testing.T, saves <-chan struct{}, d time.Duration, what string) {
	t.Helper()
	select {
	case <-saves:
		t.Fatalf("a save was reported after %s", what)
	case <-time.After(d):
	}
}

func TestSaves(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.go")
	writeFile(t, a, "package a\n")
	writeFile(t, filepath.Join(dir, "a_test.go"), "package a\n")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Settle is long enough that a loaded machine (the race detector, other builds) does
	// not pause within the burst below for as long.
	const settle = 300 * time.Millisecond
	saves := Saves(ctx, Options{Dir: dir, Match: learnerFile, Interval: 5 * time.Millisecond, Settle: settle})

	noSave(t, saves, 100*time.Millisecond, "no change")

	// A burst of writes, as an editor's save and a formatter make: one save.
	for i := range 5 {
		writeFile(t, a, "package a\n"+strings.Repeat("// x\n", i+1))
	}
	waitSave(t, saves, "a burst of writes")
	noSave(t, saves, settle+100*time.Millisecond, "the end of the burst")

	writeFile(t, filepath.Join(dir, "a_test.go"), "package a // changed\n")
	writeFile(t, filepath.Join(dir, "notes.txt"), "not Go\n")
	noSave(t, saves, settle+100*time.Millisecond, "a change of a test file and of a file that is not Go")

	writeFile(t, filepath.Join(dir, "b.go"), "package a\n")
	waitSave(t, saves, "a new file")
	require.NoError(t, os.Remove(filepath.Join(dir, "b.go")))
	waitSave(t, saves, "a removed file")

	cancel()
	for range saves { // closed once ctx is done
	}
}

// TestSavesPending: saves not taken yet make one pending save, not a queue of them.
func TestSavesPending(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.go")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	saves := Saves(ctx, Options{Dir: dir, Interval: 2 * time.Millisecond, Settle: 5 * time.Millisecond})
	writeFile(t, a, "1")
	// The second save comes once the first was noticed (the size changes each time).
	deadline := time.Now().Add(5 * time.Second)
	for len(saves) == 0 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	require.Len(t, saves, 1, "the first save was not noticed")
	writeFile(t, a, "22")
	time.Sleep(500 * time.Millisecond) // 250 looks: the second save is seen, even on a loaded machine
	require.Len(t, saves, 1)
	<-saves
	select {
	case <-saves:
		t.Fatal("a second save was queued")
	case <-time.After(50 * time.Millisecond):
	}
}
