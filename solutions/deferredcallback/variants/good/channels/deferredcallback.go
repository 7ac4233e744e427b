// Package deferredcallback is a correct Deferred Callback executor in the channel
// style: a scheduler goroutine owns the heap and is the only one to touch it; it
// receives new actions on a channel, sleeps on a timer, and hands each due action to a
// runner goroutine, the executor's own goroutine, which runs them one at a time. The
// scheduler never runs an action, so it always receives AddAction at once.
package deferredcallback

import (
	"container/heap"
	"errors"
	"time"
)

// ErrClosed is returned by AddAction after Close.
var ErrClosed = errors.New("deferredcallback: closed")

// Executor is a scheduler goroutine and a runner goroutine joined by channels.
type Executor struct {
	add  chan *item    // AddAction to the scheduler
	quit chan struct{} // closed by the first Close
	stop chan struct{} // Close asks to stop; the scheduler receives it once
	done chan struct{} // closed when both goroutines have exited

	run     chan func()   // scheduler to runner: run this
	ran     chan struct{} // runner to scheduler: it returned
	stopped chan struct{} // closed when the runner has exited
}

// New returns an Executor with no actions, and starts its goroutines.
func New() *Executor {
	e := &Executor{
		add:     make(chan *item),
		quit:    make(chan struct{}),
		stop:    make(chan struct{}, 1),
		done:    make(chan struct{}),
		run:     make(chan func()),
		ran:     make(chan struct{}),
		stopped: make(chan struct{}),
	}
	go e.schedule()
	go e.runner()
	return e
}

// AddAction schedules action to run once, after the delay after; after Close it
// returns ErrClosed.
func (e *Executor) AddAction(after time.Duration, action func()) error {
	it := &item{due: time.Now().Add(max(after, 0)), action: action}
	select {
	case <-e.quit:
		return ErrClosed
	default:
	}
	select {
	case e.add <- it:
		return nil
	case <-e.quit:
		return ErrClosed
	}
}

// Close stops the executor, drops the pending actions and waits for a running action
// and both goroutines. It is idempotent.
func (e *Executor) Close() {
	select {
	case e.stop <- struct{}{}:
	default: // another Close got there first
	}
	<-e.done
}

// schedule owns the heap.
func (e *Executor) schedule() {
	defer close(e.done)
	var q queue
	var added uint64
	busy := false // the runner is running an action
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		var due <-chan time.Time
		if !busy && len(q) > 0 {
			if wait := time.Until(q[0].due); wait > 0 {
				timer.Reset(wait)
				due = timer.C
			} else {
				e.run <- heap.Pop(&q).(*item).action // the runner is idle: it takes it at once
				busy = true
				continue
			}
		}
		select {
		case it := <-e.add:
			added++
			it.seq = added
			heap.Push(&q, it)
		case <-e.ran:
			busy = false
		case <-due:
		case <-e.stop:
			close(e.quit) // AddAction returns ErrClosed from now on
			if busy {
				<-e.ran
			}
			close(e.run)
			<-e.stopped
			return
		}
	}
}

// runner is the executor's own goroutine: every action runs here.
func (e *Executor) runner() {
	defer close(e.stopped)
	for action := range e.run {
		action()
		e.ran <- struct{}{}
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
