package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

type resetFlags struct{ force bool }

var cmdReset = &command{
	name:  "reset",
	args:  "NAME [-force]",
	short: "put a kata's stub back",
	long: `Reset puts the pristine stub of a kata back in katas/NAME/ (from the workbook's
manifest) and forgets your progress on it, but for your interview scorecards. Before it
throws away a file that is not the stub (your edited solution, or a file you added), it
lists them and asks; -force does not ask.`,
	flags: func(fs *flag.FlagSet) any {
		f := &resetFlags{}
		fs.BoolVar(&f.force, "force", false, "throw away your files without asking")
		return f
	},
	run: runReset,
}

func runReset(e *env, opts any, args []string) error {
	f := opts.(*resetFlags)
	w, err := e.workbook()
	if err != nil {
		return err
	}
	k, err := oneKata(w, args, "reset which kata? the katas are")
	if err != nil {
		return err
	}
	m, err := loadManifest(w.root)
	if err != nil {
		return err
	}
	stubs := m.Stubs[k.name]
	if len(stubs) == 0 {
		return fmt.Errorf("the manifest has no stub for %s; regenerate it with: %s", k.name, regenerate)
	}
	dir := filepath.Join(w.root, "katas", k.name)
	have, err := learnerFiles(dir)
	if err != nil {
		return err
	}
	var doomed []string // files with the learner's work in them
	for _, name := range have {
		i := slices.IndexFunc(stubs, func(s stubFile) bool { return path.Base(s.Path) == name })
		if i < 0 {
			doomed = append(doomed, filepath.Join("katas", k.name, name)+" (a file you added: removed)")
			continue
		}
		if sum, err := hashFile(filepath.Join(dir, name)); err != nil || sum != stubs[i].SHA256 {
			doomed = append(doomed, filepath.Join("katas", k.name, name)+" (edited: the stub replaces it)")
		}
	}
	if len(doomed) > 0 && !f.force {
		fmt.Fprintf(e.stdout, "These files hold your work:\n  %s\nThrow it away and put the stub back? [y/N] ", strings.Join(doomed, "\n  "))
		answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(e.stdout, "Nothing changed.")
			return errFailed
		}
	}
	for _, name := range have {
		if !slices.ContainsFunc(stubs, func(s stubFile) bool { return path.Base(s.Path) == name }) {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	for _, s := range stubs {
		if err := os.WriteFile(filepath.Join(w.root, filepath.FromSlash(s.Path)), []byte(s.Content), 0o644); err != nil {
			return err
		}
	}
	prog, err := loadProgress(w.root)
	if err != nil {
		return err
	}
	if kp, ok := prog.Katas[k.name]; ok {
		delete(prog.Katas, k.name)
		if len(kp.Interviews) > 0 { // a fresh start for the next interview, best time kept
			prog.Katas[k.name] = &kataProgress{Interviews: kp.Interviews}
		}
		if err := prog.save(w.root); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "%s: the stub is back; kata show %s to read the problem again.\n", k.name, k.name)
	return nil
}
