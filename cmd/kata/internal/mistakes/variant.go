// Package mistakes shows a kata's known-bad variants as a gallery of classic mistakes.
package mistakes

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNoVariants means that a kata has no folder of known-bad variants.
var ErrNoVariants = errors.New("no known-bad variants")

// A Variant is one known-bad implementation of a kata: a folder
// solutions/<kata>/variants/bad/<name>/ whose package comment says what is wrong with it
// ("Bug: ...") and what the judge says about it ("Verdict: ...").
type Variant struct {
	Kata       string
	Name       string // "leak": the folder's name; the judge's driver calls it "bad/leak"
	Dir        string // the folder, absolute
	Files      []File // its non-test .go files, by name
	Bug        string // why it is wrong, from the "Bug:" part of its package comment
	Documented string // the verdict its comment documents, from the "Verdict:" part
}

// A File is one source file of a variant or of the reference.
type File struct {
	Name string // base name
	Text string // with LF line ends
}

// ID is the variant's name for the judge's driver (KATA_VARIANT): "bad/leak".
func (v Variant) ID() string { return "bad/" + v.Name }

// Find returns the known-bad variants of kata in the workbook at root, by name, read
// from solutions/<kata>/variants/bad/ as they are now. It returns an error wrapping
// ErrNoVariants when that folder does not exist or holds no variant.
func Find(root, kata string) ([]Variant, error) {
	dir := filepath.Join(root, "solutions", kata, "variants", "bad")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has %w (no folder %s)", kata, ErrNoVariants, rel(root, dir))
	}
	if err != nil {
		return nil, err
	}
	var vs []Variant
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		v := Variant{Kata: kata, Name: e.Name(), Dir: filepath.Join(dir, e.Name())}
		if v.Files, err = goFiles(v.Dir); err != nil {
			return nil, err
		}
		if len(v.Files) == 0 {
			continue // not a variant (yet)
		}
		for _, f := range v.Files {
			if doc := packageDoc(f); doc != "" {
				v.Bug, v.Documented = splitDoc(doc)
				break
			}
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s has %w (%s is empty)", kata, ErrNoVariants, rel(root, dir))
	}
	return vs, nil
}

// Reference returns the reference solution's non-test .go files, solutions/<kata>/.
func Reference(root, kata string) ([]File, error) {
	return goFiles(filepath.Join(root, "solutions", kata))
}

// goFiles reads the non-test .go files of dir, sorted by name.
func goFiles(dir string) ([]File, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: n, Text: strings.ReplaceAll(string(b), "\r\n", "\n")})
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return files, nil
}

// packageDoc returns the text of f's package comment, or "".
func packageDoc(f File) string {
	af, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Text, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil || af.Doc == nil {
		return ""
	}
	return af.Doc.Text()
}

// splitDoc reads "Bug: ..." and "Verdict: ..." from a variant's package comment, each as
// one line of text. Either is "" when the comment lacks it.
func splitDoc(doc string) (bug, verdict string) {
	doc = strings.Join(strings.Fields(doc), " ")
	b := strings.Index(doc, "Bug:")
	v := strings.Index(doc, "Verdict:")
	if v >= 0 {
		verdict = strings.TrimSuffix(strings.TrimSpace(doc[v+len("Verdict:"):]), ".")
	}
	if b >= 0 {
		end := len(doc)
		if v > b {
			end = v
		}
		bug = strings.TrimSpace(doc[b+len("Bug:") : end])
	}
	return bug, verdict
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return r + string(filepath.Separator)
	}
	return p
}
