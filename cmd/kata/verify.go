package main

import (
	"flag"
	"fmt"
	"path/filepath"
)

type verifyFlags struct {
	update bool
	dir    string
}

var cmdVerify = &command{
	name:  "verify",
	args:  "[-update] [-dir DIR]",
	short: "check that the judge is byte-identical to the manifest",
	long: `Verify checks that the judge — the harness, the katas' test files, go.mod and
go.sum, the Makefile, the CI scripts and workflows, and this tool — is byte-identical
to the workbook's manifest (` + manifestPath + `), and names every file that differs,
is missing, or was added (a new test file in a kata's folder, say). Line ends do not
count: a file checked out with CRLF line ends (git on Windows) reads as LF.

-dir checks another tree (a student's fork) against this workbook's manifest.

-update rewrites the manifest from the files as they are, after checking that every
kata still holds its stub (maintainers only: run it after changing the judge or a stub).`,
	flags: func(fs *flag.FlagSet) any {
		f := &verifyFlags{}
		fs.BoolVar(&f.update, "update", false, "rewrite the manifest from the workbook's files")
		fs.StringVar(&f.dir, "dir", "", "check the tree in `DIR` instead of this workbook")
		return f
	},
	run: runVerify,
}

func runVerify(e *env, opts any, args []string) error {
	f := opts.(*verifyFlags)
	if len(args) > 0 {
		return usageErrorf("verify takes no arguments")
	}
	w, err := e.workbook()
	if err != nil {
		return err
	}
	if f.update {
		if f.dir != "" {
			return usageErrorf("-update rewrites this workbook's manifest; it cannot be used with -dir")
		}
		m, err := computeManifest(w.root)
		if err != nil {
			return err
		}
		if err := m.save(w.root); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s: %d judge files, the stubs of %d katas\n", filepath.FromSlash(manifestPath), len(m.Judge), len(m.Stubs))
		return nil
	}
	m, err := loadManifest(w.root)
	if err != nil {
		return err
	}
	dir := w.root
	if f.dir != "" {
		dir = e.path(f.dir)
	}
	diffs, err := m.diffJudge(dir, f.dir == "")
	if err != nil {
		return err
	}
	pal := palette{on: e.fancy(e.stdout)}
	if len(diffs) == 0 {
		fmt.Fprintf(e.stdout, "%s: the judge matches the manifest (%d files)\n", pal.green("ok"), len(m.Judge))
		return nil
	}
	for _, d := range diffs {
		fmt.Fprintf(e.stdout, "%s: %s\n", pal.red(d.What), filepath.FromSlash(d.Path))
	}
	fmt.Fprintf(e.stdout, "the judge differs from the manifest in %s; restore them (git checkout -- FILE) or, if you maintain the workbook, run: %s\n", plural(len(diffs), "file"), regenerate)
	return errFailed
}
