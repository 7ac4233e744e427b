package harness

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// A Goroutine is one goroutine of a stack dump.
type Goroutine struct {
	ID     string
	State  string  // the text in brackets: "chan receive", "sleep", "running", ...
	Bubble int     // the synctest bubble it belongs to, 0 for none
	Frames []Frame // innermost first
}

// A Frame is one call in a goroutine's stack.
type Frame struct {
	Func string // fully qualified, e.g. "github.com/x/katas/latch.(*Latch).Wait"
	File string
	Line string
}

// Goroutines returns every goroutine of the process, parsed from runtime.Stack.
func Goroutines() []Goroutine {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return parseStacks(string(buf[:n]))
		}
		buf = make([]byte, 2*len(buf))
	}
}

func parseStacks(dump string) []Goroutine {
	var gs []Goroutine
	for _, block := range strings.Split(dump, "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if len(lines) == 0 || !strings.HasPrefix(lines[0], "goroutine ") {
			continue
		}
		var g Goroutine
		head := strings.TrimPrefix(lines[0], "goroutine ")
		g.ID, _, _ = strings.Cut(head, " ")
		if i, j := strings.Index(head, "["), strings.LastIndex(head, "]"); i >= 0 && j > i {
			g.State, _, _ = strings.Cut(head[i+1:j], ",")
			if _, b, ok := strings.Cut(head[i+1:j], "synctest bubble "); ok {
				g.Bubble, _ = strconv.Atoi(b)
			}
		}
		for i := 1; i+1 < len(lines); i += 2 {
			fn := lines[i]
			if k := strings.LastIndex(fn, "("); k > 0 {
				fn = fn[:k]
			}
			loc := strings.TrimSpace(lines[i+1])
			loc, _, _ = strings.Cut(loc, " +")
			file, line, _ := strings.Cut(loc, ":")
			g.Frames = append(g.Frames, Frame{Func: fn, File: file, Line: line})
		}
		gs = append(gs, g)
	}
	return gs
}

// Of returns the goroutines that are running code of package pkg (an import path), and
// are not the harness's own.
func Of(pkg string, gs []Goroutine) []Goroutine {
	var out []Goroutine
	for _, g := range gs {
		if _, ok := g.Frame(pkg); ok {
			out = append(out, g)
		}
	}
	return out
}

// Frame returns the innermost frame of package pkg.
func (g Goroutine) Frame(pkg string) (Frame, bool) {
	for _, f := range g.Frames {
		if inPackage(f.Func, pkg) && !strings.HasSuffix(f.File, "_test.go") {
			return f, true
		}
	}
	return Frame{}, false
}

// Sleeping reports whether the goroutine is parked in time.Sleep.
func (g Goroutine) Sleeping() bool {
	if g.State == "sleep" {
		return true
	}
	return len(g.Frames) > 0 && g.Frames[0].Func == "time.Sleep"
}

// Busy reports whether the goroutine is on a CPU, waiting for one, or in a system call
// (spinning, yielding with runtime.Gosched, re-reading a file in a loop, or simply
// working).
func (g Goroutine) Busy() bool {
	return g.State == "running" || g.State == "runnable" || g.State == "syscall" || strings.HasPrefix(g.State, "preempted")
}

func inPackage(fn, pkg string) bool {
	rest, ok := strings.CutPrefix(fn, pkg)
	return ok && strings.HasPrefix(rest, ".")
}

// Describe renders goroutines for a learner, one per line, naming only the code in pkg:
// "goroutine 12 [chan receive]: (*Foo).Second at printinorder.go:31".
func Describe(pkg string, gs []Goroutine) string {
	if len(gs) == 0 {
		return "  (none of your goroutines are left)"
	}
	var b strings.Builder
	for _, g := range gs {
		f, _ := g.Frame(pkg)
		name := strings.TrimPrefix(f.Func, pkg+".")
		fmt.Fprintf(&b, "  goroutine %s [%s]: %s at %s:%s", g.ID, g.State, name, filepath.Base(f.File), f.Line)
		if len(g.Frames) > 0 && g.Frames[0].Func != f.Func && !strings.HasPrefix(g.Frames[0].Func, "runtime.") {
			fmt.Fprintf(&b, " (in %s)", shortFunc(g.Frames[0].Func))
		}
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func shortFunc(fn string) string {
	if i := strings.LastIndex(fn, "/"); i >= 0 {
		return fn[i+1:]
	}
	return fn
}

// PackageOf returns the import path of the package that defines fn, a function value
// such as a kata's constructor.
func PackageOf(fn any) string {
	name := funcName(fn)
	slash := strings.LastIndex(name, "/")
	dot := strings.Index(name[slash+1:], ".")
	if dot < 0 {
		return name
	}
	return name[:slash+1+dot]
}
