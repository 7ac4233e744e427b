package main

import (
	"context"
	"os/exec"
	"strings"
)

// firstBuildNote is said when the build cache holds no race-instrumented standard library.
const firstBuildNote = `The first build on this machine takes a minute or so: the go command compiles the standard
library with the race detector (for -race) and keeps it in its build cache; later builds take seconds.`

// firstRaceBuild reports whether the next build with the race detector will compile the
// standard library: whether runtime, built as the judge builds it (-race -trimpath), is
// stale, that is, missing from the go command's build cache. It asks the go command
// itself (go list, a fraction of a second, nothing compiled), so it stays right when the
// cache is cleaned, moved (GOCACHE) or the Go version changes. Any error says no.
func (g goTool) firstRaceBuild(ctx context.Context, root string) bool {
	cmd := exec.CommandContext(ctx, g.bin, "list", "-race", "-trimpath", "-f", "{{.Stale}}", "runtime")
	cmd.Dir = root
	cmd.Env = g.env
	out, err := cmd.Output()
	return err == nil && strings.TrimSpace(string(out)) == "true"
}
