// Package rwlock is a known-bad RWMutex.
//
// Bug: readers do not share: RLock and Lock take the same one-slot channel, so the lock
// is a plain mutex and a second reader waits for the first. Verdict: "any number of
// readers share the lock".
package rwlock

import "sync"

type RWMutex struct {
	slot    chan struct{} // holds a token while anyone holds the lock
	mu      sync.Mutex
	readers int
	writer  bool
}

func New() *RWMutex { return &RWMutex{slot: make(chan struct{}, 1)} }

func (rw *RWMutex) RLock() {
	rw.slot <- struct{}{}
	rw.mu.Lock()
	defer rw.mu.Unlock()
	rw.readers++
}

func (rw *RWMutex) RUnlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.readers == 0 {
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
	rw.readers--
	<-rw.slot
}

func (rw *RWMutex) Lock() {
	rw.slot <- struct{}{}
	rw.mu.Lock()
	defer rw.mu.Unlock()
	rw.writer = true
}

func (rw *RWMutex) Unlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.writer {
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	rw.writer = false
	<-rw.slot
}
