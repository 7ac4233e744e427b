package sandbox

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// setup makes the sandbox of s in the namespaces this init was started in: the
// filesystem read-only but for s.Writable, s.Hidden covered, a /proc of its own process
// namespace, the loopback up and the limit of processes.
func setup(s *Spec, owner int) error {
	// Nothing done here may reach the grader's namespace.
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making the mounts private: %v", err)
	}
	if owner != 0 {
		for _, w := range s.Writable {
			if err := chownAll(w, owner); err != nil {
				return fmt.Errorf("giving %s to the sandbox's user: %v", w, err)
			}
		}
	}
	// The writable folders, held open: they may lie under a hidden one.
	type bind struct {
		path     string
		fd       int
		writable bool
	}
	var binds []bind
	for i, p := range append(s.Writable[:len(s.Writable):len(s.Writable)], s.Visible...) {
		fd, err := syscall.Open(p, oPath|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("opening %s: %v", p, err)
		}
		binds = append(binds, bind{filepath.Clean(p), fd, i < len(s.Writable)})
	}
	if err := readOnly(); err != nil {
		return err
	}
	if err := minimalDev(); err != nil {
		return err
	}
	var tmpfs []string
	for _, h := range outermost(resolve(s.Hidden)) {
		fi, err := os.Lstat(h)
		switch {
		case err != nil:
			continue
		case fi.IsDir():
			if err := syscall.Mount("tmpfs", h, "tmpfs", syscall.MS_NOSUID|syscall.MS_NODEV, "size=64k,mode=0755"); err != nil {
				return fmt.Errorf("hiding %s: %v", h, err)
			}
			tmpfs = append(tmpfs, h)
		default:
			if err := syscall.Mount("/dev/null", h, "", syscall.MS_BIND, ""); err != nil {
				return fmt.Errorf("hiding %s: %v", h, err)
			}
		}
	}
	for _, b := range binds {
		if err := os.MkdirAll(b.path, 0o755); err != nil {
			return err
		}
		src := "/proc/self/fd/" + strconv.Itoa(b.fd)
		if err := syscall.Mount(src, b.path, "", syscall.MS_BIND|syscall.MS_REC, ""); err != nil {
			return fmt.Errorf("binding %s: %v", b.path, err)
		}
		fl := uintptr(syscall.MS_BIND | syscall.MS_REMOUNT | syscall.MS_NOSUID | syscall.MS_NODEV)
		if !b.writable {
			fl |= syscall.MS_RDONLY
		}
		if err := syscall.Mount("", b.path, "", fl, ""); err != nil {
			return fmt.Errorf("remounting %s: %v", b.path, err)
		}
		syscall.Close(b.fd)
	}
	for _, t := range tmpfs {
		if err := syscall.Mount("", t, "", syscall.MS_REMOUNT|syscall.MS_RDONLY|syscall.MS_NOSUID|syscall.MS_NODEV, ""); err != nil {
			return fmt.Errorf("making %s read-only: %v", t, err)
		}
	}
	// A /proc of its own process namespace, the grader's processes, and through them
	// (/proc/PID/root) its filesystem, out of sight: first whole, to set the limit of
	// processes, then over it one with the processes alone. The sandboxed program's user
	// is the grader's, root perhaps, and root may write the machine's settings in
	// /proc/sys or reboot it through /proc/sysrq-trigger; and this init must write to
	// /proc/PID/uid_map to start it, so /proc cannot be read-only.
	const procFlags = syscall.MS_NOSUID | syscall.MS_NODEV | syscall.MS_NOEXEC
	if err := syscall.Mount("proc", "/proc", "proc", procFlags, ""); err != nil {
		return fmt.Errorf("mounting /proc: %v", err)
	}
	if s.MaxProcs > 0 {
		if err := limitProcs(s.MaxProcs); err != nil {
			return err
		}
	}
	if err := syscall.Mount("proc", "/proc", "proc", procFlags, "subset=pid"); err != nil {
		return fmt.Errorf("mounting /proc with the processes alone: %v", err)
	}
	if err := loopbackUp(); err != nil {
		return fmt.Errorf("bringing the loopback up: %v", err)
	}
	return nil
}

// devices are the device files of the sandbox's /dev: those a Go program may use. Not
// the disks (the grader's user may own them), not tty (the grader's terminal).
var devices = []string{"null", "zero", "full", "random", "urandom"}

// minimalDev puts an empty read-only /dev in place, with devices, the links to
// /proc/self/fd and an empty /dev/shm and /dev/pts.
func minimalDev() error {
	fds := map[string]int{}
	for _, d := range devices {
		fd, err := syscall.Open("/dev/"+d, oPath|syscall.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("opening /dev/%s: %v", d, err)
		}
		fds[d] = fd
	}
	if err := syscall.Mount("tmpfs", "/dev", "tmpfs", syscall.MS_NOSUID|syscall.MS_NOEXEC, "size=64k,mode=0755"); err != nil {
		return fmt.Errorf("mounting /dev: %v", err)
	}
	for _, d := range devices {
		p := "/dev/" + d
		if err := os.WriteFile(p, nil, 0o666); err != nil {
			return err
		}
		if err := syscall.Mount("/proc/self/fd/"+strconv.Itoa(fds[d]), p, "", syscall.MS_BIND, ""); err != nil {
			return fmt.Errorf("binding %s: %v", p, err)
		}
		syscall.Close(fds[d])
	}
	for i, name := range []string{"stdin", "stdout", "stderr"} {
		if err := os.Symlink("/proc/self/fd/"+strconv.Itoa(i), "/dev/"+name); err != nil {
			return err
		}
	}
	if err := os.Symlink("/proc/self/fd", "/dev/fd"); err != nil {
		return err
	}
	for _, d := range []string{"/dev/shm", "/dev/pts"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return err
		}
	}
	return syscall.Mount("", "/dev", "", syscall.MS_REMOUNT|syscall.MS_RDONLY|syscall.MS_NOSUID|syscall.MS_NOEXEC, "")
}

// resolve follows the symbolic links of the paths ps (/var/run is often a link to /run),
// dropping those that do not exist.
func resolve(ps []string) []string {
	var out []string
	for _, p := range ps {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			out = append(out, r)
		}
	}
	return out
}

// limitProcs limits the processes and threads of the sandbox two ways, for neither
// holds everywhere. RLIMIT_NPROC counts, since Linux 5.14, the tasks of the user in
// the sandbox's user namespace only; but the kernel never enforces it for root, and a
// grader may run as root (in a container, on a CI runner). The process namespace's own
// pid_max (Linux 6.14) binds root too, but cannot go below 301. Where both fail (root
// on an older kernel) the sandbox has no limit of processes but the machine's.
func limitProcs(n int) error {
	lim := &syscall.Rlimit{Cur: uint64(n), Max: uint64(n)}
	if err := syscall.Setrlimit(rlimitNproc, lim); err != nil {
		return fmt.Errorf("limiting processes: %v", err)
	}
	// Pids run from 1 to pid_max-1 and threads take one each.
	os.WriteFile("/proc/sys/kernel/pid_max", []byte(strconv.Itoa(max(n+1, minPidMax))), 0)
	return nil
}

// minPidMax is the lowest pid_max the kernel takes.
const minPidMax = 301

// Constants package syscall does not name.
const (
	rlimitNproc = 6          // RLIMIT_NPROC
	oPath       = 0o10000000 // O_PATH
)

// chownAll gives the folder dir and everything in it to the user and group id.
func chownAll(dir string, id int) error {
	return filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, id, id)
	})
}

// outermost returns the paths ps without those under another of them.
func outermost(ps []string) []string {
	var out []string
	for _, p := range ps {
		p = filepath.Clean(p)
		if !slices.ContainsFunc(ps, func(q string) bool { return within(p, filepath.Clean(q)) && p != filepath.Clean(q) }) && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// within reports whether path p is dir or under it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, "/")+"/")
}

// readOnly remounts every mount read-only, keeping its other flags (the kernel refuses
// to drop a flag of a mount inherited from a more privileged namespace).
func readOnly() error {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return err
	}
	defer f.Close()
	var points []string
	flags := map[string]uintptr{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 {
			continue
		}
		p := unescape(fields[4])
		if _, ok := flags[p]; !ok {
			points = append(points, p)
		}
		flags[p] = mountFlags(fields[5])
	}
	if err := sc.Err(); err != nil {
		return err
	}
	slices.Sort(points) // parents first
	for _, p := range points {
		err := syscall.Mount("", p, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY|flags[p], "")
		if err != nil && err != syscall.ENOENT && err != syscall.EACCES {
			return fmt.Errorf("making %s read-only: %v", p, err)
		}
		// ENOENT, EACCES: a mount point out of reach (under an unreadable folder, or
		// covered by a later mount), so out of reach of the sandboxed program too.
	}
	return nil
}

// mountFlags turns the per-mount options of /proc/self/mountinfo into mount flags.
func mountFlags(opts string) uintptr {
	var fl uintptr
	for _, o := range strings.Split(opts, ",") {
		switch o {
		case "nosuid":
			fl |= syscall.MS_NOSUID
		case "nodev":
			fl |= syscall.MS_NODEV
		case "noexec":
			fl |= syscall.MS_NOEXEC
		case "noatime":
			fl |= syscall.MS_NOATIME
		case "nodiratime":
			fl |= syscall.MS_NODIRATIME
		case "relatime":
			fl |= syscall.MS_RELATIME
		case "strictatime":
			fl |= syscall.MS_STRICTATIME
		}
	}
	return fl
}

// unescape undoes the octal escapes (\040 for a space) of a path in mountinfo.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
