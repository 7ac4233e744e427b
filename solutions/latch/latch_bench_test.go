package latch

import (
	"context"
	"sync"
	"testing"
)

// The benchmarks compare a round of the reference Latch with the same round done by its
// standard-library analogue, sync.WaitGroup: start a round of Workers, count it down,
// wait for it. One op is one round. Run them with:
//
//	go test -bench . -run '^$' ./solutions/latch/

// Workers is the count of a round.
const Workers = 4

// A round is what the benchmarks drive: start a round of n, count down once, wait.
type round struct {
	start     func(n int)
	countDown func()
	wait      func()
}

func latchRound() round {
	l := New(0)
	ctx := context.Background()
	return round{
		start:     func(n int) { l.TrySetCount(n) },
		countDown: l.CountDown,
		wait:      func() { l.Wait(ctx) },
	}
}

func waitGroupRound() round {
	var wg sync.WaitGroup
	return round{start: wg.Add, countDown: wg.Done, wait: wg.Wait}
}

// BenchmarkOneGoroutine: one goroutine starts a round, counts it down and waits, which
// returns at once: the bookkeeping alone.
func BenchmarkOneGoroutine(b *testing.B) {
	b.Run("Latch", func(b *testing.B) { oneGoroutine(b, latchRound()) })
	b.Run("WaitGroup", func(b *testing.B) { oneGoroutine(b, waitGroupRound()) })
}

func oneGoroutine(b *testing.B, r round) {
	b.ReportAllocs()
	for b.Loop() {
		r.start(Workers)
		for range Workers {
			r.countDown()
		}
		r.wait()
	}
}

// BenchmarkWorkers: Workers goroutines each count down once a round while the
// benchmark's goroutine waits: the bookkeeping plus blocking and waking.
func BenchmarkWorkers(b *testing.B) {
	b.Run("Latch", func(b *testing.B) { workers(b, latchRound()) })
	b.Run("WaitGroup", func(b *testing.B) { workers(b, waitGroupRound()) })
}

func workers(b *testing.B, r round) {
	b.ReportAllocs()
	kicks := make([]chan struct{}, Workers)
	var done sync.WaitGroup
	for i := range kicks {
		kicks[i] = make(chan struct{}, 1)
		done.Go(func() {
			for range kicks[i] {
				r.countDown()
			}
		})
	}
	defer done.Wait()
	for b.Loop() {
		r.start(Workers)
		for _, k := range kicks {
			k <- struct{}{}
		}
		r.wait()
	}
	for _, k := range kicks {
		close(k)
	}
}
