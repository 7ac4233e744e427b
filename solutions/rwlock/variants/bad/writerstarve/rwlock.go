// Package rwlock is a known-bad RWMutex.
//
// Bug: writer starvation, the textbook "readers-preference" lock. A reader gets in
// whenever no writer holds the lock, even while a writer waits for the readers to
// leave; with readers coming and going, a writer may wait forever. Verdict: "writer
// starvation".
package rwlock

import "sync"

type RWMutex struct {
	mu      sync.Mutex
	cond    sync.Cond
	readers int
	writer  bool
}

func New() *RWMutex {
	rw := &RWMutex{}
	rw.cond.L = &rw.mu
	return rw
}

func (rw *RWMutex) RLock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	for rw.writer {
		rw.cond.Wait()
	}
	rw.readers++
}

func (rw *RWMutex) RUnlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.readers == 0 {
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
	rw.readers--
	if rw.readers == 0 {
		rw.cond.Broadcast()
	}
}

func (rw *RWMutex) Lock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	for rw.writer || rw.readers > 0 {
		rw.cond.Wait()
	}
	rw.writer = true
}

func (rw *RWMutex) Unlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.writer {
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	rw.writer = false
	rw.cond.Broadcast()
}
