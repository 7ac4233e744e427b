package main

import (
	"flag"
	"fmt"

	"github.com/gokata/workbook/harness/yield/instrument"
)

// cmdOverlay is for the Makefile (make test), not for learners, so kata help does not
// list it: it instruments the workbook's katas and solutions with yield points and prints
// the path of the overlay file to pass to go test -overlay.
var cmdOverlay = &command{
	name:  "overlay",
	args:  "[-dir DIR]",
	short: "instrument the katas and solutions with yield points; print the go -overlay file",
	long: `Overlay writes the workbook's katas and solutions (every non-test .go file under
katas/ and solutions/) with yield points inserted, as the judge compiles them, and prints
the path of the overlay file to give go test: go test -race -overlay=$(kata overlay) ...
kata test and kata grade do this themselves; make test uses it.`,
	flags: func(fs *flag.FlagSet) any {
		return fs.String("dir", "", "write the instrumented files into `DIR` (default: the user's cache)")
	},
	run: func(e *env, opts any, args []string) error {
		if len(args) > 0 {
			return usageErrorf("unexpected arguments")
		}
		w, err := e.workbook()
		if err != nil {
			return err
		}
		dir := *opts.(*string)
		if dir == "" {
			dir = instrument.Dir()
		}
		o, err := instrument.Make(w.root, e.path(dir))
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, o.Path)
		return nil
	},
}
