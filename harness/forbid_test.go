package harness_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gokata/workbook/harness"
)

var (
	noRWMutex = harness.Forbidden{Package: "sync", Name: "RWMutex", Why: "this kata asks you to build one"}
	noXSync   = harness.Forbidden{Package: "golang.org/x/sync/...", Why: "this kata asks you to build one"}
)

func TestFindForbidden(t *testing.T) {
	for _, c := range []struct {
		dir  string
		want []string
	}{
		{"clean", nil},
		{"plain", []string{
			"rwlock.go:6 uses sync.RWMutex; this kata asks you to build one",
			"rwlock.go:11 uses sync.RWMutex; this kata asks you to build one",
		}},
		{"alias", []string{"rwlock.go:9 uses sync.RWMutex; this kata asks you to build one"}},
		{"embed", []string{"rwlock.go:6 uses sync.RWMutex; this kata asks you to build one"}},
		{"typealias", []string{"locks.go:5 uses sync.RWMutex; this kata asks you to build one"}},
		{"dot", []string{"rwlock.go:6 uses sync.RWMutex; this kata asks you to build one"}},
		{"imports", []string{
			"semaphore.go:6 imports golang.org/x/sync/errgroup; this kata asks you to build one",
			"semaphore.go:7 imports golang.org/x/sync/semaphore; this kata asks you to build one",
		}},
		{"tagged", []string{"race.go:7 uses sync.RWMutex; this kata asks you to build one"}},
	} {
		t.Run(c.dir, func(t *testing.T) {
			uses, err := harness.FindForbidden(filepath.Join("testdata", "forbid", c.dir), noRWMutex, noXSync)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range uses {
				got = append(got, u.String())
			}
			if d := harness.Diff(c.want, got); d != "" {
				t.Errorf("FindForbidden(%s) (-want +got):\n%s", c.dir, d)
			}
		})
	}
}

func TestPackageDir(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Dir(wd)
	for pkg, want := range map[string]string{
		"github.com/gokata/workbook":                   root,
		"github.com/gokata/workbook/katas/latch":       filepath.Join(root, "katas", "latch"),
		"github.com/gokata/workbook/harness/latchtest": filepath.Join(root, "harness", "latchtest"),
	} {
		if got, err := harness.PackageDir(pkg); err != nil || got != want {
			t.Errorf("PackageDir(%q) = %q, %v; want %q", pkg, got, err, want)
		}
	}
	if _, err := harness.PackageDir("example.com/elsewhere"); err == nil || !strings.Contains(err.Error(), "not in module") {
		t.Errorf("PackageDir of a package outside the module: err = %v, want one saying so", err)
	}
}

// TestForbidRule runs the rule on a package of this module that uses nothing forbidden.
func TestForbidRule(t *testing.T) {
	harness.Rules(t, harness.ForbidRule(pkg, noRWMutex, noXSync))
}
