// Package printinorder starts processes in a loop, up to 1000 (the test names them by
// the time they sleep, @MARK@ seconds). Never grade it outside the sandbox.
package printinorder

import "os/exec"

func init() {
	var started []*exec.Cmd
	for range 1000 {
		cmd := exec.Command("sleep", "@MARK@")
		if cmd.Start() != nil {
			break
		}
		started = append(started, cmd)
	}
	if len(started) == 1000 {
		escaped = "started 1000 processes"
	}
	for _, cmd := range started {
		cmd.Process.Kill()
		cmd.Wait()
	}
}
