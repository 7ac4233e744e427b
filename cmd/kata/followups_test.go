package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFollowUps checks the "## Follow-ups" section of every kata's README: the last
// section, after the hints, with 3 to 5 questions; and that the README still splits into
// its statement and hints as kata show and kata hint read it.
func TestFollowUps(t *testing.T) {
	w, err := findWorkbook(".")
	require.NoError(t, err)
	ks, err := w.katas()
	require.NoError(t, err)
	require.NotEmpty(t, ks)
	for _, k := range ks {
		t.Run(k.name, func(t *testing.T) {
			text := k.readme
			i := strings.Index(text, "\n## Follow-ups\n")
			require.GreaterOrEqual(t, i, 0, "no ## Follow-ups section")
			section := text[i+1:]
			assert.Greater(t, i, strings.LastIndex(text, "\n### Hint"), "## Follow-ups comes after the hints")
			var questions int
			for _, l := range strings.Split(strings.TrimSpace(section), "\n")[1:] {
				switch {
				case strings.HasPrefix(l, "- "):
					questions++
				case strings.TrimSpace(l) == "", strings.HasPrefix(l, "  "):
				default:
					t.Errorf("line %q: the section holds only a bulleted list", l)
				}
			}
			assert.GreaterOrEqual(t, questions, 3)
			assert.LessOrEqual(t, questions, 5)

			r := parseReadme(text)
			require.NotEmpty(t, r.hints)
			for n, h := range r.hints {
				assert.NotContains(t, h, "Follow-ups", "hint %d runs into the follow-ups", n+1)
			}
			assert.NotContains(t, r.body, "### Hint")
			assert.NotContains(t, r.body, "## Hints")
			assert.NotEmpty(t, r.summary)
		})
	}
	// kata show and kata hint of a real kata still work.
	res := cli{dir: w.root}.run(t, "show", "printinorder")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "## The rules")
	assert.Contains(t, res.stdout, "There are 3 hints")
	wb := t.TempDir()
	write(t, filepath.Join(wb, "go.mod"), "module example.com/wb\n")
	b, err := os.ReadFile(filepath.Join(w.root, "katas", "printinorder", "README.md"))
	require.NoError(t, err)
	write(t, filepath.Join(wb, "katas", "printinorder", "README.md"), string(b))
	res = cli{dir: wb}.run(t, "hint", "printinorder", "3")
	require.Equal(t, 0, res.code, res.stderr)
	assert.Contains(t, res.stdout, "hint 3 of 3")
	assert.NotContains(t, res.stdout, "Follow-ups")
}
