// Package rwlock is a known-bad RWMutex.
//
// Bug: it takes the forbidden shortcut: the standard library's sync.RWMutex does all the
// work. It behaves perfectly, and it is not what the kata asks for. Verdict:
// "rwlock.go:15 uses sync.RWMutex; this kata asks you to build one".
package rwlock

import (
	std "sync"
)

// An RWMutex wraps the standard library's, under another import name so that a quick
// search for "sync.RWMutex" does not find it.
type RWMutex struct {
	rw std.RWMutex
}

func New() *RWMutex { return &RWMutex{} }

func (rw *RWMutex) RLock() { rw.rw.RLock() }

func (rw *RWMutex) RUnlock() { rw.rw.RUnlock() }

func (rw *RWMutex) Lock() { rw.rw.Lock() }

func (rw *RWMutex) Unlock() { rw.rw.Unlock() }
