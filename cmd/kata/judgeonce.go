package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// judgeOnce compiles the judge of kata k with the files of rel (katas/<k> or
// solutions/<k>) and runs it once, naming what it does on tick's live line; onEvent sees
// each event of the run. With firstCheck, it says on tick when the build is the first on
// this machine and why that takes long. The error is for a judge that could not be run
// (ctx done, no go command); a verdict, even an error verdict, is a result.
func judgeOnce(ctx context.Context, e *env, w *workbook, k kata, rel string, f *testFlags, tick *ticker, firstCheck bool, onEvent func(event)) (kataResult, error) {
	gt, err := newGoTool(e)
	if err != nil {
		return kataResult{}, err
	}
	bin, err := os.MkdirTemp("", "kata-test-")
	if err != nil {
		return kataResult{}, err
	}
	defer os.RemoveAll(bin)

	tick.set("%s: building", k.name)
	noted := make(chan struct{})
	go func() {
		defer close(noted)
		if firstCheck && gt.firstRaceBuild(ctx, w.root) {
			tick.printf("%s\n", firstBuildNote)
		}
	}()
	builds, err := gt.buildTests(ctx, w.root, w.module, bin, []string{rel}, true, 10*time.Minute)
	<-noted
	if err != nil {
		return kataResult{}, err
	}
	b := builds[rel]
	pkg := w.module + "/" + rel
	tops := topTests(filepath.Join(w.root, "katas", k.name))
	limit := f.timeout * time.Duration(f.count)
	var r *runResult
	if b.bin != "" {
		t2j, err := gt.test2jsonPath(ctx)
		if err != nil {
			return kataResult{}, err
		}
		args := []string{"-test.count=" + strconv.Itoa(f.count)}
		if f.checks > 0 {
			args = append(args, "-rapid.checks="+strconv.Itoa(f.checks))
		}
		if f.seed != "" {
			args = append(args, "-rapid.seed="+f.seed)
		}
		dir := filepath.Join(w.root, filepath.FromSlash(rel))
		// The judge prints the timeline of a failing schedule as a machine line, for
		// the tool to draw under the verdict.
		env := append(os.Environ(), timeline.Env+"=record")
		r = runTests(ctx, testRun{bin: b.bin, dir: dir, importPath: pkg, args: args, env: env, limit: limit, test2json: t2j}, onEvent)
	}
	if ctx.Err() != nil { // interrupted: what the judge said so far is no verdict
		return kataResult{}, errInterrupted
	}
	return judgeRun(k.name, pkg, tops, b, r, limit), nil
}

// errInterrupted is the error of a judge run stopped by Ctrl-C (or a newer save).
var errInterrupted = errors.New("interrupted")

// isStubVerdict reports whether a verdict is that of the untouched stub, in effect.
func isStubVerdict(name string, res kataResult) bool {
	return strings.HasPrefix(res.Message, name+": not implemented yet")
}

// recordAttempt notes a judge run of the learner's files of kata name in the progress
// file, as kata test does; runs of the stub do not count. It says on stderr when the
// progress cannot be saved.
func recordAttempt(e *env, w *workbook, name string, res kataResult) {
	m, _ := loadManifest(w.root)
	if stub, _ := m.isStub(name, filepath.Join(w.root, "katas", name)); stub || isStubVerdict(name, res) {
		return
	}
	prog, err := loadProgress(w.root)
	if err == nil {
		prog.record(name, res.Status == statusPass, e.now())
		err = prog.save(w.root)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "kata: could not save your progress: %v\n", err)
	}
}
