package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

type gradeFlags struct {
	json, junit, markdown string
	submission            string  // the one submission, when there is one
	submissions           folders // every -submission flag, as given
	reports               string  // class: the folder of the per-fork reports
	solutions             bool
	timeout               time.Duration
	parallel              int
	label                 string
	merge                 bool
	sandbox               string
}

var cmdGrade = &command{
	name:  "grade",
	args:  "[-json FILE] [-junit FILE] [-markdown FILE] [-submission DIR | -solutions] [-timeout D] [-label NAME] [-sandbox MODE]\n       kata grade -submission DIR|LIST [-submission DIR|LIST]... [-reports DIR] [-sandbox MODE] [-json FILE] [-junit FILE] [-markdown FILE]\n       kata grade -merge [-json FILE] [-junit FILE] [-markdown FILE] REPORT.json...",
	short: "judge every kata and write a score table and reports",
	long: `Grade judges every kata, each in its own test process under the race detector
with a time limit, and prints a score table: kata, verdict (pass, fail, error, not
attempted), time, and the first rule that broke. It exits 0 only when every kata passes.

A kata is graded in a fresh copy of this workbook (its files as git lists them) in a
temporary folder, into which only the learner files are copied: the non-test .go files
in katas/<kata>/. A compile error, panic, os.Exit, deadlock, spin or time-out in one
kata is that kata's verdict, and grading goes on. A kata whose files are still the stub
is "not attempted" and is not run.

-submission DIR grades a student's fork checked out in DIR against this workbook's
judge: edited tests, harness, Makefile or workflows in DIR change nothing, and are
listed in the report as ignored. -solutions grades the reference solutions.

Several -submission flags, or a -submission naming a file that lists folders (one per
line, "DIR" or "LABEL DIR"; # starts a comment; relative to the list's folder), grade a
class in one run: two forks at a time (one compiling while the other's katas run), the
judge's packages compiled once and taken from the build cache for every other fork, at
most -p test processes at once for the whole class. It prints a line per fork as it is
graded, then the class table (as -merge does); -json, -junit and -markdown write the
class report, and -reports DIR writes each fork's own JSON report as DIR/LABEL.json. It
exits 0 when every fork was graded, whatever their verdicts, and 1 when a fork could not
be graded (its row says why).

The student's code runs with an environment stripped to what go test needs (no
tokens, no CI secrets), in the temporary folder; see the README's trust model. On
Linux it also runs in a sandbox: no network but a loopback of its own, the filesystem
read-only but for the temporary copy of the workbook, your home, the checkout's .git
and the temporary folders hidden, a limit on processes. -sandbox=auto (the default)
grades without it where the system has none and says so ("sandbox: unavailable
(reason)"); -sandbox=require makes that an error; -sandbox=off turns it off.

-json, -junit and -markdown write the report in those formats (the JSON schema is in
the README). -merge reads JSON reports of several grades and writes one class table.`,
	flags: func(fs *flag.FlagSet) any {
		f := &gradeFlags{}
		fs.StringVar(&f.json, "json", "", "write the JSON report to `FILE`")
		fs.StringVar(&f.junit, "junit", "", "write a JUnit XML report to `FILE`")
		fs.StringVar(&f.markdown, "markdown", "", "write a Markdown report to `FILE` (for a job summary)")
		fs.Var(&f.submissions, "submission", "grade the learner files of the fork in `DIR` (repeat it, or name a file listing folders, to grade a class)")
		fs.StringVar(&f.reports, "reports", "", "with several submissions: write each fork's JSON report into `DIR`")
		fs.BoolVar(&f.solutions, "solutions", false, "grade the reference solutions")
		fs.DurationVar(&f.timeout, "timeout", 60*time.Second, "time limit of each kata's judge")
		fs.IntVar(&f.parallel, "p", 2, "how many katas to judge at once")
		fs.StringVar(&f.label, "label", "", "whose work this is: `NAME` in the reports (default: the submission's folder name)")
		fs.BoolVar(&f.merge, "merge", false, "merge the JSON reports named as arguments into a class table")
		fs.StringVar(&f.sandbox, "sandbox", sandboxAuto, "sandbox `MODE` of the judges: auto (where the system allows), require or off")
		return f
	},
	run: runGrade,
}

func runGrade(e *env, opts any, args []string) error {
	f := opts.(*gradeFlags)
	for _, p := range []*string{&f.json, &f.junit, &f.markdown} {
		if *p != "" {
			*p = e.path(*p)
		}
	}
	if f.merge {
		return runMerge(e, f, args)
	}
	subs, err := f.submissions.expand(e)
	if err != nil {
		return err
	}
	switch {
	case len(args) > 0:
		return usageErrorf("unexpected arguments: %s (did you mean -merge?)", strings.Join(args, " "))
	case len(subs) > 0 && f.solutions:
		return usageErrorf("-submission and -solutions cannot be used together")
	case f.timeout <= 0:
		return usageErrorf("-timeout must be positive")
	case f.parallel < 1:
		return usageErrorf("-p must be 1 or more")
	case f.sandbox != sandboxAuto && f.sandbox != sandboxRequire && f.sandbox != sandboxOff:
		return usageErrorf("-sandbox must be auto, require or off")
	case len(subs) > 1 && f.label != "":
		return usageErrorf("-label names one submission; with several, each is named by its folder (or its line in the list)")
	case len(subs) > 1:
		return runClass(e, f, subs)
	case f.reports != "":
		return usageErrorf("-reports is for several submissions")
	case len(subs) == 1:
		f.submission = subs[0].dir
		if f.label == "" {
			f.label = subs[0].label
		}
	}
	w, err := e.workbook()
	if err != nil {
		return err
	}
	g := &grader{e: e, w: w, f: f, sh: newShared(f.parallel), live: true}
	rep, err := g.grade()
	if e.ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	// The reports first: they matter more than the table if stdout goes away.
	if err := writeReports(f, rep.writeJSON, func() any { return rep.junit() }, rep.markdown); err != nil {
		return err
	}
	rep.writeTable(e.stdout, palette{on: e.fancy(e.stdout)}, 100)
	if rep.Passed != rep.Total {
		return errFailed
	}
	return nil
}

func (r *report) writeJSON(path string) error { return writeJSON(path, r) }

func writeReports(f *gradeFlags, toJSON func(string) error, junit func() any, md func(w io.Writer)) error {
	if f.json != "" {
		if err := toJSON(f.json); err != nil {
			return err
		}
	}
	if f.junit != "" {
		if err := writeXML(f.junit, junit()); err != nil {
			return err
		}
	}
	if f.markdown != "" {
		if err := writeMarkdown(f.markdown, md); err != nil {
			return err
		}
	}
	return nil
}

// A grader grades one workbook or submission.
type grader struct {
	e    *env
	w    *workbook
	f    *gradeFlags
	sh   *shared // what grades running side by side share
	live bool    // show progress on stderr
}

func (g *grader) grade() (*report, error) {
	e, w, f := g.e, g.w, g.f
	ks, err := w.katas()
	if err != nil {
		return nil, err
	}
	m, merr := loadManifest(w.root)
	if merr != nil {
		fmt.Fprintf(e.stderr, "kata grade: warning: %v; not-attempted katas are judged too\n", merr)
		m = nil
	}
	rep := &report{
		Schema: reportSchema, Workbook: w.module, GradedAt: e.now().UTC(),
		TimeLimitSeconds: f.timeout.Seconds(), Label: f.label,
		Katas: []kataResult{}, Ignored: []ignoredFile{}, JudgeChanges: []difference{},
	}
	// Where the learner files come from.
	src := func(k string) (dir, shown string) { return filepath.Join(w.root, "katas", k), "katas/" + k }
	subRoot := ""
	switch {
	case f.solutions:
		rep.Submission = "the reference solutions (solutions/)"
		src = func(k string) (string, string) { return filepath.Join(w.root, "solutions", k), "solutions/" + k }
		if rep.Label == "" {
			rep.Label = "reference solutions"
		}
	case f.submission != "":
		subRoot = e.path(f.submission)
		if fi, err := os.Stat(subRoot); err != nil || !fi.IsDir() {
			return nil, usageErrorf("-submission %s: not a folder", f.submission)
		}
		rep.Submission = subRoot
		src = func(k string) (string, string) { return filepath.Join(subRoot, "katas", k), "katas/" + k }
		if rep.Label == "" {
			rep.Label = filepath.Base(subRoot)
		}
	default:
		rep.Submission = w.root
		if rep.Label == "" {
			rep.Label = filepath.Base(w.root)
		}
	}

	gt, goenv, err := g.sh.goTool(e)
	if err != nil {
		return nil, err
	}
	rep.GoVersion = goenv["GOVERSION"]

	work, err := os.MkdirTemp("", "kata-grade-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	wb := filepath.Join(work, "workbook")
	for _, d := range []string{"workbook", "home", "tmp", "bin"} {
		if err := os.MkdirAll(filepath.Join(work, d), 0o755); err != nil {
			return nil, err
		}
	}
	sb, state, err := g.gradeSandbox(f.sandbox, work, goenv)
	if err != nil {
		return nil, err
	}
	rep.Sandbox = state
	if err := copyWorkbook(w.root, wb); err != nil {
		return nil, fmt.Errorf("copying the workbook: %v", err)
	}
	if m != nil {
		if rep.JudgeChanges, err = m.diffJudge(wb, false); err != nil {
			return nil, err
		}
	}
	var names []string
	for _, k := range ks {
		names = append(names, k.name)
	}
	if subRoot != "" {
		if rep.Ignored, err = ignoredFiles(subRoot, w.root, names); err != nil {
			return nil, err
		}
	}

	// Put the learner files in place; decide what to run.
	results := make([]kataResult, len(ks))
	var toRun []int
	for i, k := range ks {
		res := &results[i]
		res.Name, res.Rules = k.name, []ruleResult{}
		dir, shown := src(k.name)
		copied, refused, err := overlay(wb, k.name, dir, shown)
		if err != nil {
			return nil, err
		}
		rep.Ignored = append(rep.Ignored, refused...)
		kdir := filepath.Join(wb, "katas", k.name)
		switch {
		case len(copied) == 0 && f.solutions:
			res.Status, res.Message = statusError, "no reference solution in "+dirText(shown)
			continue
		case len(copied) == 0:
			res.Status, res.Message = statusNotAttempted, "no .go files in "+dirText(shown)
			continue
		}
		if stub, _ := m.isStub(k.name, kdir); stub && !f.solutions {
			res.Status = statusNotAttempted
			continue
		}
		if !f.solutions {
			res.Review = review(kdir, copied, w.module)
		}
		if c := cgoFile(kdir, copied); c != "" {
			res.Status = statusError
			res.Message = fmt.Sprintf("refused: %s uses cgo (import \"C\"), which no kata needs; the grade does not compile it", filepath.Join(filepath.FromSlash(shown), c))
			continue
		}
		toRun = append(toRun, i)
	}

	tick := newTicker(e.stderr, e.fancy(e.stderr))
	if !g.live {
		tick = newTicker(io.Discard, false)
	}
	defer tick.close()
	start := time.Now()
	if len(toRun) > 0 {
		buildEnv := g.environment(goenv, work, true)
		runEnv := g.environment(goenv, work, false)
		gb := goTool{bin: gt.bin, env: buildEnv}
		var rels []string
		for _, i := range toRun {
			rels = append(rels, "katas/"+ks[i].name)
		}
		tick.set("building %s", plural(len(rels), "kata"))
		buildLimit := max(5*time.Minute, 2*f.timeout)
		// One build at a time: the go command uses every core.
		g.sh.build.Lock()
		start = time.Now()
		builds, err := gb.buildTests(e.ctx, wb, w.module, filepath.Join(work, "bin"), rels, true, buildLimit)
		g.sh.build.Unlock()
		if err != nil {
			return nil, err
		}
		rep.BuildSeconds = round3(time.Since(start).Seconds())
		t2j, err := g.sh.test2json(e.ctx, gb)
		if err != nil {
			return nil, err
		}

		var mu sync.Mutex
		done, running := 0, map[string]bool{}
		status := func() {
			var rs []string
			for _, i := range toRun {
				if running[ks[i].name] {
					rs = append(rs, ks[i].name)
				}
			}
			tick.set("judged %d of %d katas; judging %s", done, len(toRun), strings.Join(rs, ", "))
		}
		sem := g.sh.judge
		var wg sync.WaitGroup
		for _, i := range toRun {
			k := ks[i]
			rel := "katas/" + k.name
			b := builds[rel]
			tops := topTests(filepath.Join(wb, "katas", k.name))
			pkg := w.module + "/" + rel
			if b.bin == "" {
				results[i] = keepReview(results[i], judgeRun(k.name, pkg, tops, b, nil, f.timeout))
				mu.Lock()
				done++
				tick.printf("%-18s %s\n", k.name, results[i].Status)
				mu.Unlock()
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				mu.Lock()
				running[k.name] = true
				status()
				mu.Unlock()
				r := runTests(e.ctx, testRun{
					bin: b.bin, dir: filepath.Join(wb, "katas", k.name), importPath: pkg,
					args: []string{"-test.count=1"}, env: runEnv, limit: f.timeout, test2json: t2j,
					sandbox: sb,
				}, nil)
				res := keepReview(results[i], judgeRun(k.name, pkg, tops, b, r, f.timeout))
				mu.Lock()
				results[i] = res
				done++
				delete(running, k.name)
				tick.printf("%-18s %s (%.1fs)\n", k.name, res.Status, res.Seconds)
				status()
				mu.Unlock()
			}()
		}
		wg.Wait()
		if e.ctx.Err() != nil {
			return nil, e.ctx.Err()
		}
	}
	tick.close()
	for i := range results {
		if results[i].seed != "" {
			results[i].Details += fmt.Sprintf("\nTo replay: kata test %s -seed %s", results[i].Name, results[i].seed)
		}
	}
	rep.Katas = results
	if rep.Ignored == nil {
		rep.Ignored = []ignoredFile{}
	}
	if rep.JudgeChanges == nil {
		rep.JudgeChanges = []difference{}
	}
	rep.count()
	return rep, nil
}

// keepReview keeps what was known of a kata before its judge ran (the review notes).
func keepReview(before, judged kataResult) kataResult {
	judged.Review = before.Review
	return judged
}

// topTests lists the top-level tests in the test files of a kata's folder.
func topTests(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	var tops []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, m := range testFunc.FindAllStringSubmatch(string(b), -1) {
			tops = append(tops, m[1])
		}
	}
	return tops
}

var testFunc = regexp.MustCompile(`(?m)^func (Test[A-Z_0-9]\w*|Test)\(\w+ \*testing\.T\)`)

// newGoTool finds the go command.
func newGoTool(e *env) (goTool, error) {
	bin, err := exec.LookPath("go")
	if err != nil {
		if goroot := e.getenv("GOROOT"); goroot != "" {
			bin = filepath.Join(goroot, "bin", "go"+exeSuffix)
			if _, err2 := os.Stat(bin); err2 == nil {
				return goTool{bin: bin}, nil
			}
		}
		return goTool{}, fmt.Errorf("the go command is not on PATH: %v", err)
	}
	return goTool{bin: bin}, nil
}

// env returns the settings of the go command that the grade passes on.
func (g goTool) settings(ctx context.Context) (map[string]string, error) {
	cmd := exec.CommandContext(ctx, g.bin, append([]string{"env", "-json"}, goVars...)...)
	cmd.Env = g.env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %v", err)
	}
	vars := map[string]string{}
	if err := json.Unmarshal(out, &vars); err != nil {
		return nil, fmt.Errorf("go env: %v", err)
	}
	return vars, nil
}

// goVars are the go command's settings a grade keeps: where Go, the build cache and the
// module cache are, and how modules are fetched (for the judge's own dependencies).
var goVars = []string{"GOVERSION", "GOROOT", "GOPATH", "GOCACHE", "GOMODCACHE", "GOFLAGS", "GOPROXY",
	"GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "CGO_ENABLED", "CC", "CXX"}

// environment is the whole environment of the go command that builds the submission
// (build) or of the test binaries that run it: nothing of the grader's environment but
// PATH and a few settings of Go and of the judge, so no token or CI secret reaches the
// student's code. The test binaries get an empty HOME and TMPDIR of their own.
func (g *grader) environment(goenv map[string]string, work string, build bool) []string {
	e := g.e
	env := []string{
		"PATH=" + e.getenv("PATH"),
		"TMPDIR=" + filepath.Join(work, "tmp"),
		"GOTOOLCHAIN=local",
		"GOENV=off",
		"GOROOT=" + goenv["GOROOT"],
	}
	env = append(env, platformEnv(runtime.GOOS, e.getenv, work, build)...)
	if build {
		env = append(env, "HOME="+e.getenv("HOME"))
		for _, v := range goVars {
			if v != "GOVERSION" && v != "GOROOT" && goenv[v] != "" {
				env = append(env, v+"="+goenv[v])
			}
		}
		return env
	}
	env = append(env, "HOME="+filepath.Join(work, "home"), timeline.Env+"=record")
	for _, v := range []string{"GORACE", "GOMAXPROCS", "KATA_STALL"} {
		if s := e.getenv(v); s != "" {
			env = append(env, v+"="+s)
		}
	}
	return env
}

// platformEnv is what the grade's environment needs on the system goos besides PATH,
// HOME and TMPDIR. Windows finds its temporary folder in TMP or TEMP (without them, in
// the Windows folder, where nobody may write), the home folder in USERPROFILE, and
// itself in SystemRoot.
func platformEnv(goos string, getenv func(string) string, work string, build bool) []string {
	if goos != "windows" {
		return nil
	}
	tmp := filepath.Join(work, "tmp")
	home := filepath.Join(work, "home")
	if build {
		home = getenv("USERPROFILE")
	}
	return []string{"SystemRoot=" + getenv("SystemRoot"), "TMP=" + tmp, "TEMP=" + tmp, "USERPROFILE=" + home}
}
