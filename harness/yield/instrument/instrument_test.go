package instrument

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `// Package p is a sample.
package p // trailing

import "sync"

type Q struct {
	mu     sync.Mutex
	closed bool
	items  []int
	ch     chan int
}

func (q *Q) Put(x int) bool {
	q.mu.Lock()
	closed := q.closed
	q.mu.Unlock()
	if closed {
		return false
	}
	q.mu.Lock(); q.items = append(q.items, x); q.mu.Unlock()
	if v, ok := <-q.ch; ok { _ = v } else { q.ch <- x }
	for q.isClosed() {
	}
	select {
	case v := <-q.ch: _ = v
	default:
	}
	go func() { q.ch <- 1 }()
	switch q.isClosed() {
	case true:
		panic("p: closed")
	}
	return true
}

func (q *Q) isClosed() bool { q.mu.Lock(); defer q.mu.Unlock(); return q.closed }

func loop() int {
	for {
		work()
	}
}

func work() {}
`

// TestSourceKeepsPositions checks that the instrumented sample compiles as Go syntax,
// calls the yield points where it should, and puts every identifier of the original at its
// own line and column.
func TestSourceKeepsPositions(t *testing.T) {
	out := Source("p.go", []byte(sample))
	if got, want := strings.Count(string(out), point), 20; got != want {
		t.Errorf("%d yield points, want %d:\n%s", got, want, out)
	}
	for _, want := range []string{
		"q.mu.Unlock();" + point, // after the first critical section
		"if closed {\n",          // no yield: the condition does not synchronize
		"panic(\"p: closed\")\n", // a terminating statement stays last
		"work();" + point,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the instrumented file lacks %q:\n%s", want, out)
		}
	}
	samePositions(t, "p.go", []byte(sample), out)
}

// TestSourceWorkbook instruments every Go file of the workbook's katas and solutions and
// checks that it still parses with the same positions.
func TestSourceWorkbook(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	n := 0
	for _, top := range Packages {
		filepath.WalkDir(filepath.Join(root, top), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "testdata") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			samePositions(t, path, src, Source(path, src))
			n++
			return nil
		})
	}
	if n == 0 {
		t.Fatal("no Go files found under katas/ and solutions/")
	}
}

func samePositions(t *testing.T, name string, src, out []byte) {
	t.Helper()
	idents := func(src []byte) (map[string]int, *token.FileSet, []*ast.Ident) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, src)
		}
		var ids []*ast.Ident
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && id.Name != name0 && id.Name != "Point" && id.Name != "Mark" && id.Name != "_" {
				ids = append(ids, id)
			}
			return true
		})
		return nil, fset, ids
	}
	_, fa, a := idents(src)
	_, fb, b := idents(out)
	if len(a) != len(b) {
		t.Fatalf("%s: %d identifiers, instrumented %d", name, len(a), len(b))
	}
	for i := range a {
		pa, pb := fa.Position(a[i].Pos()), fb.Position(b[i].Pos())
		if a[i].Name != b[i].Name || pa.Line != pb.Line || pa.Column != pb.Column || pa.Filename != pb.Filename {
			t.Fatalf("%s: %s at %v is %s at %v once instrumented", name, a[i].Name, pa, b[i].Name, pb)
		}
	}
}

const name0 = name
