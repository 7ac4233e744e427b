// Command kata lists, shows and judges the workbook's katas, and grades a workbook or a student's fork.
//
// Usage:
//
//	kata <command> [arguments]
//
// The commands are:
//
//	list     list the katas with your progress
//	show     print a kata's problem statement
//	hint     print the next (or the N-th) hint of a kata
//	test     judge your solution of a kata (or the reference)
//	watch    judge a kata again on every save of your files
//	interview solve a kata against the clock, then answer follow-up questions
//	grade    judge every kata and write a score table and reports
//	reset    put a kata's stub back
//	verify   check that the judge is byte-identical to the manifest
//	mistakes show a kata's classic mistakes, once you have passed it
//	help     print help about a command
//
// Run "kata help <command>" for more about a command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// An env is the world a command runs in: tests give their own.
type env struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
	dir    string                 // the working directory
	getenv func(string) string    // os.Getenv
	now    func() time.Time       // time.Now
	tty    func(w io.Writer) bool // whether w is a terminal that may get colour and animation
}

// A command is one subcommand, in the style of the go command.
type command struct {
	name  string
	args  string // the usage line after the name
	short string
	long  string
	flags func(fs *flag.FlagSet) any // defines the command's flags; the result is passed to run
	run   func(e *env, opts any, args []string) error
}

var commands []*command

func init() {
	commands = []*command{cmdList, cmdShow, cmdHint, cmdTest, cmdWatch, cmdInterview, cmdMistakes, cmdGrade, cmdReset, cmdVerify, cmdHelp}
}

// exitError ends the program with a code; its message (if any) was printed already, or is
// printed by main.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageErrorf is a usage error: exit status 2.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// errFailed means the command printed its verdict and the result was not a pass: exit 1.
var errFailed = &exitError{code: 1}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "kata:", err)
		os.Exit(1)
	}
	e := &env{ctx: ctx, stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, dir: dir,
		getenv: os.Getenv, now: time.Now, tty: isTerminal}
	os.Exit(run(e, os.Args[1:]))
}

// run runs the command line args (without the program name) and returns the exit status.
func run(e *env, args []string) int {
	if len(args) == 0 {
		printUsage(e.stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "-help" || name == "--help" {
		printUsage(e.stdout)
		return 0
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(e.stderr, "kata %s: unknown command\nRun 'kata help' for usage.\n", name)
		return 2
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var opts any
	if cmd.flags != nil {
		opts = cmd.flags(fs)
	}
	rest, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		printCommandHelp(e.stdout, cmd, fs)
		return 0
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "kata %s: %v\nusage: kata %s %s\nRun 'kata help %s' for details.\n", cmd.name, err, cmd.name, cmd.args, cmd.name)
		return 2
	}
	err = cmd.run(e, opts, rest)
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintf(e.stderr, "kata %s: %s\n", cmd.name, ee.msg)
			if ee.code == 2 {
				fmt.Fprintf(e.stderr, "usage: kata %s %s\n", cmd.name, cmd.args)
			}
		}
		return ee.code
	default:
		fmt.Fprintf(e.stderr, "kata %s: %v\n", cmd.name, err)
		return 1
	}
}

func lookup(name string) *command {
	for _, c := range append(commands, cmdOverlay) { // overlay is for make test, not listed
		if c.name == name {
			return c
		}
	}
	return nil
}

// parseInterspersed parses flags that may come before, between or after the positional
// arguments ("kata test printinorder -v"), and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "kata is the tool of the Go concurrency kata workbook.\n\nUsage:\n\n\tkata <command> [arguments]\n\nThe commands are:\n\n")
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-*s %s\n", width, c.name, c.short)
	}
	fmt.Fprint(w, "\nUse \"kata help <command>\" for more information about a command.\n")
}

func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: kata %s %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.long))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

var cmdHelp = &command{
	name:  "help",
	args:  "[command]",
	short: "print help about a command",
	long:  "Help prints the usage of kata, or of one command.",
	run: func(e *env, _ any, args []string) error {
		switch len(args) {
		case 0:
			printUsage(e.stdout)
			return nil
		case 1:
			c := lookup(args[0])
			if c == nil {
				return usageErrorf("unknown command %q; run 'kata help' for the list", args[0])
			}
			fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
			if c.flags != nil {
				c.flags(fs)
			}
			printCommandHelp(e.stdout, c, fs)
			return nil
		}
		return usageErrorf("too many arguments")
	},
}

// workbook finds the workbook the command runs in.
func (e *env) workbook() (*workbook, error) { return findWorkbook(e.dir) }

// path resolves a path given on the command line against the working directory.
func (e *env) path(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(e.dir, p)
}

// oneKata checks that args name exactly one kata and returns it.
func oneKata(w *workbook, args []string, what string) (kata, error) {
	if len(args) == 0 {
		ks, _ := w.katas()
		return kata{}, usageErrorf("missing kata name; %s: %s", what, strings.Join(names(ks), ", "))
	}
	if len(args) > 1 {
		return kata{}, usageErrorf("too many arguments: %s", strings.Join(args[1:], " "))
	}
	return w.kata(args[0])
}
