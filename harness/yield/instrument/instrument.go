// Package instrument inserts yield points (calls of package yield) into the learner's Go files, for the judge's go build -overlay.
//
// Every insertion goes on the line of the code it follows, and an inline line directive
// after it puts the rest of the line back at its own column, so that compiler errors,
// panics, race reports and goroutine listings name the learner's file, line and column as
// written.
//
// Yield points go after each simple statement that calls a function or method (other
// than a builtin) or receives from or sends on a channel (lock and unlock, sync.Cond,
// sync.WaitGroup, atomics, channel operations, the learner's own helpers...), after each
// go statement, at the start of every function body, of every select case, of every
// range loop's body, and of the bodies of if, for and switch statements whose header
// calls or receives.
package instrument

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ImportPath is the package the inserted calls call.
const ImportPath = "github.com/gokata/workbook/harness/yield"

// HookFile is the hook package's file, relative to the workbook's root.
const HookFile = "harness/yield/yield.go"

// name is the inserted import's name, chosen not to clash with the learner's.
const name = "__kataYield"

const point = name + ".Point()"

type insertion struct {
	off  int
	text string
}

// Source returns the file src (named filename) with yield points, or src unchanged when
// it has no function body or does not parse (the compiler then reports the learner's
// error on the original). The lines of the result are those of src.
func Source(filename string, src []byte) []byte {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return src
	}
	tf := fset.File(f.Pos())
	var ins []insertion
	// resume puts what follows offset off back at its own line and column.
	resume := func(off int) string {
		p := tf.Position(tf.Pos(off))
		return fmt.Sprintf("/*line :%d:%d*/", p.Line, p.Column)
	}
	atStart := func(pos token.Pos) { // just after pos ('{' or ':')
		off := tf.Offset(pos) + 1
		ins = append(ins, insertion{off, point + ";" + resume(off)})
	}
	after := func(s ast.Stmt) {
		off := tf.Offset(s.End())
		ins = append(ins, insertion{off, ";" + point + resume(off)})
	}
	list := func(stmts []ast.Stmt) {
		for _, s := range stmts {
			if yieldsAfter(s) {
				after(s)
			}
		}
	}
	block := func(b *ast.BlockStmt) {
		if b != nil {
			atStart(b.Lbrace)
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			block(n.Body)
		case *ast.FuncLit:
			block(n.Body)
		case *ast.BlockStmt:
			list(n.List)
		case *ast.CaseClause:
			list(n.Body)
		case *ast.CommClause:
			atStart(n.Colon)
			list(n.Body)
		case *ast.RangeStmt:
			block(n.Body)
		case *ast.ForStmt:
			if syncs(n.Init) || syncs(n.Cond) || syncs(n.Post) {
				block(n.Body)
			}
		case *ast.IfStmt:
			if syncs(n.Init) || syncs(n.Cond) {
				block(n.Body)
				if b, ok := n.Else.(*ast.BlockStmt); ok {
					block(b)
				}
			}
		case *ast.SwitchStmt:
			if syncs(n.Init) || syncs(n.Tag) {
				for _, c := range n.Body.List {
					atStart(c.(*ast.CaseClause).Colon)
				}
			}
		case *ast.TypeSwitchStmt:
			if syncs(n.Init) || syncs(n.Assign) {
				for _, c := range n.Body.List {
					atStart(c.(*ast.CaseClause).Colon)
				}
			}
		}
		return true
	})
	if len(ins) == 0 {
		return src
	}
	// The import goes on the package clause's line, the marker after the last line.
	off := tf.Offset(f.Name.End())
	ins = append(ins, insertion{off, fmt.Sprintf("; import %s %q", name, ImportPath) + resume(off)})
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].off < ins[j].off })
	var b bytes.Buffer
	last := 0
	for _, in := range ins {
		b.Write(src[last:in.off])
		b.WriteString(in.text)
		last = in.off
	}
	b.Write(src[last:])
	if !bytes.HasSuffix(src, []byte("\n")) {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\nvar _ = %s.Mark()\n", name)
	return b.Bytes()
}

// yieldsAfter reports whether a yield point goes after the statement s of a list.
func yieldsAfter(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.GoStmt, *ast.SendStmt:
		return true
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return false // a terminating statement must stay last
			}
		}
		return syncs(s)
	case *ast.AssignStmt, *ast.DeclStmt, *ast.IncDecStmt:
		return syncs(s)
	}
	return false
}

var builtins = map[string]bool{
	"append": true, "cap": true, "clear": true, "complex": true, "copy": true, "delete": true,
	"imag": true, "len": true, "make": true, "max": true, "min": true, "new": true,
	"print": true, "println": true, "real": true,
}

// syncs reports whether n (not counting the bodies of function literals) calls a
// function that is not a builtin, or sends or receives on a channel.
func syncs(n ast.Node) bool {
	if n == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); !ok || !builtins[id.Name] {
				found = true
			}
		case *ast.UnaryExpr:
			found = n.Op == token.ARROW
		case *ast.SendStmt:
			found = true
		}
		return !found
	})
	return found
}

// Packages are the folders, relative to the workbook's root, whose Go files the judge
// instruments: every package of the learner's stubs and of the solutions and their
// variants, found when the judge is built, so that a new kata needs nothing.
var Packages = []string{"katas", "solutions"}

// An Overlay is the instrumented copy of a workbook's code.
type Overlay struct {
	Path    string            // the file to pass to go build -overlay
	Replace map[string]string // original file -> instrumented copy (absolute paths)
	root    string
}

// Unmap replaces the instrumented copies' paths in the go command's output (compiler
// errors name them) by the original files' paths relative to the workbook's root, as the
// go command shows them without an overlay.
func (o *Overlay) Unmap(output string) string {
	for orig, copy := range o.Replace {
		if !strings.Contains(output, copy) {
			continue
		}
		rel, err := filepath.Rel(o.root, orig)
		if err != nil {
			rel = orig
		}
		output = strings.ReplaceAll(output, copy, rel)
	}
	return output
}

// Make instruments every non-test .go file under root's Packages folders (skipping
// testdata and hidden folders), writes the instrumented files into dir, named by their
// content, and writes there the overlay file for go build -overlay. Files already in dir
// are reused, so paths, and the build cache, stay stable. A workbook without the hook
// package gets an empty overlay.
func Make(root, dir string) (*Overlay, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	replace := map[string]string{}
	tops := Packages
	if _, err := os.Stat(filepath.Join(root, HookFile)); err != nil {
		tops = nil // a workbook without the hook package: nothing to call, nothing to insert
	}
	for _, top := range tops {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				if n := d.Name(); path != filepath.Join(root, top) && (n == "testdata" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
					return filepath.SkipDir
				}
				return nil
			}
			n := d.Name()
			if !d.Type().IsRegular() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out := Source(path, src)
			if bytes.Equal(out, src) {
				return nil
			}
			p, err := store(dir, n, out)
			if err != nil {
				return err
			}
			replace[path] = p
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	js, err := json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "\t")
	if err != nil {
		return nil, err
	}
	p, err := store(dir, "overlay.json", js)
	if err != nil {
		return nil, err
	}
	return &Overlay{Path: p, Replace: replace, root: root}, nil
}

// store writes data into dir under a name made of its hash and base, unless it is
// there already, and returns the file's path.
func store(dir, base string, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	p := filepath.Join(dir, hex.EncodeToString(sum[:10])+"-"+base)
	if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
		return p, nil
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return p, nil
}

// Dir is the default folder of the instrumented files: in the user's cache, or in the
// temporary folder when there is no writable cache.
func Dir() string {
	if d, err := os.UserCacheDir(); err == nil {
		d = filepath.Join(d, "gokata", "yield")
		if os.MkdirAll(d, 0o755) == nil {
			return d
		}
	}
	return filepath.Join(os.TempDir(), "gokata-yield")
}
