// Package sandbox runs a program shut off from the network, the user's files and the rest of the machine.
package sandbox

// A Spec says what a sandboxed program may see and do. The whole filesystem is
// read-only to it but for Writable; Hidden paths are covered by empty folders (or, for a
// file, an empty file), but Writable and Visible folders under them show through; it has
// a loopback network of its own and no other; it may run at most MaxProcs processes and
// threads at once, counting its own.
type Spec struct {
	Writable []string // folders it may write in
	Visible  []string // folders it may read, even under a hidden one
	Hidden   []string // folders and files it may not see; missing ones are skipped
	MaxProcs int      // 0 means no limit
}

// envInit names the environment variable that makes a copy of this program the small
// init of a sandbox (see init in sandbox_linux.go): it holds the job, as JSON.
const envInit = "KATA_SANDBOX_INIT"

// A job is what the init of a sandbox does: set the sandbox up, then run Path or, for a
// check, a copy of itself that exits at once.
type job struct {
	Spec  Spec
	Path  string
	Args  []string
	Dir   string
	Check bool
	// Owner is the user and group id, in the init's user namespace, of the sandboxed
	// program: 0 (the grader's user), or, when the grader is root, an id mapped to
	// nobody, which then owns the writable folders.
	Owner int
}
