package mistakes

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFind(t *testing.T) {
	vs, err := Find("testdata", "demo")
	require.NoError(t, err)
	require.Len(t, vs, 2, "hidden folders are not variants")

	assert.Equal(t, "twofiles", vs[0].Name)
	assert.Equal(t, "bad/twofiles", vs[0].ID())
	assert.Equal(t, []string{"demo.go", "inc.go"}, []string{vs[0].Files[0].Name, vs[0].Files[1].Name})
	assert.Equal(t, "Add locks twice. sync.Mutex is not reentrant, so the second Lock waits for ever.", vs[0].Bug)
	assert.Equal(t, `"deadlock: Add never returned"`, vs[0].Documented)

	assert.Equal(t, "unlocked", vs[1].Name)
	assert.Equal(t, "N reads the count without the lock, racing with Add.", vs[1].Bug)
	assert.Equal(t, `the race detector's "DATA RACE"`, vs[1].Documented)
	assert.Equal(t, filepath.Join("testdata", "solutions", "demo", "variants", "bad", "unlocked"), vs[1].Dir)
}

func TestFindNone(t *testing.T) {
	for _, kata := range []string{"nosuch", "empty"} {
		_, err := Find("testdata", kata)
		require.ErrorIs(t, err, ErrNoVariants, kata)
		assert.Contains(t, err.Error(), kata+" has no known-bad variants", kata)
	}
}

func TestSplitDoc(t *testing.T) {
	for _, c := range []struct{ doc, bug, verdict string }{
		{"Package x is bad.\n\nBug: it spins. Verdict: \"busy-wait\".\n", "it spins.", `"busy-wait"`},
		{"Bug: one\nline and\n  another.\nVerdict: \"a\" (or \"b\").", "one line and another.", `"a" (or "b")`},
		{"Package x is bad.\n\nBug: no verdict named.", "no verdict named.", ""},
		{"Package x is bad.", "", ""},
	} {
		bug, verdict := splitDoc(c.doc)
		assert.Equal(t, c.bug, bug, c.doc)
		assert.Equal(t, c.verdict, verdict, c.doc)
	}
}
