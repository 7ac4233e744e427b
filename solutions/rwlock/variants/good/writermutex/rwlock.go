// Package rwlock is a correct RWMutex whose writers hold a sync.Mutex from Lock to
// Unlock, as sync.RWMutex does: a writer waiting for another waits in Mutex.Lock (which
// in a synctest bubble is not "durably blocked", so the judge must never wait for fake
// time while it does). Unlock is often called by another goroutine than the one that
// called Lock, and unlocks the mutex for it: legal in Go.
//
// A writer that holds w announces itself (pending), which makes new readers wait, then
// waits on the Cond for the readers inside to leave. Its Unlock lets the waiting readers
// in as a batch (counted before they wake), then lets go of w.
package rwlock

import "sync"

type RWMutex struct {
	w sync.Mutex // held by the writer in Lock..Unlock, and while it waits for readers

	mu      sync.Mutex
	cond    sync.Cond
	readers int  // readers holding the lock
	pending bool // a writer holds w
	held    bool // a writer holds the lock
	waiting int  // readers waiting for the writer to unlock
	batch   int  // batches of readers let in so far
}

func New() *RWMutex {
	rw := &RWMutex{}
	rw.cond.L = &rw.mu
	return rw
}

func (rw *RWMutex) RLock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.pending {
		rw.readers++
		return
	}
	rw.waiting++
	for mine := rw.batch; rw.batch == mine; {
		rw.cond.Wait()
	}
}

func (rw *RWMutex) RUnlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.readers == 0 {
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
	rw.readers--
	if rw.readers == 0 && rw.pending {
		rw.cond.Broadcast()
	}
}

func (rw *RWMutex) Lock() {
	rw.w.Lock()
	rw.mu.Lock()
	defer rw.mu.Unlock()
	rw.pending = true
	for rw.readers > 0 {
		rw.cond.Wait()
	}
	rw.held = true
}

func (rw *RWMutex) Unlock() {
	rw.mu.Lock()
	if !rw.held {
		rw.mu.Unlock()
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	rw.held, rw.pending = false, false
	if rw.waiting > 0 {
		rw.readers += rw.waiting
		rw.waiting = 0
		rw.batch++
		rw.cond.Broadcast()
	}
	rw.mu.Unlock()
	rw.w.Unlock()
}
