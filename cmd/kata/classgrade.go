package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode"
)

// A submissionDir is one fork to grade: its folder and the name the reports give it.
type submissionDir struct {
	label string
	dir   string // as given, relative to the current folder or absolute
}

// folders is the value of the repeatable -submission flag.
type folders []string

func (f *folders) String() string { return strings.Join(*f, ", ") }

func (f *folders) Set(s string) error {
	*f = append(*f, s)
	return nil
}

// expand returns the submissions the flags name: each value is a fork's folder, or a
// file listing folders, one per line ("DIR" or "LABEL DIR"; blank lines and lines
// starting with # are skipped; relative folders are relative to the list's folder; a
// listed folder that does not exist is graded as a fork that cannot be graded).
func (f folders) expand(e *env) ([]submissionDir, error) {
	var subs []submissionDir
	for _, v := range f {
		fi, err := os.Stat(e.path(v))
		switch {
		case err != nil:
			return nil, usageErrorf("-submission %s: not a folder", v)
		case fi.IsDir():
			subs = append(subs, submissionDir{label: filepath.Base(filepath.Clean(e.path(v))), dir: v})
			continue
		}
		listed, err := readList(e.path(v))
		if err != nil {
			return nil, usageErrorf("-submission %s: %v", v, err)
		}
		if len(listed) == 0 {
			return nil, usageErrorf("-submission %s: the list names no folder", v)
		}
		subs = append(subs, listed...)
	}
	seen := map[string]string{} // a report's file name, in lower case (as a Mac or Windows sees it), to its label
	for _, s := range subs {
		name := reportName(s.label)
		prev, ok := seen[strings.ToLower(name)]
		switch {
		case ok && prev == s.label:
			return nil, usageErrorf("-submission: two submissions named %q; give them labels in a list file (\"LABEL DIR\" lines)", s.label)
		case ok:
			return nil, usageErrorf("-submission: submissions %q and %q would share one report file, %s; give them labels further apart", prev, s.label, name)
		}
		seen[strings.ToLower(name)] = s.label
	}
	return subs, nil
}

// readList reads a file listing submission folders.
func readList(path string) ([]submissionDir, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	base := filepath.Dir(path)
	var subs []submissionDir
	sc := bufio.NewScanner(file)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s := submissionDir{dir: line}
		if i := strings.IndexFunc(line, unicode.IsSpace); i > 0 && !isDir(abs(base, line)) {
			s = submissionDir{label: line[:i], dir: strings.TrimSpace(line[i:])}
		}
		// A folder that is not there (a clone that failed) is that fork's row in the
		// class table, not a reason to grade nobody.
		s.dir = abs(base, s.dir)
		if s.label == "" {
			s.label = filepath.Base(filepath.Clean(s.dir))
		}
		subs = append(subs, s)
	}
	return subs, sc.Err()
}

func abs(base, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, p)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// shared is what grades running side by side share: the go command's settings (read
// once), one build at a time (the go command uses every core, and the judge's packages
// it compiles for the first fork come from the build cache for the others), and the
// slots in which test binaries run (-p for the whole class, not per fork).
type shared struct {
	once  sync.Once
	gt    goTool
	goenv map[string]string
	err   error

	build sync.Mutex
	judge chan struct{}

	t2jOnce sync.Once
	t2j     string
	t2jErr  error
}

func newShared(parallel int) *shared { return &shared{judge: make(chan struct{}, parallel)} }

func (s *shared) goTool(e *env) (goTool, map[string]string, error) {
	s.once.Do(func() {
		s.gt, s.err = newGoTool(e)
		if s.err == nil {
			s.goenv, s.err = s.gt.settings(e.ctx)
		}
	})
	return s.gt, s.goenv, s.err
}

func (s *shared) test2json(ctx context.Context, g goTool) (string, error) {
	s.t2jOnce.Do(func() { s.t2j, s.t2jErr = g.test2jsonPath(ctx) })
	return s.t2j, s.t2jErr
}

// forksInFlight is how many forks a class grade works on at once: one builds while
// another's katas run, so that neither the compiler nor the judge waits for the other.
const forksInFlight = 2

// runClass grades several submissions in one run and prints the class table; -json,
// -junit and -markdown write the class report, -reports each fork's grade report.
func runClass(e *env, f *gradeFlags, subs []submissionDir) error {
	w, err := e.workbook()
	if err != nil {
		return err
	}
	if f.reports != "" {
		f.reports = e.path(f.reports)
		if err := os.MkdirAll(f.reports, 0o755); err != nil {
			return err
		}
	}
	sh := newShared(f.parallel)
	if f.sandbox == sandboxRequire {
		// Say it once, before grading anything, not once per fork.
		if err := requireSandbox(e, w, f, sh); err != nil {
			return err
		}
	}
	reps := make([]*report, len(subs))
	errs := make([]error, len(subs))
	tick := newTicker(e.stderr, e.fancy(e.stderr))
	defer tick.close()
	start := time.Now()
	var mu sync.Mutex
	done := 0
	tick.set("grading %s", plural(len(subs), "fork"))
	slots := make(chan struct{}, forksInFlight)
	var wg sync.WaitGroup
	for i, s := range subs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			if e.ctx.Err() != nil {
				errs[i] = e.ctx.Err()
				return
			}
			ff := *f
			ff.submission, ff.label = s.dir, s.label
			g := &grader{e: e, w: w, f: &ff, sh: sh}
			t0 := time.Now()
			reps[i], errs[i] = g.grade()
			if e.ctx.Err() != nil {
				return // interrupted: no verdict to tell
			}
			if errs[i] == nil && f.reports != "" {
				errs[i] = reps[i].writeJSON(filepath.Join(f.reports, reportName(s.label)))
			}
			mu.Lock()
			defer mu.Unlock()
			done++
			if errs[i] != nil {
				tick.printf("%-20s could not be graded: %v\n", s.label, errs[i])
			} else {
				tick.printf("%-20s %d of %d katas pass (%.1fs)\n", s.label, reps[i].Passed, reps[i].Total, time.Since(t0).Seconds())
			}
			tick.set("graded %d of %d forks", done, len(subs))
		}()
	}
	wg.Wait()
	tick.close()
	if e.ctx.Err() != nil {
		return errInterrupted
	}
	elapsed := time.Since(start)
	c := newClassReport()
	failed := 0
	for i, s := range subs {
		if errs[i] != nil {
			failed++
			c.Students = append(c.Students, classRow{Label: s.label, File: s.dir, Error: errs[i].Error(), Results: map[string]classCell{}})
			continue
		}
		c.add(reps[i], s.dir)
	}
	c.sortKatas()
	if err := writeReports(f, func(p string) error { return writeJSON(p, c) }, func() any { return c.junit() }, c.markdown); err != nil {
		return err
	}
	c.writeTable(e.stdout)
	fmt.Fprintf(e.stderr, "graded %s in %v (%.0f forks per hour)\n", plural(len(subs)-failed, "fork"), elapsed.Round(time.Second), float64(len(subs)-failed)/elapsed.Hours())
	if failed > 0 {
		return fmt.Errorf("%s could not be graded", plural(failed, "fork"))
	}
	return nil
}

// reportName is the file name of a fork's report: its label, made safe for a file name.
func reportName(label string) string {
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, label)
	return name + ".json"
}

// requireSandbox fails when -sandbox=require and this system has no sandbox.
func requireSandbox(e *env, w *workbook, f *gradeFlags, sh *shared) error {
	_, goenv, err := sh.goTool(e)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "kata-grade-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	g := &grader{e: e, w: w, f: f, sh: sh}
	_, _, err = g.gradeSandbox(f.sandbox, work, goenv)
	return err
}
