// Package rwlock is a known-bad RWMutex.
//
// Bug: the state lives in package variables, shared by every RWMutex: the order within
// one lock is right, but a writer on one RWMutex keeps out everyone on every other.
// Verdict: "separate RWMutexes are independent".
package rwlock

import "sync"

var (
	mu             sync.Mutex
	readerQ        = sync.NewCond(&mu)
	writerQ        = sync.NewCond(&mu)
	readers        int
	writer         bool
	writersWaiting int
	readersWaiting int
	batch          int
)

type RWMutex struct{}

func New() *RWMutex { return &RWMutex{} }

func (rw *RWMutex) RLock() {
	mu.Lock()
	defer mu.Unlock()
	if !writer && writersWaiting == 0 {
		readers++
		return
	}
	readersWaiting++
	for mine := batch; batch == mine; {
		readerQ.Wait()
	}
}

func (rw *RWMutex) RUnlock() {
	mu.Lock()
	defer mu.Unlock()
	if readers == 0 {
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
	readers--
	if readers == 0 && writersWaiting > 0 {
		writerQ.Signal()
	}
}

func (rw *RWMutex) Lock() {
	mu.Lock()
	defer mu.Unlock()
	writersWaiting++
	for writer || readers > 0 {
		writerQ.Wait()
	}
	writersWaiting--
	writer = true
}

func (rw *RWMutex) Unlock() {
	mu.Lock()
	defer mu.Unlock()
	if !writer {
		panic("rwlock: Unlock of unlocked RWMutex")
	}
	writer = false
	if readersWaiting > 0 {
		readers += readersWaiting
		readersWaiting = 0
		batch++
		readerQ.Broadcast()
		return
	}
	if writersWaiting > 0 {
		writerQ.Signal()
	}
}
