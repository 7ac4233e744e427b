package sandbox

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sh runs a script of the shell in the sandbox s and returns its output and error.
func sh(t *testing.T, s *Spec, shell, dir, script string) (string, error) {
	t.Helper()
	cmd := exec.Command(shell, "-c", script)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	if err := s.Wrap(cmd); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func skipUnavailable(t *testing.T, s *Spec) {
	t.Helper()
	if err := s.Check(); err != nil {
		t.Skipf("no sandbox here: %v", err)
	}
}

// TestSandbox runs a shell in a sandbox: it writes only where it may, sees nothing of
// what is hidden, reaches no network but its own loopback, and is not root.
func TestSandbox(t *testing.T) {
	work := t.TempDir()
	secret := t.TempDir()
	if err := os.WriteFile(filepath.Join(secret, "key"), []byte("s3cret"), 0o600); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	// Only the read-only mount keeps it out; and a root grader's sandboxed program, which
	// runs as nobody, can reach its folder.
	require(t, os.Chmod(outside, 0o777))
	require(t, os.Chmod(filepath.Dir(work), 0o755))
	require(t, os.WriteFile(filepath.Join(outside, "private"), []byte("root's own"), 0o600))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	accepted := make(chan bool, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Close()
		}
		accepted <- err == nil
	}()
	s := &Spec{Writable: []string{work}, Hidden: []string{secret, "/no/such/folder"}, MaxProcs: 64}
	skipUnavailable(t, s)
	out, err := sh(t, s, "/bin/bash", work, `
		echo ok > `+work+`/mine && cat `+work+`/mine
		(echo bad > `+outside+`/theirs) 2>/dev/null || echo cannot write outside
		cat `+secret+`/key 2>/dev/null || echo cannot read the secret
		ls -A `+secret+`; echo listed
		cat `+outside+`/private 2>/dev/null; echo
		id -u
		(echo 1 > /proc/sys/vm/drop_caches) 2>/dev/null || echo cannot write sysctls
		[ -e /proc/sysrq-trigger ] || echo no sysrq-trigger
		ls /dev | tr '\n' ' '; echo
		grep -c ':' /proc/self/net/dev
		(exec 3<>/dev/tcp/127.0.0.1/`+port+`) 2>/dev/null && echo connected || echo cannot connect
		ls /proc | grep -c '^[0-9]'
	`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// A root grader's sandboxed program runs as nobody: it cannot read root's files.
	private := "root's own"
	if os.Getuid() == 0 {
		private = ""
	}
	want := "ok\ncannot write outside\ncannot read the secret\nlisted\n" + private + "\n1000\ncannot write sysctls\nno sysrq-trigger\n" +
		"fd full null pts random shm stderr stdin stdout urandom zero \n1\ncannot connect\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("output:\n%s\nwant it to start with:\n%s", out, want)
	}
	if _, err := os.Stat(filepath.Join(outside, "theirs")); err == nil {
		t.Errorf("the sandbox wrote outside its folder")
	}
	ln.Close()
	if <-accepted {
		t.Errorf("the listener outside the sandbox got a connection")
	}
	// Its own processes only: the shell, ls and grep, under the init.
	if n := strings.Fields(out)[len(strings.Fields(out))-1]; n > "5" || len(n) > 1 {
		t.Errorf("it sees %s processes in /proc, want at most 5", n)
	}
	t.Logf("output:\n%s", out)
}

// TestProcessLimit: a shell that starts processes in a loop stops at the limit, which
// counts the sandbox's own processes only, not the grader's; when it ends, none is left.
func TestProcessLimit(t *testing.T) {
	const limit = 20
	s := &Spec{Writable: []string{t.TempDir()}, MaxProcs: limit}
	skipUnavailable(t, s)
	want := limit
	mark := fmt.Sprintf("%d.%d", 1000+os.Getpid()%1000, time.Now().UnixNano()%1000000)
	out, err := sh(t, s, "/bin/sh", "/", `
		(for i in $(seq 400); do sleep `+mark+` & done) 2>/dev/null # the subshell ends at the first failure
		set -- /proc/[0-9]*; echo $#
	`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	n, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		t.Fatalf("output %q", out)
	}
	t.Logf("%d processes in the sandbox at the limit (want at most %d)", n, want)
	if n > want || n < want/2 {
		t.Errorf("%d processes in the sandbox, want at most %d (and near it)", n, want)
	}
	// The init has exited: the kernel killed the rest.
	deadline := time.Now().Add(5 * time.Second)
	for left := sleeping(mark); left > 0; left = sleeping(mark) {
		if time.Now().After(deadline) {
			t.Fatalf("%d processes of the sandbox are left", left)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sleeping counts the processes of the machine that run "sleep mark".
func sleeping(mark string) int {
	n := 0
	dirs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, d := range dirs {
		b, _ := os.ReadFile(d)
		if string(b) == "sleep\x00"+mark+"\x00" {
			n++
		}
	}
	return n
}

func TestOutermost(t *testing.T) {
	got := outermost([]string{"/root/.cache/go-build", "/tmp", "/root", "/tmp/x", "/tmpfoo", "/root/"})
	want := []string{"/tmp", "/root", "/tmpfoo"}
	if !slices.Equal(got, want) {
		t.Errorf("outermost = %q, want %q", got, want)
	}
}

// BenchmarkStart measures what the sandbox adds to starting a program: compare with
// BenchmarkStartBare.
func BenchmarkStart(b *testing.B) {
	s := &Spec{Writable: []string{b.TempDir()}, Hidden: []string{"/tmp", "/run"}, MaxProcs: 64}
	if err := s.Check(); err != nil {
		b.Skipf("no sandbox here: %v", err)
	}
	for b.Loop() {
		cmd := exec.Command("/bin/true")
		if err := s.Wrap(cmd); err != nil {
			b.Fatal(err)
		}
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStartBare(b *testing.B) {
	for b.Loop() {
		if err := exec.Command("/bin/true").Run(); err != nil {
			b.Fatal(err)
		}
	}
}

func require(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestCheckFromHiddenFolder: the grader may run from a folder the sandbox hides (a
// checkout in /tmp or in the home folder); the check must not start its program there.
func TestCheckFromHiddenFolder(t *testing.T) {
	hidden := t.TempDir()
	if err := (&Spec{Writable: []string{t.TempDir()}}).Check(); err != nil {
		t.Skipf("no sandbox here: %v", err)
	}
	t.Chdir(hidden)
	if err := (&Spec{Writable: []string{t.TempDir()}, Hidden: []string{hidden}}).Check(); err != nil {
		t.Errorf("Check from a hidden folder: %v", err)
	}
}
