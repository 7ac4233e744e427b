// Package timelinetest compares recorded timelines with golden files.
package timelinetest

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gokata/workbook/harness/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden timelines")

// Golden compares r with the golden file at path (indented JSON), and its picture (in
// ASCII, as timeline.Picture draws it) with the file beside it whose extension is .txt
// (testdata/timeline.txt for testdata/timeline.json), or rewrites both files when the
// test runs with -update.
func Golden(t *testing.T, path string, r *timeline.Record) {
	t.Helper()
	require.NotNil(t, r, "no timeline attached to the verdict")
	got, err := json.MarshalIndent(r, "", "\t")
	require.NoError(t, err)
	got = append(got, '\n')
	compare(t, path, string(got))
	pic := strings.TrimSuffix(path, filepath.Ext(path)) + ".txt"
	compare(t, pic, timeline.Picture(*r, timeline.Options{ASCII: true}))
}

func compare(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run the test with -update to write the golden file")
	assert.Equal(t, string(want), got, "the timeline differs from %s (rerun with -update if the change is right)", path)
}

// Verdict is the golden test of a checker: it splits the timeline off verdict (as
// timeline.Attach left it), wants the verdict to start with want (the rule broken and
// its first words, such as "deadlock: First never returned"), compares the timeline
// with the golden file at path (see Golden), and returns the verdict without it.
func Verdict(t *testing.T, path, verdict, want string) string {
	t.Helper()
	v, r := timeline.Split(verdict)
	t.Log(v)
	assert.True(t, strings.HasPrefix(v, want), "the verdict does not start with %q:\n%s", want, v)
	Golden(t, path, r)
	return v
}
