package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// listWorkbook is a workbook for list, show and hint: printinorder, foobar and alpha (a
// kata the tool does not know) with READMEs, and a half-built kata without one.
func listWorkbook(t *testing.T) string {
	wb := newWorkbook(t, "foobar", "alpha", "halfbuilt")
	write(t, filepath.Join(wb, "katas/foobar/README.md"), readTestdata(t, "workbook/foobar.md"))
	write(t, filepath.Join(wb, "katas/alpha/README.md"), readTestdata(t, "workbook/alpha.md"))
	os.Remove(filepath.Join(wb, "katas/halfbuilt/README.md"))
	return wb
}

func TestList(t *testing.T) {
	wb := listWorkbook(t)
	// printinorder: passed after two failures; foobar: failing; alpha: edited, never tested.
	first := fixedNow.Add(-26 * time.Hour)
	pass := fixedNow.Add(-24*time.Hour - 40*time.Minute)
	p := &progress{Version: 1, Katas: map[string]*kataProgress{
		"printinorder": {FirstAttempt: first, LastAttempt: pass, Attempts: 3, LastResult: statusPass, FirstPass: &pass},
		"foobar":       {FirstAttempt: first, LastAttempt: first, Attempts: 1, LastResult: statusFail},
	}}
	if err := p.save(wb); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(wb, "katas/alpha/printinorder.go"), "package printinorder\n")
	res := cli{dir: filepath.Join(wb, "katas")}.run(t, "list")
	if res.code != 0 {
		t.Fatalf("exit status %d: %s", res.code, res.stderr)
	}
	golden(t, "list.txt", res.stdout)
}

func TestListColour(t *testing.T) {
	wb := listWorkbook(t)
	for _, c := range []struct {
		tty     bool
		noColor string
		want    bool
	}{{true, "", true}, {true, "1", false}, {false, "", false}} {
		res := cli{dir: wb, tty: c.tty, env: map[string]string{"NO_COLOR": c.noColor, "TERM": "xterm"}}.run(t, "list")
		if got := strings.Contains(res.stdout, "\033["); got != c.want {
			t.Errorf("tty %v, NO_COLOR=%q: colour %v, want %v", c.tty, c.noColor, got, c.want)
		}
	}
}

func TestShow(t *testing.T) {
	wb := listWorkbook(t)
	res := cli{dir: wb}.run(t, "show", "printinorder")
	if res.code != 0 {
		t.Fatalf("exit status %d: %s", res.code, res.stderr)
	}
	if strings.Contains(res.stdout, "Close a channel") {
		t.Errorf("show prints a hint:\n%s", res.stdout)
	}
	golden(t, "show.txt", res.stdout)
}

func TestHint(t *testing.T) {
	wb := listWorkbook(t)
	c := cli{dir: wb}
	for i, want := range []string{"hint 1 of 2", "hint 2 of 2", "That was the last hint;"} {
		res := c.run(t, "hint", "printinorder")
		if res.code != 0 || !strings.Contains(res.stdout, want) {
			t.Errorf("hint call %d: exit status %d, output lacks %q:\n%s", i+1, res.code, want, res.stdout)
		}
	}
	if res := c.run(t, "hint", "printinorder", "1"); !strings.Contains(res.stdout, "Wait for an event") {
		t.Errorf("kata hint printinorder 1:\n%s", res.stdout)
	}
	golden(t, "hint.txt", c.run(t, "hint", "printinorder", "2").stdout)
	for _, args := range [][]string{{"hint", "printinorder", "3"}, {"hint", "printinorder", "zero"}, {"hint"}} {
		if res := c.run(t, args...); res.code != 2 {
			t.Errorf("kata %s: exit status %d, want 2", strings.Join(args, " "), res.code)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	wb := listWorkbook(t)
	c := cli{dir: wb}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"show", "nosuch"}, 2, `unknown kata "nosuch"; the katas are: printinorder, foobar, alpha`},
		{[]string{"test", "nosuch"}, 2, "the katas are: printinorder, foobar, alpha"},
		{[]string{"show"}, 2, "missing kata name"},
		{[]string{"show", "printinorder", "foobar"}, 2, "too many arguments"},
		{[]string{"list", "x"}, 2, "list takes no arguments"},
		{[]string{"test", "printinorder", "-count", "0"}, 2, "-count must be 1 or more"},
		{[]string{"test", "printinorder", "-seed", "abc"}, 2, "-seed must be a number"},
		{[]string{"test", "-nosuchflag"}, 2, "flag provided but not defined"},
		{[]string{"help", "nosuch"}, 2, "unknown command"},
		{[]string{"verify", "-update", "-dir", "x"}, 2, "cannot be used with -dir"},
	} {
		res := c.run(t, tc.args...)
		if res.code != tc.code || !strings.Contains(res.stderr, tc.want) {
			t.Errorf("kata %s: exit status %d, stderr %q; want %d and %q", strings.Join(tc.args, " "), res.code, res.stderr, tc.code, tc.want)
		}
	}
	if res := (cli{dir: t.TempDir()}).run(t, "list"); res.code != 1 || !strings.Contains(res.stderr, "not in a kata workbook") {
		t.Errorf("outside a workbook: exit status %d, stderr %q", res.code, res.stderr)
	}
}

func TestHelp(t *testing.T) {
	c := cli{dir: t.TempDir()}
	var all strings.Builder
	res := c.run(t, "help")
	all.WriteString(res.stdout)
	for _, cmd := range commands {
		res := c.run(t, "help", cmd.name)
		if res.code != 0 {
			t.Errorf("kata help %s: exit status %d", cmd.name, res.code)
		}
		all.WriteString("\n==== kata help " + cmd.name + "\n" + res.stdout)
	}
	if res := c.run(t, "grade", "-h"); res.code != 0 || !strings.HasPrefix(res.stdout, "usage: kata grade") {
		t.Errorf("kata grade -h: exit status %d:\n%s", res.code, res.stdout)
	}
	golden(t, "help.txt", all.String())
}

func TestParseInterspersed(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	v := fs.Bool("v", false, "")
	n := fs.Int("n", 0, "")
	pos, err := parseInterspersed(fs, []string{"-n", "3", "a", "-v", "b"})
	if err != nil || strings.Join(pos, ",") != "a,b" || !*v || *n != 3 {
		t.Errorf("got %q %v, -v %v, -n %d", pos, err, *v, *n)
	}
}

func TestReadme(t *testing.T) {
	r := parseReadme(readTestdata(t, "workbook/printinorder.md"))
	if r.title != "Print in Order" || r.origin != "LeetCode 1114, Print in Order" || len(r.hints) != 2 {
		t.Errorf("title %q, origin %q, %d hints", r.title, r.origin, len(r.hints))
	}
	if r.summary != "Three goroutines share one value and must print first, second, third" {
		t.Errorf("summary %q", r.summary)
	}
	if !strings.Contains(r.body, "# the judge, under the race detector") || !strings.Contains(r.body, "## Credits") || strings.Contains(r.body, "## Hints") {
		t.Errorf("body:\n%s", r.body)
	}
}

func TestReset(t *testing.T) {
	wb := newWorkbook(t)
	file := filepath.Join(wb, "katas/printinorder/printinorder.go")
	stub := readFile(t, file)
	mine := readTestdata(t, "submissions/pass/printinorder.go")
	extra := filepath.Join(wb, "katas/printinorder/helper.go")
	p := &progress{Version: 1, Katas: map[string]*kataProgress{"printinorder": {Attempts: 2, LastResult: statusFail}}}
	if err := p.save(wb); err != nil {
		t.Fatal(err)
	}

	// Declined: nothing changes.
	write(t, file, mine)
	write(t, extra, "package printinorder\n")
	res := cli{dir: wb, stdin: "n\n"}.run(t, "reset", "printinorder")
	if res.code != 1 || !strings.Contains(res.stdout, "katas/printinorder/printinorder.go (edited") || !strings.Contains(res.stdout, "helper.go (a file you added") {
		t.Errorf("declined reset: exit status %d:\n%s", res.code, res.stdout)
	}
	if readFile(t, file) != mine {
		t.Errorf("a declined reset changed the file")
	}

	// Accepted: the stub is back, the added file and the progress gone.
	res = cli{dir: wb, stdin: "y\n"}.run(t, "reset", "printinorder")
	if res.code != 0 || readFile(t, file) != stub {
		t.Errorf("accepted reset: exit status %d, stub back %v:\n%s", res.code, readFile(t, file) == stub, res.stdout)
	}
	if _, err := os.Stat(extra); err == nil {
		t.Errorf("reset left %s", extra)
	}
	var after progress
	json.Unmarshal([]byte(readFile(t, filepath.Join(wb, progressFile))), &after)
	if _, ok := after.Katas["printinorder"]; ok {
		t.Errorf("reset kept the progress of the kata")
	}

	// -force does not ask; a stub asks nothing either.
	write(t, file, mine)
	if res := (cli{dir: wb}).run(t, "reset", "-force", "printinorder"); res.code != 0 || readFile(t, file) != stub {
		t.Errorf("reset -force: exit status %d:\n%s", res.code, res.stdout)
	}
	if res := (cli{dir: wb}).run(t, "reset", "printinorder"); res.code != 0 || strings.Contains(res.stdout, "[y/N]") {
		t.Errorf("reset of a stub: exit status %d:\n%s", res.code, res.stdout)
	}
}
