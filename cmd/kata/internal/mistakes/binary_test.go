package mistakes

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinary builds the real variants driver of printinorder, as kata mistakes does,
// and judges two of its known-bad variants with it: the verdicts are the judge's.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a test binary with -race")
	}
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	root, err := filepath.Abs("../../../..")
	require.NoError(t, err)
	vs, err := Find(root, "printinorder")
	require.NoError(t, err)
	var picked []Variant
	for _, v := range vs {
		if v.Name == "spin" || v.Name == "race" {
			picked = append(picked, v)
		}
	}
	require.Len(t, picked, 2)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	rs := Verdicts(ctx, picked, Options{Build: func(ctx context.Context) (Judge, error) {
		return Build{Go: goBin, Root: root, Kata: "printinorder", Out: t.TempDir()}.Make(ctx)
	}})
	for i, r := range rs {
		require.True(t, r.Ran, "%s: %s", picked[i].Name, r.Note)
		assert.False(t, r.Passed, picked[i].Name)
		assert.False(t, r.Cached, picked[i].Name)
	}
	assert.Equal(t, "race", picked[0].Name)
	assert.Equal(t, "data race", rs[0].Verdict)
	assert.Equal(t, "spin", picked[1].Name)
	assert.True(t, strings.HasPrefix(rs[1].Verdict, "busy-wait: "), rs[1].Verdict)
	assert.Equal(t, "waiting", rs[1].Rule)
}
