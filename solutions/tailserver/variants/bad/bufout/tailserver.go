// Package tailserver is a known-bad Tail Server.
//
// Bug: lines go through a bufio.Writer that is flushed after each poll, so one Write
// carries several lines (and a line longer than the buffer is split across Writes).
// Verdict: "write each line with its own Write call".
package tailserver

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

type Server struct {
	interval time.Duration

	outMu sync.Mutex // serializes Writes to out and guards err
	out   *bufio.Writer
	err   error

	mu     sync.Mutex // guards tails and closed
	tails  map[string]*tail
	closed bool
	wg     sync.WaitGroup

	once sync.Once
}

type tail struct {
	stop chan struct{}
	done chan struct{}
}

func New(out io.Writer, interval time.Duration) *Server {
	return &Server{out: bufio.NewWriter(out), interval: interval, tails: map[string]*tail{}}
}

func (s *Server) Add(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("tailserver: closed")
	}
	if _, ok := s.tails[path]; ok {
		return errors.New("tailserver: already following " + path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		f.Close()
		return err
	}
	t := &tail{stop: make(chan struct{}), done: make(chan struct{})}
	s.tails[path] = t
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer close(t.done)
		defer f.Close()
		s.follow(path, f, t.stop)
	}()
	return nil
}

// follow reads whole lines with a bufio.Reader; ReadString returns a partial line with
// io.EOF, which is kept until its newline arrives.
func (s *Server) follow(path string, f *os.File, stop chan struct{}) {
	r := bufio.NewReader(f)
	ticker := time.NewTicker(s.interval)
	defer ticker.Stop()
	var partial string
	for {
		stopping := false
		select {
		case <-ticker.C:
		case <-stop:
			stopping = true
		}
		for {
			line, err := r.ReadString('\n')
			partial += line
			if err != nil {
				break
			}
			s.print(path, partial)
			partial = ""
		}
		if stopping && partial != "" {
			s.print(path, partial+"\n")
		}
		s.flush()
		if stopping {
			return
		}
	}
}

func (s *Server) flush() {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	if err := s.out.Flush(); err != nil && s.err == nil {
		s.err = err
	}
}

func (s *Server) print(path, line string) {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	if _, err := io.WriteString(s.out, path+": "+line); err != nil && s.err == nil {
		s.err = err
	}
}

func (s *Server) Remove(path string) error {
	s.mu.Lock()
	t, ok := s.tails[path]
	delete(s.tails, path)
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("tailserver: not following %s", path)
	}
	close(t.stop)
	<-t.done
	return nil
}

func (s *Server) Close() error {
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		for _, t := range s.tails {
			close(t.stop)
		}
		s.tails = nil
		s.mu.Unlock()
		s.wg.Wait()
	})
	s.outMu.Lock()
	defer s.outMu.Unlock()
	return s.err
}
