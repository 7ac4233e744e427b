// Package rwlock is a known-bad RWMutex.
//
// Bug: Lock waits only for other writers, not for the readers: a writer gets in while
// readers still hold the lock, and they read what it is half-way through writing.
// Verdict: "Lock returned while another goroutine held the lock with RLock".
package rwlock

import "sync"

// An RWMutex is a monitor: its state is guarded by mu, readers wait on one sync.Cond and
// writers on another.
//
// Readers get in in batches. A reader that must wait joins the batch of waiting readers;
// when a writer unlocks, it lets the whole batch in at once (it counts them as holders
// and bumps the batch number before they even wake up), so no writer can get in between.
// A waiting reader waits for its batch number to change, not for a condition that a
// later writer could make false again.
type RWMutex struct {
	mu      sync.Mutex
	readerQ sync.Cond // waiting readers; broadcast when a batch is let in
	writerQ sync.Cond // waiting writers; signalled when the lock may be free

	readers        int  // readers holding the lock
	writer         bool // a writer holds the lock
	writersWaiting int  // writers in Lock that have not got in
	readersWaiting int  // readers in the waiting batch
	batch          int  // batches let in so far
}

// New returns an unlocked RWMutex.
func New() *RWMutex {
	rw := &RWMutex{}
	rw.readerQ.L = &rw.mu
	rw.writerQ.L = &rw.mu
	return rw
}

// RLock locks rw for reading. It waits while a writer holds the lock or waits for it.
func (rw *RWMutex) RLock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.writer && rw.writersWaiting == 0 {
		rw.readers++
		return
	}
	rw.readersWaiting++
	for mine := rw.batch; rw.batch == mine; {
		rw.readerQ.Wait()
	}
	// The Unlock that let this batch in has counted it in rw.readers.
}

// RUnlock undoes one RLock; when the last reader leaves, a waiting writer gets in. It
// panics with "rwlock: RUnlock of unlocked RWMutex" when rw is not locked for reading.
func (rw *RWMutex) RUnlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.readers == 0 {
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
	rw.readers--
	if rw.readers == 0 && rw.writersWaiting > 0 {
		rw.writerQ.Signal()
	}
}

// Lock locks rw for writing. It waits until no reader and no other writer holds the
// lock; while it waits, new readers wait behind it.
func (rw *RWMutex) Lock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	rw.writersWaiting++
	for rw.writer { // (wrong: the readers inside are not waited for)
		rw.writerQ.Wait()
	}
	rw.writersWaiting--
	rw.writer = true
}

// Unlock unlocks rw for writing. It lets in every waiting reader, or, when none waits,
// one waiting writer. It panics with "rwlock: Unlock of unlocked RWMutex" when rw is not
// locked for writing.
func (rw *RWMutex) Unlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.writer {
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	rw.writer = false
	if rw.readersWaiting > 0 {
		rw.readers += rw.readersWaiting
		rw.readersWaiting = 0
		rw.batch++
		rw.readerQ.Broadcast()
		return
	}
	if rw.writersWaiting > 0 {
		rw.writerQ.Signal()
	}
}
