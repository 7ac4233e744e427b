package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestManifestUpToDate fails when the workbook's judge or stubs changed since the manifest
// was written: whoever changed them regenerates it.
func TestManifestUpToDate(t *testing.T) {
	root := repoRoot(t)
	want, err := computeManifest(root)
	if err != nil {
		t.Fatalf("%v\nThe manifest can only be regenerated from stubs.", err)
	}
	have, err := loadManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	var stale []string
	for p, sum := range want.Judge {
		if have.Judge[p] != sum {
			stale = append(stale, p)
		}
	}
	for p := range have.Judge {
		if _, ok := want.Judge[p]; !ok {
			stale = append(stale, p+" (gone)")
		}
	}
	for k, files := range want.Stubs {
		if fmt.Sprint(have.Stubs[k]) != fmt.Sprint(files) {
			stale = append(stale, "the stub of "+k)
		}
	}
	for k := range have.Stubs {
		if _, ok := want.Stubs[k]; !ok {
			stale = append(stale, "the stub of "+k+" (gone)")
		}
	}
	slices.Sort(stale)
	if len(stale) > 0 {
		t.Errorf("%s is stale: the judge or the stubs changed since it was written:\n\t%s\nRegenerate it from the workbook's root with:\n\t%s", manifestPath, strings.Join(stale, "\n\t"), regenerate)
	}
}

func TestVerify(t *testing.T) {
	wb := newWorkbook(t)
	c := cli{dir: wb}
	if res := c.run(t, "verify"); res.code != 0 || !strings.Contains(res.stdout, "ok: the judge matches the manifest") {
		t.Fatalf("verify of a pristine workbook: exit status %d:\n%s%s", res.code, res.stdout, res.stderr)
	}
	// The learner's own files are not the judge.
	write(t, filepath.Join(wb, "katas/printinorder/printinorder.go"), readTestdata(t, "submissions/pass/printinorder.go"))
	write(t, filepath.Join(wb, "katas/printinorder/helper.go"), "package printinorder\n")
	if res := c.run(t, "verify"); res.code != 0 {
		t.Errorf("verify after editing the learner's files: exit status %d:\n%s", res.code, res.stdout)
	}

	// Edit the judge: every change is named.
	write(t, filepath.Join(wb, "harness/printinordertest/check.go"), readTestdata(t, "submissions/tampered/harness/check.go"))
	write(t, filepath.Join(wb, "katas/printinorder/zz_test.go"), "package printinorder\n")
	os.Remove(filepath.Join(wb, "Makefile"))
	res := c.run(t, "verify")
	for _, want := range []string{"modified: harness/printinordertest/check.go", "added: katas/printinorder/zz_test.go", "missing: Makefile", "differs from the manifest in 3 files"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("verify output lacks %q:\n%s", want, res.stdout)
		}
	}
	if res.code != 1 {
		t.Errorf("exit status %d, want 1", res.code)
	}

	// -dir checks another tree against this workbook's manifest.
	fork := newWorkbook(t)
	write(t, filepath.Join(fork, "go.sum"), "tampered\n")
	if res := c.run(t, "verify", "-dir", fork); res.code != 1 || !strings.Contains(res.stdout, "modified: go.sum") {
		t.Errorf("verify -dir: exit status %d:\n%s", res.code, res.stdout)
	}
}

func TestVerifyUpdate(t *testing.T) {
	wb := newWorkbook(t)
	c := cli{dir: wb}
	write(t, filepath.Join(wb, "harness/printinordertest/extra.go"), "package printinordertest\n")
	if res := c.run(t, "verify", "-update"); res.code != 0 {
		t.Fatalf("verify -update: exit status %d: %s", res.code, res.stderr)
	}
	if res := c.run(t, "verify"); res.code != 0 {
		t.Errorf("verify after -update: exit status %d:\n%s", res.code, res.stdout)
	}
	// A solved kata is not a stub: -update refuses to record it.
	write(t, filepath.Join(wb, "katas/printinorder/printinorder.go"), readTestdata(t, "submissions/pass/printinorder.go"))
	if res := c.run(t, "verify", "-update"); res.code != 1 || !strings.Contains(res.stderr, "do not hold their stubs") {
		t.Errorf("verify -update over a solved kata: exit status %d: %s", res.code, res.stderr)
	}
}

func TestJudgeFiles(t *testing.T) {
	for p, want := range map[string]bool{
		"go.mod": true, "Makefile": true, "harness/check.go": true, "harness/printinordertest/check.go": true,
		"katas/latch/latch_test.go": true, "katas/latch/latch.go": false, "katas/latch/README.md": false,
		"katas/latch/testdata/x": true, ".github/workflows/grade.yml": true, ".ci/run": true,
		"cmd/kata/grade.go": true, "cmd/kata/grade_test.go": false, "cmd/kata/testdata/x.go": false,
		"cmd/kata/manifest.json": false, "solutions/latch/latch.go": false, "README.md": false,
		"harness/latchtest/testdata/rapid/TestX/TestX-1.fail": false, "katas/latch/testdata/rapid/x.fail": false,
	} {
		if got := isJudgeFile(p); got != want {
			t.Errorf("isJudgeFile(%q) = %v, want %v", p, got, want)
		}
	}
}
