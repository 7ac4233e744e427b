package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gokata/workbook/cmd/kata/internal/sandbox"
)

// The -sandbox modes of kata grade.
const (
	sandboxAuto    = "auto"    // sandbox where the system allows it, else say it is unavailable
	sandboxRequire = "require" // no sandbox is an error
	sandboxOff     = "off"
)

// The states of the sandbox in a grade report.
const (
	sandboxOn          = "on"
	sandboxDisabled    = "off"
	sandboxUnavailable = "unavailable"
)

// maxProcs limits the processes and threads of one kata's test binary in the sandbox: the
// judges of the reference solutions run at most 6 threads under the race detector.
const maxProcs = 64

// envSandboxUnavailable, when set, makes the sandbox unavailable for the reason it holds,
// as on a system without one: for the tests.
const envSandboxUnavailable = "KATA_SANDBOX_UNAVAILABLE"

// A sandboxState is what the grade report says of the sandbox.
type sandboxState struct {
	State  string `json:"state"`
	Reason string `json:"reason,omitempty"` // why it is unavailable
}

// String is the line of the score table: "sandbox: unavailable (reason)".
func (s sandboxState) String() string {
	if s.Reason != "" {
		return fmt.Sprintf("sandbox: %s (%s)", s.State, s.Reason)
	}
	return "sandbox: " + s.State
}

// gradeSandbox is the sandbox of a grade's test binaries (nil when there is none) and its
// state for the report. work is the grade's temporary folder; the test binaries may
// write in its copy of the workbook, home and tmp, and read its bin. They cannot see the
// grader's home, the checkout's .git, the rest of the temporary folders, /run, or the
// build cache (they need nothing from it at run time).
func (g *grader) gradeSandbox(mode string, work string, goenv map[string]string) (*sandbox.Spec, sandboxState, error) {
	if mode == sandboxOff {
		return nil, sandboxState{State: sandboxDisabled}, nil
	}
	s := &sandbox.Spec{
		Writable: []string{filepath.Join(work, "workbook"), filepath.Join(work, "home"), filepath.Join(work, "tmp")},
		Visible:  []string{filepath.Join(work, "bin")},
		// /run: the sockets of the machine's services (a network namespace does not
		// cut those off; a read-only mount does not stop connecting to them).
		Hidden:   []string{"/tmp", "/var/tmp", os.TempDir(), "/run", "/var/run", goenv["GOCACHE"]},
		MaxProcs: maxProcs,
	}
	if home := g.e.getenv("HOME"); home != "" {
		s.Hidden = append(s.Hidden, home)
	}
	s.Hidden = append(s.Hidden, gitDirs(g.w.root)...)
	s.Hidden = uniquePaths(s.Hidden)
	var err error
	if why := g.e.getenv(envSandboxUnavailable); why != "" {
		err = fmt.Errorf("%s", why)
	} else {
		err = s.Check()
	}
	switch {
	case err == nil:
		return s, sandboxState{State: sandboxOn}, nil
	case mode == sandboxRequire:
		return nil, sandboxState{}, fmt.Errorf("sandbox unavailable (%v); -sandbox=off grades without one", err)
	}
	return nil, sandboxState{State: sandboxUnavailable, Reason: err.Error()}, nil
}

// gitDirs lists the git folders of the checkout root: its .git and, when .git is a file
// (a worktree, a submodule), the folders it points to.
func gitDirs(root string) []string {
	dot := filepath.Join(root, ".git")
	dirs := []string{dot}
	b, err := os.ReadFile(dot)
	if err != nil {
		return dirs
	}
	gd, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir: ")
	if !ok {
		return dirs
	}
	if !filepath.IsAbs(gd) {
		gd = filepath.Join(root, gd)
	}
	dirs = append(dirs, gd)
	if c, err := os.ReadFile(filepath.Join(gd, "commondir")); err == nil {
		cd := strings.TrimSpace(string(c))
		if !filepath.IsAbs(cd) {
			cd = filepath.Join(gd, cd)
		}
		dirs = append(dirs, filepath.Clean(cd))
	}
	return dirs
}

// uniquePaths drops empty and repeated paths, keeping the order.
func uniquePaths(ps []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		if p != "" && !seen[filepath.Clean(p)] {
			seen[filepath.Clean(p)] = true
			out = append(out, filepath.Clean(p))
		}
	}
	return out
}

// startSandboxed starts cmd in its own process group (see startInGroup), in the sandbox s
// when s is not nil.
func startSandboxed(cmd *exec.Cmd, s *sandbox.Spec) error {
	if s != nil {
		if err := s.Wrap(cmd); err != nil {
			return err
		}
	}
	return startInGroup(cmd)
}
