package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A checkout whose line ends git made CRLF (core.autocrlf on Windows) holds the same
// judge and stubs as the manifest's.
func TestHashIgnoresCRLF(t *testing.T) {
	unix := "package foo\n\nfunc F() {}\n"
	windows := strings.ReplaceAll(unix, "\n", "\r\n")
	if hashBytes([]byte(unix)) != hashBytes([]byte(windows)) {
		t.Errorf("hashBytes differs between LF and CRLF line ends")
	}
	if hashBytes([]byte(unix)) == hashBytes([]byte(unix+"\n")) {
		t.Errorf("hashBytes ignores a change of content")
	}
	if got := string(lf([]byte("a\r\nb\rc\n"))); got != "a\nb\rc\n" {
		t.Errorf("lf = %q, want %q", got, "a\nb\rc\n")
	}
}

// The grade's environment on Windows names the temporary and home folders the way
// Windows looks for them; elsewhere it adds nothing.
func TestPlatformEnv(t *testing.T) {
	getenv := func(k string) string {
		return map[string]string{"SystemRoot": `C:\Windows`, "USERPROFILE": `C:\Users\ada`}[k]
	}
	work := filepath.Join("grade", "work")
	if env := platformEnv("linux", getenv, work, false); len(env) != 0 {
		t.Errorf("platformEnv(linux) = %q, want nothing", env)
	}
	if env := platformEnv("darwin", getenv, work, true); len(env) != 0 {
		t.Errorf("platformEnv(darwin) = %q, want nothing", env)
	}
	tmp, home := filepath.Join(work, "tmp"), filepath.Join(work, "home")
	for _, tc := range []struct {
		build bool
		want  []string
	}{
		{true, []string{`SystemRoot=C:\Windows`, "TMP=" + tmp, "TEMP=" + tmp, `USERPROFILE=C:\Users\ada`}},
		{false, []string{`SystemRoot=C:\Windows`, "TMP=" + tmp, "TEMP=" + tmp, "USERPROFILE=" + home}},
	} {
		if got := platformEnv("windows", getenv, work, tc.build); !slices.Equal(got, tc.want) {
			t.Errorf("platformEnv(windows, build=%v) = %q, want %q", tc.build, got, tc.want)
		}
	}
}

func TestDirText(t *testing.T) {
	want := "katas" + string(filepath.Separator) + "latch" + string(filepath.Separator)
	if got := dirText("katas/latch"); got != want {
		t.Errorf("dirText(katas/latch) = %q, want %q", got, want)
	}
}

// Without cgo, go test -race refuses to build: the verdict says why and how to fix it,
// not that the learner's code does not compile.
func TestBuildVerdictWithoutCgo(t *testing.T) {
	msg, details := buildVerdict("go: -race requires cgo; enable cgo by setting CGO_ENABLED=1\n")
	if want := "the race detector is not available"; !strings.HasPrefix(msg, want) {
		t.Errorf("message %q, want it to start with %q", msg, want)
	}
	if !strings.Contains(details, "CGO_ENABLED=1") || !strings.Contains(details, "Windows") {
		t.Errorf("details do not say how to get the race detector:\n%s", details)
	}
}
