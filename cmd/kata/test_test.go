package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestKataTest judges the stub (a failure that records no progress), then a correct answer
// (recorded), then the reference solution.
func TestKataTest(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t)
	c := cli{dir: wb}
	res := c.run(t, "test", "printinorder")
	if res.code != 1 || !strings.Contains(res.stdout, "printinorder: not implemented yet") {
		t.Errorf("test of the stub: exit status %d:\n%s", res.code, res.stdout)
	}
	// Said only when the build cache lacks the race-built standard library (a fresh CI machine).
	golden(t, "test-stub.txt", normalize(strings.Replace(res.stdout, firstBuildNote+"\n", "", 1)))

	// A failure then a pass: the first is recorded here, as kata test would.
	p0 := &progress{Version: 1, Katas: map[string]*kataProgress{}}
	p0.record("printinorder", false, fixedNow)
	if err := p0.save(wb); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(wb, "katas/printinorder/printinorder.go")
	write(t, file, readTestdata(t, "submissions/pass/printinorder.go"))
	res = c.run(t, "test", "printinorder", "-seed", "42", "-checks", "50")
	if res.code != 0 || !regexp.MustCompile(`PASS printinorder: \d+ rules hold`).MatchString(res.stdout) {
		t.Errorf("test of a correct answer: exit status %d:\n%s%s", res.code, res.stdout, res.stderr)
	}
	var p progress
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(wb, progressFile))), &p); err != nil {
		t.Fatal(err)
	}
	if k := p.Katas["printinorder"]; k == nil || k.Attempts != 2 || k.LastResult != statusPass || k.FirstPass == nil {
		t.Errorf("progress after a failure and a pass: %+v", k)
	}
	if res := c.run(t, "list"); !strings.Contains(res.stdout, "passing since 2026-03-14, 0s after the first attempt") {
		t.Errorf("list after a pass:\n%s", res.stdout)
	}

	if res := c.run(t, "test", "printinorder", "-solution", "-v"); res.code != 0 || !strings.Contains(res.stdout, "--- PASS: TestPrintInOrder") {
		t.Errorf("test -solution -v: exit status %d:\n%s", res.code, res.stdout)
	}
}
