// Package rwlock is a correct RWMutex: the algorithm of sync.RWMutex, with atomic
// counters, a sync.Mutex between writers, and channels for the runtime's semaphores.
//
// readerCount counts the readers holding or waiting; a writer that holds w subtracts
// maxReaders from it, so a negative count tells RLock to wait, and readerWait counts the
// readers the writer still waits for. Unlock adds maxReaders back and lets in, one send
// each, exactly the readers that came while the writer held the lock.
package rwlock

import (
	"sync"
	"sync/atomic"
)

const maxReaders = 1 << 30

type RWMutex struct {
	w           sync.Mutex    // held by the writer, pending or in
	writerSem   chan struct{} // the last reader to leave lets the pending writer in
	readerSem   chan struct{} // Unlock lets each waiting reader in
	readerCount atomic.Int32
	readerWait  atomic.Int32
}

func New() *RWMutex {
	return &RWMutex{writerSem: make(chan struct{}, 1), readerSem: make(chan struct{})}
}

func (rw *RWMutex) RLock() {
	if rw.readerCount.Add(1) < 0 {
		<-rw.readerSem // a writer is pending or in
	}
}

func (rw *RWMutex) RUnlock() {
	r := rw.readerCount.Add(-1)
	if r >= 0 {
		return
	}
	if r+1 == 0 || r+1 == -maxReaders {
		rw.readerCount.Add(1)
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
	if rw.readerWait.Add(-1) == 0 {
		rw.writerSem <- struct{}{} // the last reader the writer waited for
	}
}

func (rw *RWMutex) Lock() {
	rw.w.Lock()
	r := rw.readerCount.Add(-maxReaders) + maxReaders // readers inside
	if r != 0 && rw.readerWait.Add(r) != 0 {
		<-rw.writerSem
	}
}

func (rw *RWMutex) Unlock() {
	r := rw.readerCount.Add(maxReaders)
	if r >= maxReaders {
		rw.readerCount.Add(-maxReaders)
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	for range r {
		rw.readerSem <- struct{}{}
	}
	rw.w.Unlock()
}
