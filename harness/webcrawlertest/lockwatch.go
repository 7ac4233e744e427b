package webcrawlertest

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
)

// A lockWatch reports, ahead of the harness's watchdog and in plainer words, a crawl stuck
// with a goroutine waiting in sync.Mutex.Lock while a fetch is in flight. The lock is held
// during Fetch (in real time the fetches would run one at a time, which is wrong too), or
// while its holder waits for other goroutines (a deadlock in real time as well). In a
// synctest bubble a goroutine waiting in Mutex.Lock is not durably blocked, so fake time
// stops and the fetch never ends.
type lockWatch struct {
	t     testing.TB
	pkg   string
	ticks atomic.Int64
	mu    sync.Mutex
	note  string
	stop  chan struct{}
	done  chan struct{}
}

// lockStall is how long a run must make no progress before the lockWatch looks;
// it reports when the same goroutine is still waiting in Lock a second later.
const lockStall = 1500 * time.Millisecond

func startLockWatch(t testing.TB, pkg string) *lockWatch {
	l := &lockWatch{t: t, pkg: pkg, stop: make(chan struct{}), done: make(chan struct{})}
	go l.run()
	t.Cleanup(func() {
		close(l.stop)
		<-l.done
	})
	return l
}

func (l *lockWatch) progress() { l.ticks.Add(1) }

func (l *lockWatch) notef(format string, args ...any) {
	l.mu.Lock()
	l.note = fmt.Sprintf(format, args...)
	l.mu.Unlock()
	l.progress()
}

func (l *lockWatch) run() {
	defer close(l.done)
	tick := time.NewTicker(lockStall / 10)
	defer tick.Stop()
	seen, last := l.ticks.Load(), time.Now()
	suspects := map[string]bool{}
	for {
		select {
		case <-l.stop:
			return
		case <-tick.C:
		}
		if n := l.ticks.Load(); n != seen {
			seen, last = n, time.Now()
			clear(suspects)
			continue
		}
		if time.Since(last) < lockStall {
			continue
		}
		locked, fetching := l.scan()
		if len(fetching) == 0 {
			clear(suspects)
			continue
		}
		still := false
		for _, g := range locked {
			still = still || suspects[g.ID]
		}
		if still && time.Since(last) >= lockStall+time.Second {
			l.report(time.Since(last))
			return
		}
		for _, g := range locked {
			suspects[g.ID] = true
		}
	}
}

// scan returns the learner's goroutines waiting to lock a mutex, and the goroutines in
// the fake Fetch.
func (l *lockWatch) scan() (locked, fetching []harness.Goroutine) {
	for _, g := range harness.Of(l.pkg, harness.Goroutines()) {
		if strings.HasPrefix(g.State, "sync.Mutex.Lock") || strings.HasPrefix(g.State, "sync.RWMutex.") {
			locked = append(locked, g)
		}
		for _, f := range g.Frames {
			if strings.HasSuffix(f.Func, "webcrawlertest.(*fake).Fetch") {
				fetching = append(fetching, g)
				break
			}
		}
	}
	return locked, fetching
}

func (l *lockWatch) report(since time.Duration) {
	l.mu.Lock()
	note := l.note
	l.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "--- FAIL: %s (stuck)\n", l.t.Name())
	fmt.Fprintf(&b, "    deadlock: a goroutine of yours waits in sync.Mutex.Lock while a fetch is in flight, and the lock is never released (no progress for %v): is it held during Fetch (then no other fetch can start) or while waiting for other goroutines? Never hold a lock while you fetch or wait; wait for a free slot on a channel, a sync.Cond or a sync.WaitGroup. (In the judge's fake time a goroutine waiting in Mutex.Lock stops the clock, so the fetch never ends.)\n", since.Round(100*time.Millisecond))
	if note != "" {
		fmt.Fprintf(&b, "    while: %s\n", note)
	}
	fmt.Fprintf(&b, "    your goroutines and where they are:\n")
	for _, line := range strings.Split(harness.Describe(l.pkg, harness.Of(l.pkg, harness.Goroutines())), "\n") {
		fmt.Fprintf(&b, "    %s\n", line)
	}
	if s := harness.Seed(); s != 0 {
		fmt.Fprintf(&b, "    To reproduce: go test -race -run='^%s$' -rapid.seed=%d (in the kata's folder)\n", l.t.Name(), s)
	}
	b.WriteString("FAIL\n")
	fmt.Fprint(os.Stderr, b.String())
	harness.Exit()
}
