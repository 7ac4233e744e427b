// Package tailserver is the Tail Server kata: follow many files at once, like
// tail -n 0 -f, and print every line appended to them, from one printer at a time.
package tailserver

import (
	"io"
	"time"
)

// Server follows files and prints the lines appended to them to one io.Writer. The
// tails only notify; the server alone prints. A Server is safe for concurrent use: Add,
// Remove and Close may be called from many goroutines while the files grow.
//
// Every line appended to a followed file after Add returns is written to out exactly
// once, as "<path>: <line>\n", with path exactly as it was given to Add, in file order,
// and no later than one interval after its newline was appended. A line written in
// several appends is printed once, whole, when its newline arrives. Each line is one
// Write call, and only one goroutine writes to out at a time, so the lines of different
// files interleave only at line boundaries.
//
// If a Write to out fails, the server keeps going and Close returns the first error.
// Separate Servers are independent: two of them may follow the same file.
type Server struct {
	// Add the fields you need.
}

// New returns a Server that prints to out and checks each followed file every interval
// (a positive duration). It follows no file yet.
func New(out io.Writer, interval time.Duration) *Server {
	panic("tailserver: not implemented")
}

// Add starts following the file at path from its end at the time Add returns, like
// tail -n 0 -f: nothing already in the file is printed, every line appended afterwards
// is. Add fails if path is already followed, if the server is closed, or if the file
// cannot be opened; the last error wraps the error of os.Open, so that
// errors.Is(err, fs.ErrNotExist) tells a missing file.
func (s *Server) Add(path string) error {
	panic("tailserver: not implemented")
}

// Remove stops following path: it first prints every whole line already appended to
// the file, then a trailing partial line (with a newline added), closes the file, and
// returns after the goroutine that followed the file has exited. Other files are
// unaffected. Remove fails if path is not followed.
func (s *Server) Remove(path string) error {
	panic("tailserver: not implemented")
}

// Close stops following every file, printing what is left of each as Remove does, and
// returns after all output is written, every file is closed and every goroutine of the
// server has exited. Nothing appended before Close is called is lost.
//
// Close returns the first error a Write to out returned, or nil. It may be called more
// than once and from several goroutines at once: every call returns after the output
// is complete, with the same error. After Close, Add and Remove fail.
func (s *Server) Close() error {
	panic("tailserver: not implemented")
}
