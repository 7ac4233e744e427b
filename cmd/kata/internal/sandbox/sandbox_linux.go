package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// innerID is the user and group id the sandboxed program has in its own user namespace:
// not root, so that it holds no capability there (it cannot undo a mount).
const innerID = 1000

// nobody is the user and group id of the machine that a root grader's sandboxed program
// runs as: root's own would let it read every file of root's that is not hidden (and
// the kernel does not limit root's processes).
const nobody = 65534

// exitSetup is the init's exit status when it could not set the sandbox up.
const exitSetup = 125

// Wrap changes cmd, not yet started, to run its program in the sandbox s: cmd then
// starts a copy of this program as the sandbox's init (new user, mount, network,
// process, IPC and host name namespaces), which sets the sandbox up and runs the
// program in a second user and mount namespace, where it holds no capability and every
// mount is locked. cmd's process group, when killed, takes the whole sandbox with it.
func (s *Spec) Wrap(cmd *exec.Cmd) error {
	if cmd.Err != nil {
		return cmd.Err
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("sandbox: cannot find this program to run as init: %v", err)
	}
	dir := cmd.Dir
	if dir == "" {
		if dir, err = os.Getwd(); err != nil {
			return err
		}
	}
	j := job{Spec: *s, Path: cmd.Path, Args: cmd.Args, Dir: dir}
	uids := []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}}
	gids := []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}}
	if os.Getuid() == 0 {
		j.Owner = innerID
		uids = append(uids, syscall.SysProcIDMap{ContainerID: innerID, HostID: nobody, Size: 1})
		gids = append(gids, syscall.SysProcIDMap{ContainerID: innerID, HostID: nobody, Size: 1})
	}
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(env[:len(env):len(env)], envInit+"="+string(b))
	cmd.Path, cmd.Args, cmd.Dir = self, []string{"kata-sandbox"}, "/"
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	a := cmd.SysProcAttr
	a.Cloneflags |= syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS | syscall.CLONE_NEWNET | syscall.CLONE_NEWPID |
		syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS
	a.UidMappings, a.GidMappings = uids, gids
	a.GidMappingsEnableSetgroups = false
	return nil
}

// Check sets the sandbox s up once, with a program that exits at once, and returns why
// it could not, if it could not: the kernel forbids unprivileged user namespaces, a
// seccomp filter forbids them, a mount failed...
func (s *Spec) Check() error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find this program to run as init: %v", err)
	}
	cmd := exec.Command(self)
	// The check's program runs in /, which no sandbox hides: the grader's own folder
	// may be (it is under /tmp or the home folder more often than not).
	cmd.Dir = "/"
	if err := s.Wrap(cmd); err != nil {
		return err
	}
	// Wrap put the job last: make it a check.
	var j job
	last := &cmd.Env[len(cmd.Env)-1]
	if err := json.Unmarshal([]byte(strings.TrimPrefix(*last, envInit+"=")), &j); err != nil {
		return err
	}
	j.Check = true
	b, _ := json.Marshal(j)
	*last = envInit + "=" + string(b)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EACCES):
		return fmt.Errorf("user namespaces are forbidden here (a kernel setting, or a seccomp filter): %v", err)
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("the limit of user namespaces is reached: %v", err)
	case errors.Is(err, syscall.EINVAL):
		return fmt.Errorf("the kernel lacks user namespaces: %v", err)
	case errors.As(err, &ee) && stderr.Len() > 0:
		return errors.New(strings.TrimSpace(strings.TrimPrefix(stderr.String(), "kata sandbox: ")))
	}
	return err
}

// init makes this program the init of a sandbox when the environment says so. It runs
// before main, in the kata command and in its tests alike.
func init() {
	raw, ok := os.LookupEnv(envInit)
	if !ok {
		return
	}
	if raw == "check" {
		os.Exit(0) // the check's program, in the sandbox
	}
	os.Unsetenv(envInit)
	var j job
	if err := json.Unmarshal([]byte(raw), &j); err != nil {
		fail(err)
	}
	if err := setup(&j.Spec, j.Owner); err != nil {
		fail(err)
	}
	path, args, env := j.Path, j.Args, os.Environ()
	if j.Check {
		path, args, env = "/proc/self/exe", []string{"kata-sandbox-check"}, []string{envInit + "=check"}
	}
	os.Exit(run(path, args, j.Dir, env, j.Owner))
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "kata sandbox: %v\n", err)
	os.Exit(exitSetup)
}

// run runs the sandboxed program as the only child of this init (process 1 of the
// sandbox's process namespace), reaps every orphan meanwhile, and returns its exit
// status. When init exits, the kernel kills whatever is left in the namespace.
func run(path string, args []string, dir string, env []string, owner int) int {
	sys := &syscall.SysProcAttr{
		// A user namespace of its own: it is not root there, so it holds no
		// capability; and a mount namespace it owns, in which every mount made above
		// is locked.
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: innerID, HostID: owner, Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: innerID, HostID: owner, Size: 1}},
	}
	if owner != 0 {
		// It becomes the owner, which is not this init's user.
		sys.Credential = &syscall.Credential{Uid: innerID, Gid: innerID, NoSetGroups: true}
	}
	pid, err := syscall.ForkExec(path, args, &syscall.ProcAttr{Dir: dir, Env: env, Files: []uintptr{0, 1, 2}, Sys: sys})
	if err != nil {
		fmt.Fprintf(os.Stderr, "kata sandbox: starting %s: %v\n", path, err)
		return exitSetup
	}
	for {
		var ws syscall.WaitStatus
		p, err := syscall.Wait4(-1, &ws, 0, nil)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return exitSetup
		}
		if p != pid {
			continue // an orphan
		}
		if ws.Signaled() {
			// Process 1 of a namespace cannot die of its own signal: say it the
			// shell's way.
			return 128 + int(ws.Signal())
		}
		return ws.ExitStatus()
	}
}
