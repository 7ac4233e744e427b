package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/interview"
	"github.com/gokata/workbook/cmd/kata/internal/watch"
)

type interviewFlags struct {
	minutes float64
	random  bool
	poll    time.Duration
}

var cmdInterview = &command{
	name:  "interview",
	args:  "[NAME] [-minutes M] [-random] [-poll D]",
	short: "solve a kata against the clock, then answer follow-up questions",
	long: `Interview picks a kata you have not passed yet (the first in workbook order, or a
random one with -random), or the kata NAME, prints its problem statement (without hints
and follow-up questions) and gives you M minutes (45 by default) to pass its judge.

Every save of the kata's files (the non-test .go files in katas/NAME/) is judged, as
kata watch does, and the elapsed and remaining time and the verdict's first line are
shown. The interview ends at the first pass or when the time is up; a save made in time
is still judged to its verdict. Then it prints a scorecard (the time to pass, the
attempts, the rules broken on the way, in order) and the follow-up questions an
interviewer would ask about the kata, which kata show prints from then on.

The scorecard is kept in your progress file; kata list shows your best time. Ctrl-C
gives up: no scorecard. The exit status is 0 for a pass, 1 otherwise.`,
	flags: func(fs *flag.FlagSet) any {
		f := &interviewFlags{}
		fs.Float64Var(&f.minutes, "minutes", 45, "the time allowed, in `M` minutes")
		fs.BoolVar(&f.random, "random", false, "pick a random kata you have not passed, not the first")
		fs.DurationVar(&f.poll, "poll", watch.DefaultInterval, "look at the files every `D`")
		return f
	},
	run: runInterview,
}

func runInterview(e *env, opts any, args []string) error {
	f := opts.(*interviewFlags)
	switch {
	case !(f.minutes > 0) || math.IsInf(f.minutes, 0) || f.minutes > 24*60:
		return usageErrorf("-minutes must be more than 0 and at most a day (1440)")
	case f.poll <= 0:
		return usageErrorf("-poll must be positive")
	case len(args) > 1:
		return usageErrorf("too many arguments: %v", args[1:])
	}
	w, err := e.workbook()
	if err != nil {
		return err
	}
	prog, err := loadProgress(w.root)
	if err != nil {
		return err
	}
	var k kata
	if len(args) == 1 {
		if k, err = w.kata(args[0]); err != nil {
			return err
		}
	} else {
		ks, err := w.katas()
		if err != nil {
			return err
		}
		var rnd *rand.Rand
		if f.random {
			rnd = rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
		}
		name := interview.Pick(names(ks), func(n string) bool {
			kp := prog.Katas[n]
			return kp != nil && kp.FirstPass != nil
		}, rnd)
		if name == "" {
			return fmt.Errorf("you have passed every kata: name one to interview on it again (kata interview NAME)")
		}
		if k, err = w.kata(name); err != nil {
			return err
		}
	}
	r := parseReadme(k.readme)
	questions := interview.Questions(r.followups)
	limit := time.Duration(f.minutes * float64(time.Minute)).Round(time.Second)
	rel := "katas/" + k.name
	dir := filepath.Join(w.root, filepath.FromSlash(rel))
	pal := palette{on: e.fancy(e.stdout)}

	first, err := warmUp(e, w, rel)
	if err != nil {
		return err
	}
	about := k.name
	if k.difficulty != "" {
		about += " (" + k.difficulty + ")"
	}
	fmt.Fprintf(e.stdout, "%s\n\n", pal.bold(fmt.Sprintf("Interview: %s, %s to pass the judge. The clock runs from now.", about, interview.Readout(limit))))
	fmt.Fprint(e.stdout, render(pal, r.body))
	m, _ := loadManifest(w.root)
	if stub, known := m.isStub(k.name, dir); known && !stub {
		fmt.Fprintf(e.stdout, "\nNote: %s holds earlier work of yours (kata reset %s puts the stub back).\n", dirText(rel), k.name)
	}
	fmt.Fprintf(e.stdout, "\nEdit the .go files in %s: every save is judged. Ctrl-C gives up.\n", dirText(rel))

	tick := newTicker(e.stdout, e.fancy(e.stdout))
	defer tick.close()
	j := newSaveJudge(e, w, k, tick)
	stamp := func(ev interview.Event) string {
		return fmt.Sprintf("[%s elapsed, %s left]", interview.Readout(ev.Elapsed), interview.Readout(ev.Left))
	}
	last := "no verdict yet"
	s := &interview.Session{
		Limit: limit,
		Saves: watch.Saves(e.ctx, watch.Options{Dir: dir, Match: learnerFile, Interval: f.poll, Settle: f.poll}),
		Judge: func(ctx context.Context) (interview.Verdict, bool) {
			res, ok := j.judge(ctx, first)
			if !ok {
				return interview.Verdict{}, false
			}
			first = false
			return verdictOf(pal, k.name, res), true
		},
		Show: func(ev interview.Event) {
			switch ev.Kind {
			case interview.Judging:
				tick.set("%s %s: judging your save", stamp(ev), k.name)
			case interview.Judged:
				tick.printf("%s %s\n", stamp(ev), ev.Verdict.Headline)
				if ev.Verdict.Message != "" {
					tick.printf("    %s\n", clip(ev.Verdict.Message, 96))
				}
				last = "last: " + ev.Verdict.Headline
				tick.setPlain("%s %s", stamp(ev), last)
			case interview.Mark:
				tick.printf("%s %s\n", stamp(ev), ev.Note)
			case interview.Tick:
				if tick.plainText() {
					tick.setPlain("%s %s", stamp(ev), last)
				}
			case interview.TimeUp:
				tick.printf("%s time is up\n", stamp(ev))
			}
		},
	}
	started := e.now()
	card, err := s.Run(e.ctx)
	tick.close()
	if errors.Is(err, interview.ErrInterrupted) {
		return &exitError{code: 1, msg: fmt.Sprintf("interrupted after %s: no scorecard", interview.Readout(card.Time()))}
	}
	if err != nil {
		return err
	}
	card.Started = started
	if prog, err = loadProgress(w.root); err == nil { // the judge runs updated it
		kp := prog.kata(k.name)
		kp.Interviews = append(kp.Interviews, card)
		err = prog.save(w.root)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "kata interview: could not save the scorecard: %v\n", err)
	}
	card.Print(e.stdout, k.name, k.difficulty, questions)
	if !card.Passed {
		return errFailed
	}
	return nil
}

// warmUp does the first build on this machine, which takes a minute, before the clock
// starts rather than at the first save; it returns whether the build cache might still
// lack it (so that the first judge run should say why it is slow).
func warmUp(e *env, w *workbook, rel string) (bool, error) {
	gt, err := newGoTool(e)
	if err != nil {
		return false, err
	}
	if !gt.firstRaceBuild(e.ctx, w.root) {
		return false, nil
	}
	fmt.Fprintf(e.stdout, "%s\nThe clock starts once it is done.\n", firstBuildNote)
	tick := newTicker(e.stdout, e.fancy(e.stdout))
	defer tick.close()
	tick.set("building")
	bin, err := os.MkdirTemp("", "kata-warm-")
	if err != nil {
		return true, err
	}
	defer os.RemoveAll(bin)
	if _, err := gt.buildTests(e.ctx, w.root, w.module, bin, []string{rel}, true, 10*time.Minute); err != nil {
		return true, err
	}
	if e.ctx.Err() != nil {
		return true, &exitError{code: 1, msg: "interrupted before the interview started"}
	}
	return false, nil
}

// verdictOf is what an interview shows and scores of a judge's verdict: what broke is
// the rule, or for an error the start of its message ("does not compile", "time limit
// exceeded").
func verdictOf(pal palette, name string, res kataResult) interview.Verdict {
	v := interview.Verdict{Pass: res.Status == statusPass, Headline: headline(pal, name, res)}
	switch {
	case v.Pass:
	case res.Status == statusFail:
		v.Message, v.Broken = res.Message, res.Rule
		if v.Broken == "" {
			v.Broken = clip(res.Message, 60)
		}
	default: // the headline holds the message
		v.Broken, _, _ = strings.Cut(res.Message, ":")
	}
	return v
}
