package rwlock

import "sync"

// RWMutex is built from a Mutex and a Cond: no shortcut.
type RWMutex struct {
	mu      sync.Mutex
	cond    sync.Cond
	readers int
}

// RWMutex in a comment, and "sync.RWMutex" in a string, are not uses.
var note = "sync.RWMutex"

func (rw *RWMutex) RLock() { rw.mu.Lock(); rw.readers++; rw.mu.Unlock() }
