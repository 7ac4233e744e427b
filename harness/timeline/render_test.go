package timeline

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// records are the fixed records of testdata: small (a wrong order, many events at one
// instant, an open call), deadlock (time advancing, open calls, a wait, a break at the
// end) and wide (10 lanes, long names and labels, characters Mermaid must escape).
var records = []string{"small", "deadlock", "wide"}

func load(t *testing.T, name string) Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	require.NoError(t, err)
	var r Record
	require.NoError(t, json.Unmarshal(b, &r))
	return r
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", file)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run the test with -update to write the golden file")
	assert.Equal(t, string(want), got, "%s differs (rerun with -update if the change is right)", path)
}

func TestPicture(t *testing.T) {
	for _, name := range records {
		r := load(t, name)
		uni := Picture(r, Options{})
		ascii := Picture(r, Options{ASCII: true})
		golden(t, name+".txt", uni)
		golden(t, name+".ascii.txt", ascii)
		for _, l := range strings.Split(strings.TrimSuffix(uni, "\n"), "\n") {
			assert.LessOrEqual(t, utf8.RuneCountInString(l), 100, "%s: a line wider than 100 columns: %q", name, l)
		}
		for i, c := range ascii {
			if c > 127 {
				t.Errorf("%s: the ASCII picture has %q at byte %d", name, c, i)
				break
			}
		}
		assert.NotContains(t, uni+ascii, "\033", "colour without Color")
	}
	colour := Picture(load(t, "small"), Options{Color: true})
	golden(t, "small.color.txt", colour)
	assert.Contains(t, colour, "\033[31m", "the break in red")
}

func TestPictureShowsTheSchedule(t *testing.T) {
	p := Picture(load(t, "small"), Options{})
	assert.Contains(t, p, "goroutine 1: third before second ← the rule broke here")
	assert.Contains(t, p, "still running when the run ended: goroutine 2 in Second", "the open call, no deadlock")
	assert.NotContains(t, p, "never returned")
	p = Picture(load(t, "deadlock"), Options{})
	assert.Contains(t, p, "never returned: ", "the open calls of a deadlock")
	assert.NotContains(t, p, "still running")
	for _, at := range []string{"\n  0s  ", "\n1.5s  ", "\n  3s  ", "\n  5s  "} {
		assert.Contains(t, p, at, "the fake time where it changes")
	}
	assert.Equal(t, 1, strings.Count(p, "\n  3s  "), "the fake time only where it changes")
}

func TestPictureLeavesOutTheMiddleOfLongSchedules(t *testing.T) {
	var r Record
	r.Lanes = []string{"goroutine 1"}
	for i := 1; i <= 400; i++ {
		r.Events = append(r.Events, Event{Lane: "goroutine 1", Kind: Mark, Label: fmt.Sprintf("step %d", i), StartSeq: i, EndSeq: i})
	}
	r.Break("judge", "too slow")
	p := Picture(r, Options{})
	assert.Contains(t, p, "… 251 moments left out …")
	assert.Contains(t, p, "step 30\n")
	assert.NotContains(t, p, "step 31\n")
	assert.Contains(t, p, "judge: too slow")
	assert.Less(t, strings.Count(p, "\n"), maxRows+5)
}

func TestMermaid(t *testing.T) {
	for _, name := range records {
		m := Mermaid(load(t, name))
		golden(t, name+".mmd", m)
		for _, l := range strings.Split(m, "\n")[4:] {
			if strings.HasPrefix(strings.TrimSpace(l), "section ") || l == "" {
				continue
			}
			task, _, ok := strings.Cut(l, " :")
			assert.True(t, ok, "a task without data: %q", l)
			assert.NotContains(t, task, ":", "an unescaped colon in %q", l)
			assert.NotContains(t, task, "#", "an unescaped hash in %q", l)
			assert.NotContains(t, task, ";", "an unescaped semicolon in %q", l)
		}
	}
	m := Mermaid(load(t, "small"))
	assert.Contains(t, m, "rule broke˸ third before second :crit, milestone,")
	assert.Contains(t, m, "Second (still running when the run ended) :active,")
	assert.Contains(t, Mermaid(load(t, "deadlock")), "WantsToEat(1) (never returned) [0s to 5s] :active,")
}

func TestReport(t *testing.T) {
	for _, name := range records {
		r := load(t, name)
		rep := r.Report()
		b, err := json.MarshalIndent(rep, "", "\t")
		require.NoError(t, err)
		golden(t, name+".report.json", string(b)+"\n")
		assert.Equal(t, r, rep.Record(), "a report converts back to its record")
	}
}

func TestLine(t *testing.T) {
	r := load(t, "small")
	line := r.Line()
	assert.NotContains(t, line, "\n")
	got, ok := ParseLine("        " + line)
	require.True(t, ok)
	assert.Equal(t, r, *got)
	_, ok = ParseLine("kata-timeline: {broken")
	assert.False(t, ok)
}

func TestASCIIOnly(t *testing.T) {
	for env, want := range map[string]bool{
		"":                            false,
		"LANG=en_US.UTF-8":            false,
		"LANG=C":                      true,
		"LC_ALL=C.utf8 LANG=C":        false,
		"LC_CTYPE=POSIX LANG=C.UTF-8": true,
		"TERM=dumb LANG=en_US.UTF-8":  true,
		"LANG=de_DE.ISO-8859-1":       true,
	} {
		vars := map[string]string{}
		for _, kv := range strings.Fields(env) {
			k, v, _ := strings.Cut(kv, "=")
			vars[k] = v
		}
		assert.Equal(t, want, ASCIIOnly(func(k string) string { return vars[k] }), env)
	}
}
