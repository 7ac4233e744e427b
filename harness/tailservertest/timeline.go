package tailservertest

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gokata/workbook/harness/timeline"
)

// The timeline of a run has a lane for each writer goroutine, each closer, each Server
// (its Writes to out, from whichever goroutine of the Server makes them) and the
// judge's, which makes the calls after Close.
const judged = "judge"

func writer(file string) string { return "writer " + file }

// closer names closer c of Server k.
func closer(s schedule, k, c int) string {
	if s.servers*s.closers == 1 {
		return "closer"
	}
	return fmt.Sprintf("closer %d", k*s.closers+c+1)
}

// printer names the lane of Server k's Writes.
func printer(servers, k int) string {
	if servers == 1 {
		return "server"
	}
	return fmt.Sprintf("server %d", k+1)
}

// lanes declares the lanes of a run of s.
func lanes(tl *timeline.Timeline, s schedule) {
	var names []string
	for _, f := range s.files {
		names = append(names, writer(f.name))
	}
	for k := range s.servers {
		for c := range s.closers {
			names = append(names, closer(s, k, c))
		}
	}
	for k := range s.servers {
		names = append(names, printer(s.servers, k))
	}
	tl.Lanes(append(names, judged)...)
}

// clip quotes text for a label, cut to about 16 characters.
func clip(text string) string {
	if len(text) > 12 {
		return strconv.Quote(cut(text, 11)) + "…"
	}
	return strconv.Quote(text)
}

// printed shortens what a Write got for a label: the path's base name and the line,
// cut to 20 characters. An empty line is drawn as "" (an empty label reads as nothing
// written).
func printed(text string) string {
	path, line, ok := strings.Cut(text, ": ")
	if !ok {
		path, line = "", text
	}
	line = strings.TrimSuffix(line, "\n")
	if line == "" {
		line = `""`
	}
	if ok {
		line = filepath.Base(path) + ": " + cut(line, 64)
	}
	if len(line) > 20 {
		line = cut(line, 19) + "…"
	}
	return line
}

// cut returns the first n bytes of s, or fewer so as not to split a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// returned is how a call of Add, Remove or Close ended, for the timeline.
func returned(err error) string {
	if err != nil {
		return "error"
	}
	return "nil"
}

// A blame is where a verdict's rule broke: the lane at fault and a short label.
type blame struct{ lane, label string }

var (
	serverOf = regexp.MustCompile(`^with \d+ Servers following the same files, Server (\d+)[ :]`)
	callOf   = regexp.MustCompile(`^(Add|Remove)\(([^)]*)\) `)
)

// blameOf says where the rule of verdict msg broke in a run of s; nothing for a panic,
// which the timeline marks when it happens.
func blameOf(msg string, s schedule, found *findings) blame {
	found.mu.Lock()
	panicked := found.panicked
	found.mu.Unlock()
	if msg == "" || msg == panicked {
		return blame{}
	}
	k := 0
	if m := serverOf.FindStringSubmatch(msg); m != nil {
		k, _ = strconv.Atoi(m[1])
		k--
		msg = msg[len(m[0]):]
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, "(separate Servers must not share state):"), " ")
	}
	server := printer(s.servers, k)
	caller := func() string { // the goroutine of the call msg is about
		if m := callOf.FindStringSubmatch(msg); m != nil && !strings.Contains(msg, "Close had") {
			for _, f := range s.files {
				if f.name == m[2] {
					return writer(f.name)
				}
			}
			return judged
		}
		if strings.HasPrefix(msg, "Close ") {
			return closer(s, k, 0)
		}
		return judged
	}
	switch {
	case strings.Contains(msg, "held before Add was called"):
		return blame{server, "line from before Add"}
	case strings.HasPrefix(msg, "printed line") && strings.Contains(msg, " twice"):
		return blame{server, "printed twice"}
	case strings.HasPrefix(msg, "printed line") && strings.Contains(msg, " after "):
		return blame{server, "printed after return"}
	}
	for _, r := range []struct {
		prefix, lane, label string
	}{
		{"tailservertest: ", judged, "judge failed"},
		{"deadlock", judged, "deadlock"},
		{"goroutine leak", judged, "goroutine leak"},
		{"file left open", judged, "file left open"},
		{"late: ", judged, "printed late"},
		{"two Write calls to out overlapped", server, "Writes overlap"},
		{"a line was split across Write calls", server, "line split"},
		{"line ", server, "line skipped"},
		{"Write ", server, "wrong Write"},
		{"printed ", server, "wrong line"},
	} {
		if strings.HasPrefix(msg, r.prefix) {
			return blame{r.lane, r.label}
		}
	}
	switch {
	case strings.Contains(msg, "returned before printing"), strings.Contains(msg, "without printing"), strings.Contains(msg, "printed only part"):
		return blame{caller(), "returned too early"}
	default:
		return blame{caller(), "wrong answer"}
	}
}
