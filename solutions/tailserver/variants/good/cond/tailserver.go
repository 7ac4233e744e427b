// Package tailserver is a correct Tail Server with tails that sleep between polls and
// stop at their next wake-up, and a printer goroutine fed through a queue guarded by a
// sync.Cond. Remove may take up to one interval, and Close, which stops the tails one
// after the other, up to one interval per file.
package tailserver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

type Server struct {
	out      io.Writer
	interval time.Duration

	mu      sync.Mutex
	cond    *sync.Cond // broadcast whenever anything below changes
	queue   [][]byte   // lines for the printer
	queued  int        // lines ever queued
	written int        // lines ever written (or failed)
	err     error
	tails   map[string]*tail
	running int  // tail goroutines alive
	closed  bool // Close was called
	quit    bool // the printer may exit once the queue is empty
	exited  bool // the printer has exited
}

type tail struct {
	stop atomic.Bool
	done chan struct{}
}

func New(out io.Writer, interval time.Duration) *Server {
	s := &Server{out: out, interval: interval, tails: map[string]*tail{}}
	s.cond = sync.NewCond(&s.mu)
	go s.printer()
	return s
}

func (s *Server) Add(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("tailserver: closed")
	}
	if s.tails[path] != nil {
		return errors.New("tailserver: already following " + path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("tailserver: %w", err)
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return fmt.Errorf("tailserver: %w", err)
	}
	t := &tail{done: make(chan struct{})}
	s.tails[path] = t
	s.running++
	go s.follow(path, f, t)
	return nil
}

func (s *Server) follow(path string, f *os.File, t *tail) {
	defer close(t.done)
	defer f.Close()
	var partial []byte
	buf := make([]byte, 8<<10)
	for {
		time.Sleep(s.interval)
		stopping := t.stop.Load()
		var lines [][]byte
		for {
			n, err := f.Read(buf)
			partial = append(partial, buf[:n]...)
			if n == 0 || err != nil {
				break
			}
		}
		for {
			i := bytes.IndexByte(partial, '\n')
			if i < 0 {
				break
			}
			lines = append(lines, fmt.Appendf(nil, "%s: %s\n", path, partial[:i]))
			partial = partial[i+1:]
		}
		if stopping && len(partial) > 0 {
			lines = append(lines, fmt.Appendf(nil, "%s: %s\n", path, partial))
		}
		s.mu.Lock()
		s.queue = append(s.queue, lines...)
		s.queued += len(lines)
		mine := s.queued
		s.cond.Broadcast()
		if stopping {
			for s.written < mine {
				s.cond.Wait()
			}
			s.running--
			s.cond.Broadcast()
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
	}
}

func (s *Server) printer() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		for len(s.queue) == 0 && !s.quit {
			s.cond.Wait()
		}
		if len(s.queue) == 0 {
			s.exited = true
			s.cond.Broadcast()
			return
		}
		batch := s.queue
		s.queue = nil
		for _, line := range batch {
			s.mu.Unlock()
			_, err := s.out.Write(line)
			s.mu.Lock()
			if err != nil && s.err == nil {
				s.err = err
			}
			s.written++
			s.cond.Broadcast()
		}
	}
}

func (s *Server) Remove(path string) error {
	s.mu.Lock()
	t := s.tails[path]
	delete(s.tails, path)
	s.mu.Unlock()
	if t == nil {
		return errors.New("tailserver: not following " + path)
	}
	t.stop.Store(true)
	<-t.done
	return nil
}

func (s *Server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		tails := s.tails
		s.tails = nil
		s.mu.Unlock()
		for _, t := range tails {
			t.stop.Store(true)
			<-t.done
		}
		s.mu.Lock()
	}
	for s.running > 0 {
		s.cond.Wait()
	}
	s.quit = true
	s.cond.Broadcast()
	for !s.exited {
		s.cond.Wait()
	}
	return s.err
}
