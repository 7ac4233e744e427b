//go:build windows

package main

import (
	"os/exec"
	"sync"
	"syscall"
)

// Windows has no process groups that can be killed together; a job object is its
// equivalent: every process the started one starts belongs to the job too (unless it
// breaks away on purpose), and TerminateJobObject ends them all, even after the first
// has exited. The child also gets a console process group of its own, so that a Ctrl+C
// in the console reaches kata alone, which then kills the job, as on Unix.
var (
	kernel32                 = syscall.NewLazyDLL("kernel32.dll")
	createJobObject          = kernel32.NewProc("CreateJobObjectW")
	assignProcessToJobObject = kernel32.NewProc("AssignProcessToJobObject")
	terminateJobObject       = kernel32.NewProc("TerminateJobObject")
)

// processSetQuota is PROCESS_SET_QUOTA, which AssignProcessToJobObject needs.
const processSetQuota = 0x0100

// jobs maps a started command to its job object.
var jobs struct {
	sync.Mutex
	m map[*exec.Cmd]syscall.Handle
}

// exeSuffix ends the name of an executable: go test -c names a test binary
// printinorder.test.exe.
const exeSuffix = ".exe"

// startInGroup starts cmd in a job object of its own. Should the job not be made (an
// old Windows that does not nest jobs, say), cmd still runs, and killProcessGroup can
// kill cmd alone.
func startInGroup(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= syscall.CREATE_NEW_PROCESS_GROUP
	if err := cmd.Start(); err != nil {
		return err
	}
	job, _, _ := createJobObject.Call(0, 0)
	if job == 0 {
		return nil
	}
	proc, err := syscall.OpenProcess(processSetQuota|syscall.PROCESS_TERMINATE, false, uint32(cmd.Process.Pid))
	if err != nil {
		syscall.CloseHandle(syscall.Handle(job))
		return nil
	}
	defer syscall.CloseHandle(proc)
	if ok, _, _ := assignProcessToJobObject.Call(job, uintptr(proc)); ok == 0 {
		syscall.CloseHandle(syscall.Handle(job))
		return nil
	}
	jobs.Lock()
	defer jobs.Unlock()
	if jobs.m == nil {
		jobs.m = map[*exec.Cmd]syscall.Handle{}
	}
	jobs.m[cmd] = syscall.Handle(job)
	return nil
}

// killProcessGroup kills every process of cmd's job, or cmd alone when it has none.
// The job is closed: a second call kills cmd alone (which is a no-op once it has exited).
func killProcessGroup(cmd *exec.Cmd) {
	jobs.Lock()
	job, ok := jobs.m[cmd]
	delete(jobs.m, cmd)
	jobs.Unlock()
	if ok {
		terminateJobObject.Call(uintptr(job), 1)
		syscall.CloseHandle(job)
	}
	if cmd.Process != nil {
		cmd.Process.Kill()
	}
}
