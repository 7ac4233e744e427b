// Package deferredcallback is a known-bad Deferred Callback executor.
//
// Bug: one goroutine owns the heap, receives new actions on an unbuffered channel and
// also runs the actions, so AddAction waits until a running action returns (and from
// inside an action it would wait for itself). Verdict: "AddAction waited for a running
// action".
package deferredcallback

import (
	"container/heap"
	"errors"
	"sync"
	"time"
)

var ErrClosed = errors.New("deferredcallback: closed")

type Executor struct {
	add  chan *item
	quit chan struct{}
	done chan struct{}
	once sync.Once
}

func New() *Executor {
	e := &Executor{add: make(chan *item), quit: make(chan struct{}), done: make(chan struct{})}
	go e.run()
	return e
}

func (e *Executor) AddAction(after time.Duration, action func()) error {
	it := &item{due: time.Now().Add(max(after, 0)), action: action}
	select {
	case <-e.quit:
		return ErrClosed
	default:
	}
	select {
	case e.add <- it: // Bug: waits while run is busy with an action
		return nil
	case <-e.quit:
		return ErrClosed
	}
}

func (e *Executor) Close() {
	e.once.Do(func() { close(e.quit) })
	<-e.done
}

func (e *Executor) run() {
	defer close(e.done)
	var q queue
	var added uint64
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		var due <-chan time.Time
		if len(q) > 0 {
			wait := time.Until(q[0].due)
			if wait <= 0 {
				select {
				case <-e.quit:
					return
				default:
				}
				heap.Pop(&q).(*item).action()
				continue
			}
			timer.Reset(wait)
			due = timer.C
		}
		select {
		case <-e.quit:
			return
		case it := <-e.add:
			added++
			it.seq = added
			heap.Push(&q, it)
		case <-due:
		}
	}
}

type item struct {
	due    time.Time
	seq    uint64
	action func()
}

type queue []*item

func (q queue) Len() int { return len(q) }

func (q queue) Less(i, j int) bool {
	if !q[i].due.Equal(q[j].due) {
		return q[i].due.Before(q[j].due)
	}
	return q[i].seq < q[j].seq
}

func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }

func (q *queue) Push(x any) { *q = append(*q, x.(*item)) }

func (q *queue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}
