// Package rwlock is a known-bad RWMutex.
//
// Bug: each RWMutex is a goroutine that owns the state and serves requests over a
// channel. The order is right, but nothing ever stops that goroutine: every RWMutex
// made leaks one, blocked in its loop for the life of the program. Verdict: "goroutine
// leak".
package rwlock

type op int

const (
	opRLock op = iota
	opRUnlock
	opLock
	opUnlock
)

type request struct {
	op    op
	reply chan bool // false: the unlock had nothing to unlock
}

type RWMutex struct {
	requests chan request
}

func New() *RWMutex {
	rw := &RWMutex{requests: make(chan request)}
	go rw.serve()
	return rw
}

func (rw *RWMutex) serve() {
	readers, writer := 0, false
	var waitingReaders, waitingWriters []chan bool
	letWriterIn := func() {
		writer = true
		waitingWriters[0] <- true
		waitingWriters = waitingWriters[1:]
	}
	for r := range rw.requests {
		switch r.op {
		case opRLock:
			if !writer && len(waitingWriters) == 0 {
				readers++
				r.reply <- true
			} else {
				waitingReaders = append(waitingReaders, r.reply)
			}
		case opLock:
			if !writer && readers == 0 {
				writer = true
				r.reply <- true
			} else {
				waitingWriters = append(waitingWriters, r.reply)
			}
		case opRUnlock:
			if readers == 0 {
				r.reply <- false
				continue
			}
			readers--
			r.reply <- true
			if readers == 0 && len(waitingWriters) > 0 {
				letWriterIn()
			}
		case opUnlock:
			if !writer {
				r.reply <- false
				continue
			}
			writer = false
			r.reply <- true
			if len(waitingReaders) > 0 {
				for _, c := range waitingReaders {
					readers++
					c <- true
				}
				waitingReaders = nil
			} else if len(waitingWriters) > 0 {
				letWriterIn()
			}
		}
	}
}

func (rw *RWMutex) do(o op) bool {
	reply := make(chan bool, 1)
	rw.requests <- request{o, reply}
	return <-reply
}

func (rw *RWMutex) RLock() { rw.do(opRLock) }

func (rw *RWMutex) RUnlock() {
	if !rw.do(opRUnlock) {
		panic("rwlock: RUnlock of unlocked RWMutex")
	}
}

func (rw *RWMutex) Lock() { rw.do(opLock) }

func (rw *RWMutex) Unlock() {
	if !rw.do(opUnlock) {
		panic("rwlock: Unlock of unlocked RWMutex")
	}
}
