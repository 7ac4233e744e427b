package main

import (
	"fmt"
	"path/filepath"
	"strings"
)

var cmdList = &command{
	name:  "list",
	args:  "",
	short: "list the katas with your progress",
	long: `List prints every kata in workbook order: its difficulty (easy, medium or hard),
origin, a one-line summary, and where you are with it: not started, failing, or passing
(with the date of the first pass and the time from the first attempt to it), and your
best interview time (kata interview). Progress is kept in .kata-progress.json in the
workbook, which git ignores; "kata test", "kata watch" and "kata interview" update it.`,
	run: runList,
}

func runList(e *env, _ any, args []string) error {
	if len(args) > 0 {
		return usageErrorf("list takes no arguments")
	}
	w, err := e.workbook()
	if err != nil {
		return err
	}
	ks, err := w.katas()
	if err != nil {
		return err
	}
	if len(ks) == 0 {
		fmt.Fprintln(e.stdout, "no katas yet (a kata is a folder katas/<name>/ with a README.md)")
		return nil
	}
	prog, err := loadProgress(w.root)
	if err != nil {
		return err
	}
	m, _ := loadManifest(w.root)
	pal := palette{on: e.fancy(e.stdout)}
	width, dwidth := 0, 0
	for _, k := range ks {
		width = max(width, len(k.name))
		dwidth = max(dwidth, len(k.difficulty))
	}
	for i, k := range ks {
		stub, known := m.isStub(k.name, filepath.Join(w.root, "katas", k.name))
		kp := prog.Katas[k.name]
		status := kp.describe(stub || !known) + kp.interviewNote()
		diff := ""
		if dwidth > 0 {
			diff = k.difficulty + strings.Repeat(" ", dwidth-len(k.difficulty)) + "  "
		}
		fmt.Fprintf(e.stdout, "%2d. %s%s  %s%s\n", i+1, pal.bold(k.name), strings.Repeat(" ", width-len(k.name)), diff, colourProgress(pal, status))
		about := k.origin
		switch {
		case k.summary != "" && k.origin != "":
			about = clip(k.summary, 90) + " (" + k.origin + ")"
		case k.summary != "":
			about = clip(k.summary, 90)
		}
		fmt.Fprintf(e.stdout, "    %s\n", pal.dim(about))
	}
	fmt.Fprintf(e.stdout, "\nkata show NAME for a problem, kata test NAME to judge your solution.\n")
	return nil
}

func colourProgress(p palette, s string) string {
	switch {
	case len(s) >= 7 && s[:7] == "passing":
		return p.green(s)
	case len(s) >= 7 && s[:7] == "failing":
		return p.red(s)
	}
	return s
}
