package harness

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

// Call runs fn, a call into the learner's code, and returns a verdict for a panic in it,
// or "" when fn returns. A stub's "<kata>: not implemented" panic becomes
// "<kata>: not implemented yet: edit katas/<kata>/<kata>.go"; any other panic becomes
// "<what> panicked: <value>" and the place in package pkg where it happened.
func Call(pkg, what string, fn func()) (verdict string) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		verdict = PanicVerdict(pkg, what, r, Stack())
	}()
	fn()
	return ""
}

// PanicVerdict turns a recovered panic value into a learner verdict (see Call). g is the
// panicking goroutine, as seen from the deferred function that recovered.
func PanicVerdict(pkg, what string, r any, g Goroutine) string {
	if kata, ok := NotImplemented(r); ok {
		return StubVerdict(kata)
	}
	msg := fmt.Sprintf("%s panicked: %v", what, r)
	if f, ok := g.Frame(pkg); ok {
		msg += fmt.Sprintf("\n  at %s (%s:%s)", strings.TrimPrefix(f.Func, pkg+"."), lastElems(f.File, 2), f.Line)
	}
	return msg
}

// StubVerdict is the verdict for a kata's stub: "<kata>: not implemented yet: edit
// katas/<kata>/<kata>.go", the path written the way the system does (katas\<kata>\... on
// Windows).
func StubVerdict(kata string) string {
	return fmt.Sprintf("%s: not implemented yet: edit %s", kata, filepath.Join("katas", kata, kata+".go"))
}

// NotImplemented reports whether a panic value is a stub's "<kata>: not implemented",
// and which kata.
func NotImplemented(r any) (kata string, ok bool) {
	s, isString := r.(string)
	if !isString {
		return "", false
	}
	kata, ok = strings.CutSuffix(s, ": not implemented")
	return kata, ok && kata != "" && !strings.ContainsAny(kata, " \n")
}

func lastElems(path string, n int) string {
	parts := strings.Split(path, "/")
	if len(parts) > n {
		parts = parts[len(parts)-n:]
	}
	return strings.Join(parts, "/")
}

// Stack returns the calling goroutine's stack, parsed.
func Stack() Goroutine {
	buf := make([]byte, 64<<10)
	n := runtime.Stack(buf, false)
	gs := parseStacks(string(buf[:n]))
	if len(gs) == 0 {
		return Goroutine{}
	}
	return gs[0]
}
