package harness

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// A Forbidden is an API that a kata forbids because it would make the kata trivial:
// sync.RWMutex in a kata that asks for a read-write lock.
type Forbidden struct {
	// Package is the import path ("sync"), or a path followed by "/..." for every package
	// under it ("golang.org/x/sync/...").
	Package string
	// Name is a package-level name of Package ("RWMutex"); empty forbids importing the
	// package at all.
	Name string
	// Why ends the verdict: "this kata asks you to build one".
	Why string
}

// String names the API: "sync.RWMutex", "golang.org/x/sync/...".
func (f Forbidden) String() string {
	if f.Name == "" {
		return f.Package
	}
	return f.Package + "." + f.Name
}

func (f Forbidden) matches(importPath string) bool {
	if prefix, ok := strings.CutSuffix(f.Package, "/..."); ok {
		return importPath == prefix || strings.HasPrefix(importPath, prefix+"/")
	}
	return importPath == f.Package
}

// A Use is a place in a learner's file where a forbidden API is used.
type Use struct {
	File      string // the file's base name
	Line      int
	Forbidden Forbidden
	Imported  string // for a forbidden package: the import path as written
}

// String is the verdict for the use: "rwlock.go:12 uses sync.RWMutex; this kata asks
// you to build one".
func (u Use) String() string {
	what := "uses " + u.Forbidden.String()
	if u.Forbidden.Name == "" {
		what = "imports " + u.Imported
	}
	msg := fmt.Sprintf("%s:%d %s", u.File, u.Line, what)
	if u.Forbidden.Why != "" {
		msg += "; " + u.Forbidden.Why
	}
	return msg
}

// ForbidRule returns the rule "shortcuts", which fails when the learner's package pkg (an
// import path, from PackageOf) uses one of the forbidden APIs. Put it first.
func ForbidRule(pkg string, forbidden ...Forbidden) Rule {
	return Rule{Name: "shortcuts", Check: func(t *testing.T) { Forbid(t, pkg, forbidden...) }}
}

// Forbid fails t when a non-test .go file of package pkg (an import path of the module
// the test runs in) uses one of the forbidden APIs: it imports a forbidden package, or
// names a forbidden name of its package (sync.RWMutex, through any import name, in a
// type, an embedded field, a type alias or an expression; or RWMutex after a dot
// import). The first line of the verdict names the file, the line and the rule.
func Forbid(t *testing.T, pkg string, forbidden ...Forbidden) {
	t.Helper()
	dir, err := PackageDir(pkg)
	if err != nil {
		t.Fatalf("harness: cannot check for forbidden APIs: %v", err)
	}
	uses, err := FindForbidden(dir, forbidden...)
	if err != nil {
		t.Fatalf("harness: cannot check for forbidden APIs: %v", err)
	}
	if len(uses) == 0 {
		return
	}
	var b strings.Builder
	b.WriteString(uses[0].String())
	for _, u := range uses[1:] {
		b.WriteString("\n  also: " + u.String())
	}
	b.WriteString("\n  (the judge does not run code that takes this shortcut: remove it and build the real thing)")
	t.Fatal(b.String())
}

// PackageDir returns the folder of package pkg, an import path of the module that holds
// the current directory (go test runs a test binary in its package's folder). It reads
// go.mod and never runs the go command.
func PackageDir(pkg string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if module, err := modulePath(filepath.Join(d, "go.mod")); err == nil {
			switch {
			case pkg == module:
				return d, nil
			case strings.HasPrefix(pkg, module+"/"):
				return filepath.Join(d, filepath.FromSlash(strings.TrimPrefix(pkg, module+"/"))), nil
			}
			return "", fmt.Errorf("package %s is not in module %s (%s)", pkg, module, d)
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod in %s or above", wd)
		}
	}
}

func modulePath(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", errors.New(gomod + ": no module line")
}

// FindForbidden returns the uses of forbidden APIs in the non-test .go files of the
// package in dir that the build would compile (with or without the race detector), in
// file and line order.
func FindForbidden(dir string, forbidden ...Forbidden) ([]Use, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	plain, race := build.Default, build.Default
	race.BuildTags = append(append([]string(nil), race.BuildTags...), "race")
	var uses []Use
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		ok1, err1 := plain.MatchFile(dir, name)
		ok2, err2 := race.MatchFile(dir, name)
		if err1 == nil && err2 == nil && !ok1 && !ok2 {
			continue
		}
		fileUses, err := findInFile(filepath.Join(dir, name), forbidden)
		if err != nil {
			return nil, err
		}
		uses = append(uses, fileUses...)
	}
	sort.SliceStable(uses, func(i, j int) bool {
		if uses[i].File != uses[j].File {
			return uses[i].File < uses[j].File
		}
		return uses[i].Line < uses[j].Line
	})
	return uses, nil
}

func findInFile(file string, forbidden []Forbidden) ([]Use, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(file)
	var uses []Use
	at := func(n ast.Node, fb Forbidden, imported string) {
		uses = append(uses, Use{File: base, Line: fset.Position(n.Pos()).Line, Forbidden: fb, Imported: imported})
	}
	// names maps an import name of this file to the forbidden names of its package;
	// dotted holds the forbidden names brought in by dot imports.
	names := map[string]map[string]Forbidden{}
	dotted := map[string]Forbidden{}
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		local := defaultName(p)
		if spec.Name != nil {
			local = spec.Name.Name
		}
		for _, fb := range forbidden {
			if !fb.matches(p) {
				continue
			}
			switch {
			case fb.Name == "":
				at(spec, fb, p)
			case local == ".":
				dotted[fb.Name] = fb
			case local != "_":
				if names[local] == nil {
					names[local] = map[string]Forbidden{}
				}
				names[local][fb.Name] = fb
			}
		}
	}
	if len(names) == 0 && len(dotted) == 0 {
		return uses, nil
	}
	declared := map[*ast.Ident]bool{} // identifiers that declare a name: not uses
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok {
				if fb, ok := names[x.Name][n.Sel.Name]; ok {
					at(n, fb, "")
				}
			}
			ast.Inspect(n.X, visit)
			return false // n.Sel is a field or method name, never a dot-imported name
		case *ast.Field:
			for _, id := range n.Names {
				declared[id] = true
			}
		case *ast.TypeSpec:
			declared[n.Name] = true
		case *ast.ValueSpec:
			for _, id := range n.Names {
				declared[id] = true
			}
		case *ast.FuncDecl:
			declared[n.Name] = true
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, e := range n.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						declared[id] = true
					}
				}
			}
		case *ast.KeyValueExpr:
			if _, ok := n.Key.(*ast.Ident); ok {
				ast.Inspect(n.Value, visit) // a struct literal's field name is not a use
				return false
			}
		case *ast.Ident:
			if fb, ok := dotted[n.Name]; ok && !declared[n] {
				at(n, fb, "")
			}
		}
		return true
	}
	for _, d := range f.Decls {
		ast.Inspect(d, visit)
	}
	return uses, nil
}

var versionElem = regexp.MustCompile(`^v[0-9]+$`)

// defaultName guesses the name a package is imported under when the import does not
// name it: the last element of its path, without a major version element ("/v2") or
// a suffix after a dot or dash ("yaml.v3", "go-cmp").
func defaultName(importPath string) string {
	elems := strings.Split(importPath, "/")
	last := elems[len(elems)-1]
	if versionElem.MatchString(last) && len(elems) > 1 {
		last = elems[len(elems)-2]
	}
	last = strings.TrimPrefix(last, "go-")
	if i := strings.IndexAny(last, ".-"); i > 0 {
		last = last[:i]
	}
	return path.Base(last)
}
