package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/sandbox"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An attack is a fixture of testdata/submissions: an attack.go that tries to harm the
// grader from its init function, graded beside the correct solution of
// testdata/submissions/attacked, which crashes in its First if the attack got through.
type attack struct {
	kata string
	safe bool // safe to grade outside the sandbox (to see that the attack works there)
}

var attacks = []attack{{"network", true}, {"home", true}, {"write", true}, {"procs", false}}

// A target is what the attacks aim at: the grader's listener, home, checkout and /tmp.
type target struct {
	wb, home, tmpFile, mark string
	ln                      net.Listener
	connections             atomic.Int32
}

func newTarget(t *testing.T) *target {
	tg := &target{wb: newWorkbook(t, "network", "home", "write", "procs"), home: t.TempDir()}
	// A temporary folder of the grader's own, outside the grade's.
	tg.tmpFile = filepath.Join(t.TempDir(), "pwned")
	tg.mark = fmt.Sprintf("%d.%06d", 1000+os.Getpid()%1000, time.Now().UnixNano()%1000000)
	write(t, filepath.Join(tg.home, "secret"), "the grader's deploy key")
	write(t, filepath.Join(tg.wb, ".git/config"), "[remote \"origin\"]\n\turl = git@example.com:teacher/workbook.git\n")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	tg.ln = ln
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			tg.connections.Add(1)
			c.Close()
		}
	}()
	return tg
}

// submission writes a fork holding the correct printinorder and the attacks.
func (tg *target) submission(t *testing.T, attacks []attack) string {
	sub := t.TempDir()
	write(t, filepath.Join(sub, "katas/printinorder/printinorder.go"), readTestdata(t, "submissions/pass/printinorder.go"))
	_, port, _ := net.SplitHostPort(tg.ln.Addr().String())
	r := strings.NewReplacer("@PORT@", port, "@HOME@", tg.home, "@CHECKOUT@", tg.wb, "@TMPFILE@", tg.tmpFile, "@MARK@", tg.mark)
	for _, a := range attacks {
		write(t, filepath.Join(sub, "katas", a.kata, "printinorder.go"), readTestdata(t, "submissions/attacked/printinorder.go"))
		write(t, filepath.Join(sub, "katas", a.kata, "attack.go"), r.Replace(readTestdata(t, "submissions/"+a.kata+"/attack.go")))
	}
	return sub
}

// grade grades the fork sub and returns the report and the result of the command.
func (tg *target) grade(t *testing.T, sub string, args ...string) (*report, result) {
	t.Helper()
	j := filepath.Join(t.TempDir(), "r.json")
	args = append([]string{"grade", "-submission", sub, "-timeout", "30s", "-json", j}, args...)
	res := cli{dir: tg.wb, env: map[string]string{"HOME": tg.home}}.run(t, args...)
	var rep report
	require.FileExists(t, j, "no report: exit status %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	require.NoError(t, json.Unmarshal([]byte(readFile(t, j)), &rep), "stdout:\n%s\nstderr:\n%s", res.stdout, res.stderr)
	validateSchema(t, "schema/grade-report.schema.json", readFile(t, j))
	return &rep, res
}

// TestGradeSandbox grades, in the sandbox, a fork whose katas attack the grader: one
// connects to a listener of the grader's on 127.0.0.1, one reads a file of the grader's
// home and its checkout's .git, one writes into the checkout and into /tmp, one starts
// processes in a loop. Each must fail (then its kata passes), and the correct kata
// beside them passes. Outside the sandbox the three safe attacks must succeed, or the
// test would prove nothing.
func TestGradeSandbox(t *testing.T) {
	t.Parallel()
	if err := (&sandbox.Spec{Writable: []string{t.TempDir()}}).Check(); err != nil {
		t.Skipf("no sandbox here: %v", err)
	}
	tg := newTarget(t)
	start := time.Now()
	rep, res := tg.grade(t, tg.submission(t, attacks), "-sandbox=require")
	t.Logf("graded in the sandbox in %v:\n%s%s", time.Since(start).Round(100*time.Millisecond), res.stdout, res.stderr)
	assert.Equal(t, 0, res.code, "exit status")
	assert.Equal(t, sandboxState{State: sandboxOn}, rep.Sandbox)
	for _, k := range rep.Katas {
		assert.Equal(t, statusPass, k.Status, "%s: %s\n%s", k.Name, k.Message, k.Details)
		assert.Less(t, k.Seconds, 20.0, "%s: the grade of a kata took %.1fs", k.Name, k.Seconds)
	}
	assert.Zero(t, tg.connections.Load(), "connections to the grader's listener")
	assert.NoFileExists(t, filepath.Join(tg.wb, "pwned.go"))
	assert.NoFileExists(t, tg.tmpFile)
	assert.Zero(t, sleeping(tg.mark), "processes of the sandbox left running")

	// The control: outside the sandbox, the safe attacks get through.
	var safe []attack
	for _, a := range attacks {
		if a.safe {
			safe = append(safe, a)
		}
	}
	rep, res = tg.grade(t, tg.submission(t, safe), "-sandbox=off")
	assert.Equal(t, 1, res.code, "exit status outside the sandbox")
	assert.Equal(t, sandboxState{State: sandboxDisabled}, rep.Sandbox)
	assert.Contains(t, res.stdout, "sandbox: off")
	for _, k := range rep.Katas {
		want, msg := statusFail, "panicked: escaped: "
		switch k.Name {
		case "printinorder":
			want, msg = statusPass, ""
		case "procs":
			want, msg = statusNotAttempted, ""
		}
		assert.Equal(t, want, k.Status, "%s outside the sandbox: %s", k.Name, k.Message)
		assert.Contains(t, k.Message, msg, k.Name)
	}
	assert.Positive(t, tg.connections.Load(), "connections to the grader's listener outside the sandbox")
	assert.FileExists(t, filepath.Join(tg.wb, "pwned.go"))
	assert.FileExists(t, tg.tmpFile)
}

// sleeping counts the processes of the machine that run "sleep mark".
func sleeping(mark string) int {
	n := 0
	files, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, f := range files {
		if b, _ := os.ReadFile(f); string(b) == "sleep\x00"+mark+"\x00" {
			n++
		}
	}
	return n
}

// TestGradeSandboxUnavailable: where there is no sandbox, the grade goes on and says
// so; -sandbox=require refuses to grade.
func TestGradeSandboxUnavailable(t *testing.T) {
	t.Parallel()
	wb := newWorkbook(t)
	env := map[string]string{envSandboxUnavailable: "no namespaces in this test"}
	dir := t.TempDir()
	start := time.Now()
	res := cli{dir: wb, env: env}.run(t, "grade", "-solutions", "-sandbox=require", "-json", filepath.Join(dir, "none.json"))
	assert.Equal(t, 1, res.code, "exit status of -sandbox=require")
	assert.Contains(t, res.stderr, "kata grade: sandbox unavailable (no namespaces in this test)")
	assert.Empty(t, res.stdout, "a refused grade prints no table")
	assert.NoFileExists(t, filepath.Join(dir, "none.json"))
	t.Logf("refused in %v", time.Since(start).Round(time.Millisecond))

	j, md := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.md")
	res = cli{dir: wb, env: env}.run(t, "grade", "-solutions", "-json", j, "-markdown", md)
	assert.Equal(t, 0, res.code, "exit status of -sandbox=auto: %s", res.stderr)
	assert.Contains(t, res.stdout, "1 of 1 katas pass (reference solutions)\nsandbox: unavailable (no namespaces in this test)\n")
	assert.Contains(t, readFile(t, md), "sandbox: unavailable (no namespaces in this test)")
	var rep report
	require.NoError(t, json.Unmarshal([]byte(readFile(t, j)), &rep))
	assert.Equal(t, sandboxState{State: sandboxUnavailable, Reason: "no namespaces in this test"}, rep.Sandbox)
	validateSchema(t, "schema/grade-report.schema.json", readFile(t, j))
}
