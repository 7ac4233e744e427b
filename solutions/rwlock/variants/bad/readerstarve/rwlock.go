// Package rwlock is a known-bad RWMutex.
//
// Bug: reader starvation, the textbook "writers-preference" lock. It stops new readers
// while a writer waits (right), but when a writer unlocks it hands the lock to the next
// waiting writer, and the readers waiting since before that writer came wait on; with
// writers coming and going, a reader may wait forever. Verdict: "reader starvation".
package rwlock

import "sync"

type RWMutex struct {
	mu             sync.Mutex
	readerQ        sync.Cond
	writerQ        sync.Cond
	readers        int
	writer         bool
	writersWaiting int
}

func New() *RWMutex {
	rw := &RWMutex{}
	rw.readerQ.L = &rw.mu
	rw.writerQ.L = &rw.mu
	return rw
}

func (rw *RWMutex) RLock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	for rw.writer || rw.writersWaiting > 0 {
		rw.readerQ.Wait()
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
		rw.writerQ.Signal()
	}
}

func (rw *RWMutex) Lock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	rw.writersWaiting++
	for rw.writer || rw.readers > 0 {
		rw.writerQ.Wait()
	}
	rw.writersWaiting--
	rw.writer = true
}

func (rw *RWMutex) Unlock() {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.writer {
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	rw.writer = false
	if rw.writersWaiting > 0 {
		rw.writerQ.Signal() // the next writer first: the waiting readers wait on
		return
	}
	rw.readerQ.Broadcast()
}
