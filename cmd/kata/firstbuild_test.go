package main

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFirstRaceBuild: with an empty build cache the next race build is the first; with
// the cache the tool's tests have warmed (TestKataTest and the others judge with -race
// -trimpath), it is not.
func TestFirstRaceBuild(t *testing.T) {
	t.Parallel()
	gt, err := newGoTool(&env{getenv: os.Getenv})
	require.NoError(t, err)
	root := repoRoot(t)
	empty := gt
	empty.env = append(os.Environ(), "GOCACHE="+t.TempDir())
	assert.True(t, empty.firstRaceBuild(context.Background(), root), "an empty build cache")

	wb := answerWorkbook(t)
	res := cli{dir: wb}.run(t, "test", "answer", "-timeout", "1m")
	require.Contains(t, res.stdout, "ERROR answer: crashed") // the stub panics: the build is done
	assert.False(t, gt.firstRaceBuild(context.Background(), root), "a build cache holding the race build")
}
