// Package tailserver is a correct Tail Server with a single poller goroutine for all
// files and one mutex that guards the files and out.
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

// Server polls every followed file from one goroutine. The mutex is held while a file
// is read and its lines are written, so Add, Remove and Close see whole polls.
type Server struct {
	out  io.Writer
	stop chan struct{} // closed by Close
	done chan struct{} // closed when the poller has exited

	mu     sync.Mutex
	files  map[string]*file
	closed bool
	err    error // the first Write error
}

type file struct {
	f       *os.File
	partial []byte
}

func New(out io.Writer, interval time.Duration) *Server {
	s := &Server{out: out, stop: make(chan struct{}), done: make(chan struct{}), files: map[string]*file{}}
	go s.poller(interval)
	return s
}

func (s *Server) poller(interval time.Duration) {
	defer close(s.done)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-ticker.C:
		}
		s.mu.Lock()
		for path, f := range s.files {
			s.poll(path, f)
		}
		s.mu.Unlock()
	}
}

func (s *Server) Add(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return errors.New("tailserver: closed")
	case s.files[path] != nil:
		return fmt.Errorf("tailserver: already following %s", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("tailserver: add: %w", err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return fmt.Errorf("tailserver: add: %w", err)
	}
	s.files[path] = &file{f: f}
	return nil
}

func (s *Server) Remove(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[path]
	if f == nil {
		return fmt.Errorf("tailserver: not following %s", path)
	}
	s.finish(path, f)
	return nil
}

func (s *Server) Close() error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		for path, f := range s.files {
			s.finish(path, f)
		}
		close(s.stop)
	}
	s.mu.Unlock()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// finish prints what is left of a file and forgets it. s.mu is held.
func (s *Server) finish(path string, f *file) {
	s.poll(path, f)
	if len(f.partial) > 0 {
		s.print(path, f.partial)
	}
	f.f.Close()
	delete(s.files, path)
}

// poll reads a file to its end and prints its whole lines. s.mu is held.
func (s *Server) poll(path string, f *file) {
	data, _ := io.ReadAll(f.f)
	data = append(f.partial, data...)
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		s.print(path, data[:i])
		data = data[i+1:]
	}
	f.partial = append([]byte(nil), data...)
}

// print writes one line. s.mu is held.
func (s *Server) print(path string, line []byte) {
	if _, err := fmt.Fprintf(s.out, "%s: %s\n", path, line); err != nil && s.err == nil {
		s.err = err
	}
}
