package mistakes

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/gokata/workbook/harness/yield/instrument"
)

// VariantTimeout bounds the judge's run of one variant, as harness.VariantTimeout does
// in make test.
var VariantTimeout = 90 * time.Second

// outputLimit caps what is kept of one variant's output.
const outputLimit = 4 << 20

// A Binary is the test binary of a kata's variants driver (solutions/<kata>/variants),
// built as make test builds it: with the race detector and the judge's yield points.
type Binary struct {
	Path string // the test binary
	Dir  string // the driver's folder, where go test would run it
}

// A Build says how to build a Binary.
type Build struct {
	Go   string   // the go command
	Env  []string // its environment; nil: the process's
	Root string   // the workbook
	Kata string
	Out  string // the folder to write the binary (and its overlay) into
	// Replace adds to the overlay of the yield points: file -> replacement ("" to leave
	// the file out), absolute paths. The driver imports the learner's package
	// (katas/<kata>), which this can set to the stub, so that a learner's unfinished
	// edit does not stop the gallery's build.
	Replace map[string]string
}

// Make compiles the binary. Its error holds the compiler's output.
func (b Build) Make(ctx context.Context) (*Binary, error) {
	ov, err := instrument.Make(b.Root, instrument.Dir())
	if err != nil {
		return nil, fmt.Errorf("inserting yield points: %v", err)
	}
	replace := map[string]string{}
	for k, v := range ov.Replace {
		replace[k] = v
	}
	for k, v := range b.Replace {
		replace[k] = v
	}
	js, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err != nil {
		return nil, err
	}
	overlay := filepath.Join(b.Out, "overlay.json")
	if err := os.WriteFile(overlay, js, 0o644); err != nil {
		return nil, err
	}
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}
	bin := &Binary{
		Path: filepath.Join(b.Out, b.Kata+"-variants.test"+exe),
		Dir:  filepath.Join(b.Root, "solutions", b.Kata, "variants"),
	}
	cmd := exec.CommandContext(ctx, b.Go, "test", "-race", "-c", "-ldflags=-s -w", "-o", bin.Path, "-overlay="+overlay, "./solutions/"+b.Kata+"/variants")
	cmd.Dir = b.Root
	cmd.Env = b.Env
	out, err := cmd.CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(ov.Unmap(string(out)))
		if msg == "" {
			msg = err.Error()
		}
		if strings.Contains(msg, "-race requires cgo") {
			msg = "the race detector is not available: it needs cgo, and so a C compiler"
		}
		return nil, fmt.Errorf("the variants' test binary does not build: %s", firstLines(msg, 5))
	}
	return bin, nil
}

// Judge runs the judge on v: the binary's TestVariants with KATA_VARIANT=bad/<name>, as
// make test's child processes do, bounded by VariantTimeout.
func (b *Binary) Judge(ctx context.Context, v Variant) Run {
	ctx, cancel := context.WithTimeout(ctx, VariantTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, b.Path, "-test.run=^TestVariants$", "-test.count=1", "-test.v")
	cmd.Dir = b.Dir
	cmd.Env = append(os.Environ(), "KATA_VARIANT="+v.ID())
	cmd.WaitDelay = 5 * time.Second
	var out capped
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	r := Run{Output: out.String(), Elapsed: time.Since(start), Passed: err == nil}
	var exit *exec.ExitError
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		r.Passed, r.Err = false, fmt.Errorf("the judge did not finish within %v", VariantTimeout)
	case err != nil && !errors.As(err, &exit):
		r.Err = err
	}
	return r
}

// capped keeps the first outputLimit bytes written to it.
type capped struct{ bytes.Buffer }

func (c *capped) Write(p []byte) (int, error) {
	if room := outputLimit - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
