package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixedNow is the clock of the tests.
var fixedNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// repoRoot returns the workbook this package is part of.
func repoRoot(t *testing.T) string {
	t.Helper()
	w, err := findWorkbook(".")
	if err != nil {
		t.Fatal(err)
	}
	return w.root
}

// newWorkbook makes a small workbook in a temporary folder: the printinorder kata of this
// workbook (stub, test file, reference, harness and checker) with the README of
// testdata/workbook,
// and clones of it named clones, each holding the stub, and writes its manifest. The
// tests of the tool depend on no other kata.
func newWorkbook(t *testing.T, clones ...string) string {
	t.Helper()
	real := repoRoot(t)
	dir := t.TempDir()
	cp := func(rel string) {
		t.Helper()
		if err := copyFile(filepath.Join(dir, rel), filepath.Join(real, rel), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"go.mod", "go.sum", "Makefile", ".github/workflows/grade.yml",
		"katas/printinorder/printinorder.go", "katas/printinorder/printinorder_test.go",
		"solutions/printinorder/printinorder.go", "solutions/printinorder/printinorder_test.go"} {
		cp(f)
	}
	for _, d := range []string{"harness", "harness/yield", "harness/timeline"} { // yield: the hook of the yield points; timeline: what verdicts carry
		files, _ := filepath.Glob(filepath.Join(real, d, "*.go"))
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				cp(filepath.Join(d, filepath.Base(f)))
			}
		}
	}
	// The kata's real checker: when its rules or wording change, the golden files are
	// rewritten with -update and the change shows in review.
	checker, _ := filepath.Glob(filepath.Join(real, "harness/printinordertest/*.go"))
	for _, f := range checker {
		if !strings.HasSuffix(f, "_test.go") {
			cp(filepath.Join("harness/printinordertest", filepath.Base(f)))
		}
	}
	write(t, filepath.Join(dir, "README.md"), readTestdata(t, "workbook/README.md"))
	write(t, filepath.Join(dir, "katas/printinorder/README.md"), readTestdata(t, "workbook/printinorder.md"))
	stub := readFile(t, filepath.Join(dir, "katas/printinorder/printinorder.go"))
	test := readFile(t, filepath.Join(dir, "katas/printinorder/printinorder_test.go"))
	for _, c := range clones {
		write(t, filepath.Join(dir, "katas", c, "printinorder.go"), strings.ReplaceAll(stub, `"printinorder: not implemented"`, `"`+c+`: not implemented"`))
		write(t, filepath.Join(dir, "katas", c, "printinorder_test.go"), test)
		write(t, filepath.Join(dir, "katas", c, "README.md"), "# "+c+"\n\nA clone of printinorder for the tests of the kata tool.\n")
	}
	m, err := computeManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.save(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	return readFile(t, filepath.Join("testdata", filepath.FromSlash(name)))
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A cli runs the tool in-process in a folder, with an environment of its own.
type cli struct {
	dir   string
	env   map[string]string // overrides of the process's environment
	stdin string
	tty   bool
	ctx   context.Context // nil means context.Background()
}

type result struct {
	code           int
	stdout, stderr string
}

func (c cli) run(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	e := &env{
		ctx:    ctx,
		stdout: &stdout,
		stderr: &stderr,
		stdin:  strings.NewReader(c.stdin),
		dir:    c.dir,
		getenv: func(k string) string {
			if v, ok := c.env[k]; ok {
				return v
			}
			return os.Getenv(k)
		},
		now: func() time.Time { return fixedNow },
		tty: func(io.Writer) bool { return c.tty },
	}
	code := run(e, args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		write(t, p, got)
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/kata -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./cmd/kata -run '%s' -update rewrites it):\n--- got\n%s\n--- want\n%s", name, t.Name(), got, want)
	}
}

// normalize replaces what changes from run to run (times, paths, seeds, CPU shares,
// goroutine numbers, which two accesses a data race reports) with fixed text.
func normalize(s string, paths ...string) string {
	for _, p := range paths {
		s = strings.ReplaceAll(s, p, "$DIR")
	}
	for _, r := range []struct {
		re   *regexp.Regexp
		with string
	}{
		{regexp.MustCompile(`\d+\.\d+s\b`), "T.Ts"},
		{regexp.MustCompile(`"(time_seconds|build_seconds)": [0-9.e-]+`), `"$1": 0`},
		{regexp.MustCompile(`time="[0-9.]+"`), `time="0"`},
		{regexp.MustCompile(`\d+% of a CPU`), "N% of a CPU"},
		{regexp.MustCompile(`seed[ =]\d+`), "seed=N"},
		{regexp.MustCompile(`goroutine \d+`), "goroutine N"},
		{regexp.MustCompile(`data race: [^"\n|<]*synchronization`), "data race: (the two accesses)"},
		{regexp.MustCompile(`no progress for \d+s`), "no progress for Ns"},
		{regexp.MustCompile(`go1\.[0-9.a-z]+`), "goVERSION"},
		// The table cuts long verdicts at a fixed width, so a number of another length
		// above (a CPU share of 100% or 97%) moves the cut: end those rows at the rule.
		{regexp.MustCompile(`(no progress for Ns while the process used N% of a CPU)[^\n|"<]*…`), "$1…"},
	} {
		s = r.re.ReplaceAllString(s, r.with)
	}
	return s
}
