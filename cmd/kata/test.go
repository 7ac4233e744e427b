package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

type testFlags struct {
	solution bool
	checks   int
	seed     string
	count    int
	verbose  bool
	timeout  time.Duration
}

var cmdTest = &command{
	name:  "test",
	args:  "NAME [-solution] [-checks N] [-seed S] [-count N] [-v] [-timeout D]",
	short: "judge your solution of a kata (or the reference)",
	long: `Test runs the judge of a kata under the race detector on your file
(katas/NAME/NAME.go) or, with -solution, on the reference solution. It shows the rules
as they pass, then a short verdict: the rule that broke in plain words, the smallest case
that breaks it, and how to replay it. It exits 1 when the judge does not pass.

The judge compiles your package with yield points: after every synchronization
operation (Lock, Unlock, channel operations, sync.Cond, sync.WaitGroup, atomics, go
statements, calls of your functions) it inserts a call that, as each generated schedule
decides, does nothing or lets another goroutine run (runtime.Gosched), sometimes on one
processor. Why: a check in one critical section and an act in the next (unlock, lock)
is a bug the race detector cannot see and that shows once in thousands of runs; a yield
in that window shows it at once. A yield only does what Go's scheduler may do anyway, so
a correct answer passes. Your file is not changed (the judge compiles a rewritten copy
that keeps your line numbers); plain go test compiles it as written.

When the rule that broke runs schedules, the verdict ends with a picture of the failing
schedule: a column per goroutine, time going down (fake time, printed where it changes),
each call from its start to its return (a call that never returned runs to the bottom),
what the goroutines printed or released, and the point where the rule broke. It uses
ASCII when the locale (LC_ALL, LC_CTYPE or LANG) names no UTF-8, and colour only on a
terminal without NO_COLOR.

-seed replays the generated schedules of an earlier run (its verdict prints the seed);
-checks sets how many schedules to generate; -count runs the whole judge N times, to
catch a rare failure; -v prints everything the judge prints.

Your progress (kata list) is updated after each run.`,
	flags: func(fs *flag.FlagSet) any {
		f := &testFlags{}
		fs.BoolVar(&f.solution, "solution", false, "judge the reference solution instead of yours")
		fs.IntVar(&f.checks, "checks", 0, "generate `N` schedules per rule instead of the judge's number")
		fs.StringVar(&f.seed, "seed", "", "replay the schedules of seed `S`")
		fs.IntVar(&f.count, "count", 1, "run the judge `N` times")
		fs.BoolVar(&f.verbose, "v", false, "print everything the judge prints")
		fs.DurationVar(&f.timeout, "timeout", 2*time.Minute, "time limit of each run of the judge")
		return f
	},
	run: runTest,
}

func runTest(e *env, opts any, args []string) error {
	f := opts.(*testFlags)
	switch {
	case f.count < 1:
		return usageErrorf("-count must be 1 or more")
	case f.checks < 0:
		return usageErrorf("-checks must be 1 or more")
	case f.timeout <= 0:
		return usageErrorf("-timeout must be positive")
	}
	if f.seed != "" {
		if _, err := strconv.ParseUint(f.seed, 10, 64); err != nil {
			return usageErrorf("-seed must be a number, not %q", f.seed)
		}
	}
	w, err := e.workbook()
	if err != nil {
		return err
	}
	k, err := oneKata(w, args, "judge which kata? the katas are")
	if err != nil {
		return err
	}
	rel := "katas/" + k.name
	if f.solution {
		rel = "solutions/" + k.name
	}
	dir := filepath.Join(w.root, filepath.FromSlash(rel))
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("%s has no %s", k.name, dirText(rel))
	}
	m, _ := loadManifest(w.root)
	stub, _ := m.isStub(k.name, dir)
	stub = stub && !f.solution

	pal := palette{on: e.fancy(e.stdout)}
	tick := newTicker(e.stdout, e.fancy(e.stdout) && !f.verbose)
	defer tick.close()
	var mu sync.Mutex
	res, err := judgeOnce(e.ctx, e, w, k, rel, f, tick, true, func(ev event) {
		mu.Lock()
		defer mu.Unlock()
		if f.verbose {
			// The machine line of a timeline is drawn under the verdict.
			if ev.Action == "output" && !strings.HasPrefix(strings.TrimSpace(ev.Output), timeline.LinePrefix) {
				fmt.Fprint(e.stdout, ev.Output)
			}
			return
		}
		showProgress(tick, pal, k.name, ev)
	})
	if err != nil {
		return err
	}
	tick.close()
	printVerdict(e, pal, k.name, f, res)

	if strings.HasPrefix(res.Message, k.name+": not implemented yet") {
		stub = true // still the stub, in effect
	}
	if !f.solution && !stub {
		prog, err := loadProgress(w.root)
		if err == nil {
			prog.record(k.name, res.Status == statusPass, e.now())
			err = prog.save(w.root)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "kata test: could not save your progress: %v\n", err)
		}
	}
	if res.Status != statusPass {
		return errFailed
	}
	return nil
}

// showProgress prints a line per rule as it ends, and names the running rule on a terminal.
func showProgress(tick *ticker, pal palette, name string, ev event) {
	top, rule, ok := strings.Cut(ev.Test, "/")
	if !ok || strings.Contains(rule, "/") {
		return
	}
	_ = top
	switch ev.Action {
	case "run":
		tick.set("%s: %s", name, rule)
	case "pass":
		tick.printf("  %s  %-12s %s\n", pal.green("ok  "), rule, pal.dim(fmt.Sprintf("%.2fs", ev.Elapsed)))
	case "fail":
		tick.printf("  %s  %-12s %s\n", pal.red("FAIL"), rule, pal.dim(fmt.Sprintf("%.2fs", ev.Elapsed)))
	case "skip":
		tick.printf("  %s  %s\n", pal.yellow("skip"), rule)
	}
}

func printVerdict(e *env, pal palette, name string, f *testFlags, res kataResult) {
	out := e.stdout
	which := name
	if f.solution {
		which = name + " (reference solution)"
	}
	switch res.Status {
	case statusPass:
		n := 0
		for _, r := range res.Rules {
			if r.Status == statusPass {
				n++
			}
		}
		fmt.Fprintf(out, "%s %s: %s hold (%.1fs)\n", pal.green("PASS"), which, plural(n, "rule"), res.Seconds)
		if f.count > 1 {
			fmt.Fprintf(out, "     every rule held in all %d runs\n", f.count)
		}
		return
	case statusError:
		fmt.Fprintf(out, "%s %s: %s\n", pal.red("ERROR"), which, res.Message)
	default:
		if res.Rule != "" {
			fmt.Fprintf(out, "%s %s: rule %q broke\n", pal.red("FAIL"), which, res.Rule)
		} else {
			fmt.Fprintf(out, "%s %s\n", pal.red("FAIL"), which)
		}
		fmt.Fprintf(out, "    %s\n", pal.bold(res.Message))
	}
	details := strings.TrimSpace(res.Details)
	if firstLine(details) == res.Message {
		_, details, _ = strings.Cut(details, "\n")
	}
	if details != "" {
		for _, l := range strings.Split(strings.TrimRight(details, "\n"), "\n") {
			fmt.Fprintf(out, "    %s\n", l)
		}
	}
	// KATA_TIMELINE chooses the picture as under plain go test (the judge gets "record").
	mode := e.getenv(timeline.Env)
	if res.Timeline != nil && mode != "off" {
		heading := "What each goroutine did (time goes down, fake time on the left):"
		if strings.Contains(res.Details, "(found once;") {
			heading = "What each goroutine did in the first run that failed (time goes down, fake time on the left):"
		}
		fmt.Fprintf(out, "    %s\n", pal.bold(heading))
		pic := timeline.Picture(res.Timeline.Record(), timeline.Options{ASCII: mode == "ascii" || mode != "unicode" && timeline.ASCIIOnly(e.getenv), Color: pal.on, Width: 96})
		for _, l := range strings.Split(strings.TrimSuffix(pic, "\n"), "\n") {
			fmt.Fprintf(out, "    %s\n", l)
		}
	}
	if res.seed != "" {
		replay := fmt.Sprintf("kata test %s -seed %s", name, res.seed)
		if f.solution {
			replay += " -solution"
		}
		fmt.Fprintf(out, "Replay it: %s\n", pal.bold(replay))
	}
	if !f.verbose && res.Status != statusPass {
		fmt.Fprintf(out, "All the judge's output: kata test %s -v\n", name)
	}
}
