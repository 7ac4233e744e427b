// Package rwlock is a correct RWMutex: a mutex with waiter lists of channels.
//
// The state is guarded by a sync.Mutex held only briefly. A reader that must wait waits
// on the channel of the current batch of waiting readers, closed when a writer unlocks;
// a writer that must wait waits on a channel of its own, in a first-come-first-served
// list. Whoever lets a waiter in updates the state for it before closing its channel
// (a hand-off), so nobody can slip in between.
package rwlock

import "sync"

type RWMutex struct {
	mu      sync.Mutex
	readers int  // readers holding the lock
	writer  bool // a writer holds the lock

	batch   chan struct{} // the waiting readers' channel; nil when no reader waits
	batched int           // readers waiting on batch
	writers []chan struct{}
}

func New() *RWMutex { return &RWMutex{} }

func (rw *RWMutex) RLock() {
	rw.mu.Lock()
	if !rw.writer && len(rw.writers) == 0 {
		rw.readers++
		rw.mu.Unlock()
		return
	}
	if rw.batch == nil {
		rw.batch = make(chan struct{})
	}
	batch := rw.batch
	rw.batched++
	rw.mu.Unlock()
	<-batch
}

func (rw *RWMutex) RUnlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.readers == 0 {
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
	rw.readers--
	if rw.readers == 0 && len(rw.writers) > 0 {
		rw.handToWriter()
	}
}

func (rw *RWMutex) Lock() {
	rw.mu.Lock()
	if !rw.writer && rw.readers == 0 && len(rw.writers) == 0 {
		rw.writer = true
		rw.mu.Unlock()
		return
	}
	mine := make(chan struct{})
	rw.writers = append(rw.writers, mine)
	rw.mu.Unlock()
	<-mine
}

func (rw *RWMutex) Unlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.writer {
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	rw.writer = false
	switch {
	case rw.batch != nil:
		rw.readers += rw.batched
		close(rw.batch)
		rw.batch, rw.batched = nil, 0
	case len(rw.writers) > 0:
		rw.handToWriter()
	}
}

// handToWriter gives the lock to the first waiting writer. rw.mu is held.
func (rw *RWMutex) handToWriter() {
	rw.writer = true
	close(rw.writers[0])
	rw.writers = rw.writers[1:]
}
