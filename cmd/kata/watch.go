package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/interview"
	"github.com/gokata/workbook/cmd/kata/internal/watch"
)

type watchFlags struct {
	poll time.Duration
}

var cmdWatch = &command{
	name:  "watch",
	args:  "NAME [-poll D]",
	short: "judge a kata again on every save of your files",
	long: `Watch judges your solution of a kata now, then again every time you save one of its
files (the non-test .go files in katas/NAME/), and prints the time since it started
and the short verdict: its first line, and for a failure what broke. Ctrl-C stops it
(and a judge run in progress) and exits 0. "kata test NAME" prints a whole verdict.

A save while the judge runs stops that run and judges the files as they are now: the
verdict of files that are gone would be stale. Saves are found by looking at the files'
sizes and modification times every -poll interval; a burst of writes (an editor's
save, a formatter) counts as one save once the files are still for as long.

Each run counts in your progress (kata list), as a run of kata test does.`,
	flags: func(fs *flag.FlagSet) any {
		f := &watchFlags{}
		fs.DurationVar(&f.poll, "poll", watch.DefaultInterval, "look at the files every `D`")
		return f
	},
	run: runWatch,
}

// learnerFile reports whether a file name of katas/<name>/ is one of the learner's.
func learnerFile(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}

func runWatch(e *env, opts any, args []string) error {
	f := opts.(*watchFlags)
	if f.poll <= 0 {
		return usageErrorf("-poll must be positive")
	}
	w, err := e.workbook()
	if err != nil {
		return err
	}
	k, err := oneKata(w, args, "watch which kata? the katas are")
	if err != nil {
		return err
	}
	rel := "katas/" + k.name
	pal := palette{on: e.fancy(e.stdout)}
	fmt.Fprintf(e.stdout, "Watching %s: every save of its .go files (not the tests) is judged. Ctrl-C stops.\n", dirText(rel))
	tick := newTicker(e.stdout, e.fancy(e.stdout))
	defer tick.close()
	start := time.Now()
	first := true
	j := newSaveJudge(e, w, k, tick)
	saves := watch.Saves(e.ctx, watch.Options{Dir: filepath.Join(w.root, filepath.FromSlash(rel)), Match: learnerFile, Interval: f.poll, Settle: f.poll})
	watch.Loop(e.ctx, saves, true, func(ctx context.Context) bool {
		res, ok := j.judge(ctx, first)
		if !ok {
			return false
		}
		first = false
		tick.printf("%s  %s\n", interview.Readout(time.Since(start)), headline(pal, k.name, res))
		if res.Status == statusFail && res.Message != "" {
			tick.printf("      %s\n", clip(res.Message, 94))
		}
		tick.setPlain("watching %s (last verdict at %s)", dirText(rel), interview.Readout(time.Since(start)))
		return false
	})
	return nil // interrupted: the way a watch ends
}

// A saveJudge judges the learner's files of a kata on each save, for watch and interview.
type saveJudge struct {
	e    *env
	w    *workbook
	k    kata
	tick *ticker
	f    testFlags
}

func newSaveJudge(e *env, w *workbook, k kata, tick *ticker) *saveJudge {
	return &saveJudge{e: e, w: w, k: k, tick: tick, f: testFlags{count: 1, timeout: 2 * time.Minute}}
}

// judge judges the files once and records the attempt; false when ctx ended the run
// first. With firstCheck it says whether the build is the first on this machine.
func (j *saveJudge) judge(ctx context.Context, firstCheck bool) (kataResult, bool) {
	res, err := judgeOnce(ctx, j.e, j.w, j.k, "katas/"+j.k.name, &j.f, j.tick, firstCheck, func(ev event) {
		if top, rule, ok := strings.Cut(ev.Test, "/"); ok && top != "" && !strings.Contains(rule, "/") && ev.Action == "run" {
			j.tick.set("%s: %s", j.k.name, rule)
		}
	})
	if ctx.Err() != nil {
		return kataResult{}, false
	}
	if err != nil {
		res = kataResult{Name: j.k.name, Status: statusError, Message: "could not run the judge: " + err.Error()}
	}
	recordAttempt(j.e, j.w, j.k.name, res)
	return res, true
}

// headline is the first line of a verdict, as kata test prints it.
func headline(pal palette, name string, res kataResult) string {
	switch {
	case res.Status == statusPass:
		n := 0
		for _, r := range res.Rules {
			if r.Status == statusPass {
				n++
			}
		}
		hold := "hold"
		if n == 1 {
			hold = "holds"
		}
		return fmt.Sprintf("%s %s: %s %s (%.1fs)", pal.green("PASS"), name, plural(n, "rule"), hold, res.Seconds)
	case res.Status == statusError:
		return fmt.Sprintf("%s %s: %s", pal.red("ERROR"), name, firstLine(res.Message))
	case res.Rule != "":
		return fmt.Sprintf("%s %s: rule %q broke", pal.red("FAIL"), name, res.Rule)
	}
	return fmt.Sprintf("%s %s", pal.red("FAIL"), name)
}
