package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// fancy reports whether w may get colour and animation: a terminal, NO_COLOR unset, and
// TERM not "dumb".
func (e *env) fancy(w io.Writer) bool {
	return e.tty(w) && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
}

// A palette colours text when on.
type palette struct{ on bool }

func (p palette) wrap(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\033[" + code + "m" + s + "\033[0m"
}

func (p palette) bold(s string) string   { return p.wrap("1", s) }
func (p palette) dim(s string) string    { return p.wrap("2", s) }
func (p palette) red(s string) string    { return p.wrap("31", s) }
func (p palette) green(s string) string  { return p.wrap("32", s) }
func (p palette) yellow(s string) string { return p.wrap("33", s) }
func (p palette) cyan(s string) string   { return p.wrap("36", s) }

// status colours a kata or rule status.
func (p palette) status(s string) string {
	switch s {
	case statusPass, "ok":
		return p.green(s)
	case statusFail, statusError, "FAIL":
		return p.red(s)
	case statusNotAttempted, "skipped":
		return p.yellow(s)
	}
	return s
}

// A ticker shows progress: permanent lines, and on a terminal a live last line with a
// spinner that is redrawn in place. Without a terminal only the permanent lines appear.
type ticker struct {
	mu    sync.Mutex
	w     io.Writer
	live  bool
	text  string
	plain bool // the live line has no clock of its own
	start time.Time
	frame int
	drawn bool
	stop  chan struct{}
	done  chan struct{}
}

func newTicker(w io.Writer, live bool) *ticker {
	t := &ticker{w: w, live: live, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	if !live {
		close(t.done)
		return t
	}
	go func() {
		defer close(t.done)
		tk := time.NewTicker(100 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-t.stop:
				return
			case <-tk.C:
				t.mu.Lock()
				t.frame++
				t.draw()
				t.mu.Unlock()
			}
		}
	}()
	return t
}

// set changes the live line.
func (t *ticker) set(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if text := fmt.Sprintf(format, args...); text != t.text || t.plain {
		t.text, t.start, t.plain = text, time.Now(), false
	}
	t.draw()
}

// setPlain changes the live line to text that tells its own time (a countdown): no
// time since it was set is added to it.
func (t *ticker) setPlain(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.text, t.plain = fmt.Sprintf(format, args...), true
	t.draw()
}

// printf prints a permanent line (format should end in a newline).
func (t *ticker) printf(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.clear()
	fmt.Fprintf(t.w, format, args...)
	t.draw()
}

// plainText reports whether the live line is one set by setPlain (or none).
func (t *ticker) plainText() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.plain || t.text == ""
}

// close stops the animation and clears the live line.
func (t *ticker) close() {
	select {
	case <-t.stop:
	default:
		close(t.stop)
	}
	<-t.done
	t.mu.Lock()
	defer t.mu.Unlock()
	t.clear()
	t.text = ""
}

func (t *ticker) clear() {
	if t.live && t.drawn {
		fmt.Fprint(t.w, "\r\033[K")
		t.drawn = false
	}
}

func (t *ticker) draw() {
	if !t.live || t.text == "" {
		return
	}
	t.clear()
	if t.plain {
		fmt.Fprintf(t.w, "%s %s", spinner[t.frame%len(spinner)], t.text)
	} else {
		fmt.Fprintf(t.w, "%s %s %s", spinner[t.frame%len(spinner)], t.text, time.Since(t.start).Round(100*time.Millisecond))
	}
	t.drawn = true
}
