package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gokata/workbook/cmd/kata/internal/mistakes"
	"github.com/gokata/workbook/harness/timeline"
)

type mistakesFlags struct {
	force bool
	list  bool
	rerun bool
}

var cmdMistakes = &command{
	name:  "mistakes",
	args:  "NAME [VARIANT...] [-force] [-list] [-rerun]",
	short: "show a kata's classic mistakes, once you have passed it",
	long: `Mistakes shows the known-bad variants of a kata (solutions/NAME/variants/bad/),
each a classic mistake, as a gallery: the variant's name, its diff against the reference
solution, what the judge says about it, and why it is wrong. Name variants to see only
those. It shows them once you have passed the kata (kata test NAME), since they give
much of the answer away; -force shows them anyway.

The verdicts are the judge's own: the first time, the tool builds the variants' test
binary (with the race detector and yield points, as make test does) and judges every
variant in a process of its own, as many at a time as there are processors, which takes
a few seconds per variant (a deadlock waits for the judge's watchdog). It keeps each
verdict in the user's cache, under a hash of the judge's files, the Go version and the
variant, so the gallery shows again at once and a changed judge or variant is judged
anew; -rerun judges every variant again. A known-bad variant that passes (its bug did
not show this time) is said to, and is judged again next time. A variant that could not
be judged shows the verdict its comment documents, marked as such.

-list prints only the variants' names, each with the first sentence of its bug.`,
	flags: func(fs *flag.FlagSet) any {
		f := &mistakesFlags{}
		fs.BoolVar(&f.force, "force", false, "show the gallery even if you have not passed the kata")
		fs.BoolVar(&f.list, "list", false, "list the variants' names and bugs only")
		fs.BoolVar(&f.rerun, "rerun", false, "judge every variant again instead of using the cached verdicts")
		return f
	},
	run: runMistakes,
}

// mistakesCacheDir is the folder of the verdicts' cache; tests use their own.
var mistakesCacheDir = mistakes.DefaultDir

// mistakesJudge builds the judge of a kata's variants; tests fake it.
var mistakesJudge = func(ctx context.Context, b mistakes.Build) (mistakes.Judge, error) { return b.Make(ctx) }

func runMistakes(e *env, opts any, args []string) error {
	f := opts.(*mistakesFlags)
	w, err := e.workbook()
	if err != nil {
		return err
	}
	if len(args) == 0 {
		ks, _ := w.katas()
		return usageErrorf("missing kata name; the mistakes of which kata? the katas are: %s", strings.Join(names(ks), ", "))
	}
	k, err := w.kata(args[0])
	if err != nil {
		return err
	}
	vs, err := mistakes.Find(w.root, k.name)
	if errors.Is(err, mistakes.ErrNoVariants) {
		return &exitError{code: 1, msg: err.Error()}
	}
	if err != nil {
		return err
	}
	if len(args) > 1 {
		var picked []mistakes.Variant
		for _, name := range args[1:] {
			i := slices.IndexFunc(vs, func(v mistakes.Variant) bool { return v.Name == strings.TrimPrefix(name, "bad/") })
			if i < 0 {
				return usageErrorf("%s has no known-bad variant %q; its variants are: %s", k.name, name, strings.Join(variantNames(vs), ", "))
			}
			picked = append(picked, vs[i])
		}
		vs = picked
	}
	prog, err := loadProgress(w.root)
	if err != nil {
		return err
	}
	if kp := prog.Katas[k.name]; (kp == nil || kp.FirstPass == nil) && !f.force {
		return &exitError{code: 1, msg: fmt.Sprintf("you have not passed %s yet, and its classic mistakes give much of the answer away.\n"+
			"Pass it first (kata test %s), or see them anyway: kata mistakes %s -force", k.name, k.name, k.name)}
	}
	style := mistakes.Style{Color: e.fancy(e.stdout), Unicode: e.tty(e.stdout) && !timeline.ASCIIOnly(e.getenv)}
	if f.list {
		mistakes.List(e.stdout, k.name, vs, style)
		return nil
	}
	ref, err := mistakes.Reference(w.root, k.name)
	if err != nil {
		return fmt.Errorf("reading the reference solution: %v", err)
	}

	gt, err := newGoTool(e)
	if err != nil {
		return err
	}
	cache := &mistakes.Cache{Dir: mistakesCacheDir()}
	if cache.Salt, err = judgeSalt(e.ctx, gt, w.root, k.name); err != nil {
		cache = nil // no cache: judge everything
	}
	tick := newTicker(e.stderr, e.fancy(e.stderr))
	defer tick.close()
	pal := palette{on: e.fancy(e.stderr)}
	var tmp string
	defer func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	build := func(ctx context.Context) (mistakes.Judge, error) {
		d, err := os.MkdirTemp("", "kata-mistakes-")
		if err != nil {
			return nil, err
		}
		tmp = d
		tick.set("%s: building the variants' test binary", k.name)
		return mistakesJudge(ctx, mistakes.Build{Go: gt.bin, Env: gt.env, Root: w.root, Kata: k.name, Out: tmp, Replace: stubOverlay(w.root, k.name, tmp)})
	}
	results := mistakes.Verdicts(e.ctx, vs, mistakes.Options{
		Build: build,
		Read: func(out string, v mistakes.Variant) string {
			return readVerdict([]string{out}, w.importPath(path.Join("solutions", k.name, "variants/bad", v.Name))).msg
		},
		Cache: cache,
		Rerun: f.rerun,
		Now:   e.now,
		Progress: func(ev mistakes.Event) {
			if ev.Finished != "" {
				what := pal.red("fails")
				switch {
				case !ev.Result.Ran:
					what = pal.yellow("not judged")
				case ev.Result.Passed:
					what = pal.yellow("passed")
				}
				tick.printf("judged %d of %d: %s %s (%.1fs)\n", ev.Done, ev.Total, ev.Finished, what, ev.Result.Seconds)
			}
			if ev.Done < ev.Total {
				tick.set("%s: judging the variants, %d of %d done (now: %s)", k.name, ev.Done, ev.Total, strings.Join(ev.Running, ", "))
			}
		},
	})
	tick.close()
	if e.ctx.Err() != nil {
		return errInterrupted
	}
	mistakes.Render(e.stdout, mistakes.New(k.name, ref, vs, results), style)
	return nil
}

// judgeSalt hashes what the verdicts of kata's variants depend on besides the variants.
func judgeSalt(ctx context.Context, gt goTool, root, kata string) (string, error) {
	cmd := exec.CommandContext(ctx, gt.bin, "env", "GOVERSION")
	cmd.Env = gt.env
	v, err := cmd.Output()
	if err != nil {
		return "", err
	}
	return mistakes.JudgeHash(root, kata, strings.TrimSpace(string(v)))
}

// stubOverlay maps the learner's files of kata to its pristine stub (from the manifest),
// for the variants' driver, which imports the learner's package: work in progress that
// does not compile must not stop the gallery. It returns nil when the manifest has no stub.
func stubOverlay(root, kata, dir string) map[string]string {
	m, err := loadManifest(root)
	if err != nil || len(m.Stubs[kata]) == 0 {
		return nil
	}
	replace := map[string]string{}
	have, _ := learnerFiles(filepath.Join(root, "katas", kata))
	for _, name := range have {
		replace[filepath.Join(root, "katas", kata, name)] = ""
	}
	for _, s := range m.Stubs[kata] {
		p := filepath.Join(dir, "stub-"+path.Base(s.Path))
		if os.WriteFile(p, []byte(s.Content), 0o644) != nil {
			return nil
		}
		replace[filepath.Join(root, filepath.FromSlash(s.Path))] = p
	}
	return replace
}

func variantNames(vs []mistakes.Variant) []string {
	var ns []string
	for _, v := range vs {
		ns = append(ns, v.Name)
	}
	return ns
}
