// Package tailserver is a known-bad Tail Server.
//
// Bug: Remove tells the tail to stop and returns at once, without waiting for it: the
// tail prints the rest of the file after Remove has returned. Verdict: "returned before
// printing", or, when what was left is the file's unterminated last line, "Remove(...)
// returned without printing the trailing partial line" (the same bug).
package tailserver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Server follows each file with a goroutine of its own, a tail, which reads the file
// every interval and sends the whole lines it finds to one printer goroutine over a
// channel. The printer alone writes to out, so Writes never overlap; it keeps the first
// Write error for Close.
//
// A tail stops when its stop channel is closed: it reads what is left, sends the
// trailing partial line, then waits until the printer has written everything it sent
// (a flush message) before it exits. Remove and Close wait for that exit.
type Server struct {
	out      io.Writer
	interval time.Duration
	lines    chan message  // tails -> printer
	printed  chan struct{} // closed when the printer has exited
	err      error         // the first Write error; the printer's until printed is closed

	mu     sync.Mutex       // guards tails and closed
	tails  map[string]*tail // the followed files, by path as given to Add
	closed bool
	wg     sync.WaitGroup // one count per tail goroutine

	closeOnce sync.Once
}

// A message is a line to print, or, when flushed is not nil, a request to close flushed
// once every line sent before it is written.
type message struct {
	line    []byte // "<path>: <line>\n"
	flushed chan struct{}
}

// tail is one followed file.
type tail struct {
	path string
	f    *os.File
	stop chan struct{} // closed by Remove or Close
	done chan struct{} // closed when the tail's goroutine has exited
}

var (
	errClosed = errors.New("tailserver: server is closed")
)

// readSize is how much a tail reads at once; a poll reads until the end of the file.
const readSize = 32 << 10

// New returns a Server that prints to out and checks each followed file every interval.
func New(out io.Writer, interval time.Duration) *Server {
	if interval <= 0 {
		panic("tailserver: non-positive interval")
	}
	s := &Server{
		out:      out,
		interval: interval,
		lines:    make(chan message, 64),
		printed:  make(chan struct{}),
		tails:    make(map[string]*tail),
	}
	go s.print()
	return s
}

// Add starts following path from its current end.
func (s *Server) Add(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	if _, ok := s.tails[path]; ok {
		return fmt.Errorf("tailserver: %s is already followed", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("tailserver: %w", err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return fmt.Errorf("tailserver: %w", err)
	}
	t := &tail{path: path, f: f, stop: make(chan struct{}), done: make(chan struct{})}
	s.tails[path] = t
	s.wg.Add(1)
	go s.follow(t)
	return nil
}

// Remove stops following path, after printing what is left of it.
func (s *Server) Remove(path string) error {
	s.mu.Lock()
	t, ok := s.tails[path]
	delete(s.tails, path)
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("tailserver: %s is not followed", path)
	}
	close(t.stop) // the tail prints what is left and exits on its own
	return nil
}

// Close stops every tail, waits until the printer has written everything, and returns
// the first Write error. Later and concurrent calls wait for the first to finish.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		tails := s.tails
		s.tails = nil
		s.mu.Unlock()
		for _, t := range tails {
			close(t.stop)
		}
		s.wg.Wait() // also the tails that a running Remove is stopping
		close(s.lines)
		<-s.printed
	})
	return s.err
}

// print is the printer goroutine: the only one that writes to out.
func (s *Server) print() {
	defer close(s.printed)
	for m := range s.lines {
		if m.flushed != nil {
			close(m.flushed)
			continue
		}
		if _, err := s.out.Write(m.line); err != nil && s.err == nil {
			s.err = err
		}
	}
}

// follow is a tail's goroutine: it polls the file every interval until stopped.
func (s *Server) follow(t *tail) {
	defer s.wg.Done()
	defer close(t.done)
	defer t.f.Close()
	ticker := time.NewTicker(s.interval)
	defer ticker.Stop()

	var partial []byte // the start of a line whose newline has not arrived yet
	for {
		select {
		case <-ticker.C:
			partial = s.poll(t, partial)
		case <-t.stop:
			partial = s.poll(t, partial)
			if len(partial) > 0 {
				s.send(t, partial)
			}
			flushed := make(chan struct{})
			s.lines <- message{flushed: flushed}
			<-flushed
			return
		}
	}
}

// poll reads the file to its end, sends every whole line and returns the rest.
func (s *Server) poll(t *tail, partial []byte) []byte {
	buf := make([]byte, readSize)
	for {
		n, err := t.f.Read(buf)
		data := buf[:n]
		for {
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				break
			}
			s.send(t, append(partial, data[:i]...))
			partial = partial[:0]
			data = data[i+1:]
		}
		partial = append(partial, data...)
		if n == 0 || err != nil {
			return partial
		}
	}
}

// send sends one line to the printer.
func (s *Server) send(t *tail, line []byte) {
	msg := make([]byte, 0, len(t.path)+len(line)+3)
	msg = append(msg, t.path...)
	msg = append(msg, ": "...)
	msg = append(msg, line...)
	msg = append(msg, '\n')
	s.lines <- message{line: msg}
}
