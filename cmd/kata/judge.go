package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/sandbox"
	"github.com/gokata/workbook/harness/yield/instrument"
)

// An event is one line of go test -json (test2json) output, or of go build -json output.
type event struct {
	Time       time.Time `json:",omitempty"`
	Action     string
	Package    string  `json:",omitempty"`
	ImportPath string  `json:",omitempty"`
	Test       string  `json:",omitempty"`
	Elapsed    float64 `json:",omitempty"`
	Output     string  `json:",omitempty"`
}

// A build is the result of compiling one kata's test binary.
type build struct {
	bin    string // the test binary, "" when the build failed
	output string // the compiler's and vet's messages for this package
}

// goTool runs the go command.
type goTool struct {
	bin string   // path of the go command
	env []string // its environment; nil means the process's
}

// buildTests compiles the test binaries of the packages rels ("katas/printinorder") of the
// module in root into binDir, once, with the race detector: one go command for all, so
// shared packages compile once. A package that does not compile does not stop the others.
func (g goTool) buildTests(ctx context.Context, root, module, binDir string, rels []string, trimpath bool, limit time.Duration) (map[string]*build, error) {
	// -s -w, as go test links the binaries it runs: no symbol table or DWARF, a faster
	// link; stack traces and race reports do not need them.
	args := []string{"test", "-race", "-c", "-json", "-ldflags=-s -w", "-o", binDir + string(filepath.Separator)}
	if trimpath {
		args = append(args, "-trimpath")
	}
	// The judge compiles the learner's code with yield points (see package instrument).
	overlay, err := instrument.Make(root, instrument.Dir())
	if err != nil {
		return nil, fmt.Errorf("inserting yield points: %v", err)
	}
	args = append(args, "-overlay="+overlay.Path)
	for _, r := range rels {
		args = append(args, "./"+r)
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.Command(g.bin, args...)
	cmd.Dir = root
	cmd.Env = g.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := startInGroup(cmd); err != nil {
		return nil, err
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var runErr error
	select {
	case runErr = <-waited:
	case <-ctx.Done():
		killProcessGroup(cmd)
		<-waited
		runErr = ctx.Err()
	}

	// Attribute build output to packages: "mod/katas/x [mod/katas/x.test]" is the test
	// binary of katas/x; anything else is a package they depend on.
	perPkg := map[string]*strings.Builder{}
	var shared strings.Builder
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		if ev.Action != "build-output" {
			continue
		}
		owner := ""
		if i := strings.Index(ev.ImportPath, "["); i >= 0 {
			owner = strings.TrimSuffix(strings.TrimSuffix(ev.ImportPath[i+1:], "]"), ".test")
		}
		b := &shared
		if owner != "" {
			if perPkg[owner] == nil {
				perPkg[owner] = &strings.Builder{}
			}
			b = perPkg[owner]
		}
		b.WriteString(overlay.Unmap(ev.Output))
	}
	builds := map[string]*build{}
	for _, r := range rels {
		b := &build{}
		bin := filepath.Join(binDir, path.Base(r)+".test"+exeSuffix)
		if _, err := os.Stat(bin); err == nil {
			b.bin = bin
		}
		if pb := perPkg[module+"/"+r]; pb != nil {
			b.output = pb.String()
		}
		if b.bin == "" {
			switch {
			case errors.Is(runErr, context.DeadlineExceeded):
				b.output = fmt.Sprintf("the build did not finish within %v\n", limit)
			case ctx.Err() != nil:
				b.output = "the build was interrupted\n"
			case b.output == "":
				b.output = shared.String() + overlay.Unmap(stderr.String())
			}
		}
		builds[r] = b
	}
	return builds, nil
}

// test2jsonPath returns the path of the test2json tool, building it if needed.
func (g goTool) test2jsonPath(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, g.bin, "tool", "-n", "test2json")
	cmd.Env = g.env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool -n test2json: %v", err)
	}
	// The path alone, which may hold spaces (C:\Program Files\Go\...).
	p := strings.TrimSpace(string(out))
	if p == "" {
		return "", fmt.Errorf("go tool -n test2json printed nothing")
	}
	return p, nil
}

// A runResult is what one run of a test binary produced.
type runResult struct {
	events   []event
	exit     int  // the binary's exit status; -1 when killed by a signal
	timedOut bool // killed at the time limit
	elapsed  time.Duration
	dropped  int // bytes of output dropped past the cap
	err      error
}

// maxOutput caps the output kept from one run, so that a submission that prints forever
// cannot exhaust the grader's memory.
const maxOutput = 4 << 20

// A testRun says how to run one test binary.
type testRun struct {
	bin        string
	dir        string // the package's folder: go test runs binaries there
	importPath string
	args       []string // after the flags go test itself passes
	env        []string
	limit      time.Duration // killed after this; 0 means no limit
	test2json  string
	sandbox    *sandbox.Spec // where the binary runs; nil: not in a sandbox
}

// runTests runs a test binary the way go test -json does (in its package's folder, its
// output converted by test2json), in its own process group, killing the whole group at
// the time limit. onEvent, if not nil, sees each event as it arrives.
func runTests(ctx context.Context, tr testRun, onEvent func(event)) *runResult {
	res := &runResult{}
	args := []string{"-test.paniconexit0", "-test.v=test2json"}
	if tr.limit > 0 {
		// The binary's own timeout fires first and says which tests were running.
		args = append(args, fmt.Sprintf("-test.timeout=%v", tr.limit*9/10))
	}
	args = append(args, tr.args...)

	pr, pw, err := os.Pipe()
	if err != nil {
		res.err = err
		return res
	}
	conv := exec.Command(tr.test2json, "-t", "-p", tr.importPath)
	conv.Stdin = pr
	conv.Env = tr.env
	convOut, err := conv.StdoutPipe()
	if err != nil {
		res.err = err
		return res
	}
	if err := startInGroup(conv); err != nil {
		pr.Close()
		pw.Close()
		res.err = fmt.Errorf("test2json: %v", err)
		return res
	}
	pr.Close()

	var mu sync.Mutex
	kept := 0
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		rd := bufio.NewReaderSize(convOut, 64<<10)
		for {
			line, err := rd.ReadBytes('\n')
			if len(line) > 0 {
				var ev event
				if json.Unmarshal(line, &ev) == nil {
					mu.Lock()
					if ev.Action == "output" && kept+len(ev.Output) > maxOutput {
						res.dropped += len(ev.Output)
						mu.Unlock()
						continue
					}
					kept += len(ev.Output)
					res.events = append(res.events, ev)
					mu.Unlock()
					if onEvent != nil {
						onEvent(ev)
					}
				}
			}
			if err != nil {
				return
			}
		}
	}()

	// The test binary marks its real framing lines ("=== RUN", "--- PASS") with ^V; this
	// marked, eventless line puts test2json in the mode that requires the mark from the
	// start, so that a submission printing "--- PASS: TestX" (before the first real
	// framing line, from an init function) is mere output, not a verdict.
	if _, err := pw.Write([]byte("\x16=== NAME  \n")); err != nil {
		res.err = err
	}

	bin := exec.Command(tr.bin, args...)
	bin.Dir = tr.dir
	bin.Env = tr.env
	bin.Stdout, bin.Stderr = pw, pw
	start := time.Now()
	if err := startSandboxed(bin, tr.sandbox); err != nil {
		pw.Close() // test2json reads to the end and exits
		<-readDone
		conv.Wait()
		res.err = err
		return res
	}
	pw.Close()

	waited := make(chan error, 1)
	go func() { waited <- bin.Wait() }()
	var limit <-chan time.Time
	if tr.limit > 0 {
		t := time.NewTimer(tr.limit)
		defer t.Stop()
		limit = t.C
	}
	var werr error
	select {
	case werr = <-waited:
	case <-limit:
		res.timedOut = true
		killProcessGroup(bin)
		werr = <-waited
	case <-ctx.Done():
		killProcessGroup(bin)
		werr = <-waited
		res.err = ctx.Err()
	}
	res.elapsed = time.Since(start)
	// Kill what is left of the group (goroutines' children) so the pipe closes.
	killProcessGroup(bin)
	res.exit = exitCode(bin.ProcessState, werr)

	// Read all of test2json's output before waiting for it: Wait closes the pipe.
	select {
	case <-readDone:
	case <-time.After(5 * time.Second):
		// A process that escaped the group still holds the pipe: stop reading.
		killProcessGroup(conv)
		<-readDone
	}
	conv.Wait()
	return res
}

func exitCode(ps *os.ProcessState, err error) int {
	if ps == nil {
		return -1
	}
	if code := ps.ExitCode(); code >= 0 {
		return code
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// copyFile copies a regular file.
func copyFile(dst, src string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode.Perm()|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
