package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// maxSubmissionFile is the largest learner file a grade accepts.
const maxSubmissionFile = 1 << 20

// An ignoredFile is a file of a submission that the grade did not use.
type ignoredFile struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// workbookFiles lists the workbook's own files: in a git checkout, the tracked files and the
// untracked ones git does not ignore; otherwise every file but .git and the progress file.
func workbookFiles(root string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(root, ".git")); err == nil {
		cmd := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
		if out, err := cmd.Output(); err == nil {
			var files []string
			for _, f := range strings.Split(string(out), "\x00") {
				if f == "" {
					continue
				}
				if fi, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f))); err == nil && fi.Mode().IsRegular() {
					files = append(files, f)
				}
			}
			slices.Sort(files)
			return slices.Compact(files), nil
		}
	}
	files, err := walkFiles(root)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(files, func(f string) bool { return f == progressFile }), nil
}

// copyWorkbook copies the workbook at root (its own files, see workbookFiles) to dst.
func copyWorkbook(root, dst string) error {
	files, err := workbookFiles(root)
	if err != nil {
		return err
	}
	for _, f := range files {
		src := filepath.Join(root, filepath.FromSlash(f))
		fi, err := os.Stat(src)
		if err != nil {
			return err
		}
		if err := copyFile(filepath.Join(dst, filepath.FromSlash(f)), src, fi.Mode()); err != nil {
			return err
		}
	}
	return nil
}

// overlay replaces the learner files of katas/<kata>/ in the workbook copy wb with those in
// src (a folder holding a kata's files): only regular non-test .go files directly in it,
// at most maxSubmissionFile bytes each. It returns the files it copied and those it
// refused.
func overlay(wb, kata, src, shown string) (copied []string, refused []ignoredFile, err error) {
	dst := filepath.Join(wb, "katas", kata)
	old, err := learnerFiles(dst)
	if err != nil {
		return nil, nil, err
	}
	for _, name := range old {
		if err := os.Remove(filepath.Join(dst, name)); err != nil {
			return nil, nil, err
		}
	}
	for d := src; d != filepath.Dir(filepath.Dir(src)); d = filepath.Dir(d) {
		// katas/<kata> and katas must be folders of the submission, not links out of it.
		if fi, err := os.Lstat(d); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return nil, []ignoredFile{{shown, "a symbolic link: refused"}}, nil
		}
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return nil, nil, nil // no folder: nothing submitted
	}
	for _, e := range entries {
		if !isLearnerName(e.Name()) {
			continue
		}
		p := filepath.Join(src, e.Name())
		fi, err := os.Lstat(p)
		if err != nil {
			return nil, nil, err
		}
		rel := shown + "/" + e.Name()
		switch {
		case !fi.Mode().IsRegular():
			refused = append(refused, ignoredFile{rel, "not a regular file (a symbolic link?): refused"})
			continue
		case fi.Size() > maxSubmissionFile:
			refused = append(refused, ignoredFile{rel, fmt.Sprintf("larger than %d bytes: refused", maxSubmissionFile)})
			continue
		}
		if err := copyFile(filepath.Join(dst, e.Name()), p, 0o644); err != nil {
			return nil, nil, err
		}
		copied = append(copied, e.Name())
	}
	return copied, refused, nil
}

// ignoredFiles lists the files of the submission sub that differ from the pristine
// workbook root (or that it lacks) and that a grade does not take: everything but the
// learner files of the workbook's katas.
func ignoredFiles(sub, root string, katas []string) ([]ignoredFile, error) {
	files, err := walkFiles(sub)
	if err != nil {
		return nil, err
	}
	var ignored []ignoredFile
	for _, f := range files {
		parts := strings.Split(f, "/")
		if f == progressFile || isLearnerFile(f) && slices.Contains(katas, parts[1]) {
			continue
		}
		if same, err := sameFile(filepath.Join(sub, filepath.FromSlash(f)), filepath.Join(root, filepath.FromSlash(f))); err != nil {
			return nil, err
		} else if same {
			continue
		}
		reason := "not part of a submission: only non-test .go files in katas/<kata>/ are graded"
		switch {
		case isJudgeFile(f):
			reason = "part of the judge: the workbook's own is used"
		case parts[0] == "katas" && len(parts) > 1 && !slices.Contains(katas, parts[1]):
			reason = "not a kata of this workbook"
		}
		ignored = append(ignored, ignoredFile{f, reason})
	}
	return ignored, nil
}

// sameFile reports whether the submission's file mine has the content of the workbook's
// file theirs (false when theirs does not exist).
func sameFile(mine, theirs string) (bool, error) {
	a, err := os.Stat(mine)
	if err != nil {
		return false, err
	}
	b, err := os.Stat(theirs)
	if err != nil || a.Size() != b.Size() {
		return false, nil
	}
	ha, err := hashFile(mine)
	if err != nil {
		return false, err
	}
	hb, err := hashFile(theirs)
	return err == nil && ha == hb, nil
}

// cgoFile returns the first of files in dir that uses cgo (import "C"), or "". A grade
// refuses them: a kata never needs cgo, and a C compiler would read whatever file of the
// grader's machine an #include names into its error messages, and so into the report.
func cgoFile(dir string, files []string) string {
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				return name
			}
		}
	}
	return ""
}

// suspicious imports: packages a kata never needs and that can reach past the judge
// (end the process, forge its output, patch its memory).
var suspicious = map[string]string{
	"os":            "can end the process or write to the judge's output",
	"os/exec":       "runs programs",
	"os/signal":     "handles signals",
	"syscall":       "makes system calls",
	"unsafe":        "can patch the judge's memory",
	"testing":       "reaches into the test framework",
	"runtime/debug": "changes the runtime's settings",
	"plugin":        "loads code",
	"net":           "uses the network",
	"net/http":      "uses the network",
	"C":             "uses cgo",
	"reflect":       "can read the judge's values",
}

// review lists what a person should look at in a submission's files: imports a kata
// never needs, init functions, go:linkname directives and writes to standard output, the
// ways a submission could forge the judge's verdict from inside its process.
func review(dir string, files []string, module string) []string {
	var notes []string
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			continue // the build reports it
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if why, ok := suspicious[p]; ok {
				notes = append(notes, fmt.Sprintf("%s imports %s (%s)", name, p, why))
			} else if strings.HasPrefix(p, module+"/") {
				notes = append(notes, fmt.Sprintf("%s imports %s (the judge's own code)", name, p))
			}
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
				notes = append(notes, fmt.Sprintf("%s has an init function (runs before the judge)", name))
			}
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//go:linkname") {
					notes = append(notes, fmt.Sprintf("%s uses //go:linkname (reaches into other packages)", name))
				}
			}
		}
		writes := map[string][]string{} // how → lines
		var hows []string
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			how := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				if fn.Name == "print" || fn.Name == "println" {
					how = "standard error with " + fn.Name
				}
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "fmt" && strings.HasPrefix(fn.Sel.Name, "Print") {
					how = "standard output with fmt." + fn.Sel.Name
				}
			}
			if how != "" {
				if writes[how] == nil {
					hows = append(hows, how)
				}
				writes[how] = append(writes[how], strconv.Itoa(fset.Position(call.Pos()).Line))
			}
			return true
		})
		for _, how := range hows {
			lines := "line "
			if len(writes[how]) > 1 {
				lines = "lines "
			}
			notes = append(notes, fmt.Sprintf("%s writes to %s (%s%s), into the judge's output", name, how, lines, strings.Join(writes[how], ", ")))
		}
	}
	return slices.Compact(notes)
}
