package mistakes

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func diffText(ls []DiffLine) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

func TestDiff(t *testing.T) {
	ref, err := Reference("testdata", "demo")
	require.NoError(t, err)
	require.Len(t, ref, 1)
	vs, err := Find("testdata", "demo")
	require.NoError(t, err)
	unlocked := vs[1]

	got := diffText(Diff("ref/demo.go", "bad/demo.go", ref[0], unlocked.Files[0]))
	// The reference's comment lines and both package comments are left out; the line
	// numbers are the files' own.
	want := `--- ref/demo.go
+++ bad/demo.go
@@ -17,7 +18,5 @@
 }
 
 func (c *Counter) N() int {
-	c.mu.Lock()
-	defer c.mu.Unlock()
-	return c.n
+	return c.n // no lock
 }
`
	assert.Equal(t, want, got)

	// A file the reference does not have is diffed against nothing.
	got = diffText(Diff("ref/inc.go", "bad/inc.go", File{}, vs[0].Files[1]))
	assert.True(t, strings.HasPrefix(got, "--- /dev/null\n+++ bad/inc.go\n@@ -0,0 +1,7 @@\n+package demo\n"), got)

	assert.Nil(t, Diff("a", "b", ref[0], ref[0]), "the same file has no diff")
	assert.Nil(t, Diff("a", "b", ref[0], File{Name: "demo.go", Text: "// Other words.\n" + ref[0].Text}), "comments alone make no diff")
}
