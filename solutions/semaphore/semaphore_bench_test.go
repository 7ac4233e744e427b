package semaphore

import (
	"context"
	"testing"
)

// The benchmarks compare the reference Weighted with the semaphore Go programs use when
// every request is for one token: a buffered channel, where a send takes a token and a
// receive gives it back. (golang.org/x/sync/semaphore is not a dependency of the
// workbook.) Run them with:
//
//	go test -bench . -run '^$' ./solutions/semaphore/

// A sem is what the benchmarks drive: take one token, give it back.
type sem struct {
	acquire func()
	release func()
}

func weightedSem(size int64) sem {
	s := New(size)
	ctx := context.Background()
	return sem{acquire: func() { s.Acquire(ctx, 1) }, release: func() { s.Release(1) }}
}

func channelSem(size int) sem {
	ch := make(chan struct{}, size)
	return sem{acquire: func() { ch <- struct{}{} }, release: func() { <-ch }}
}

// BenchmarkUncontended: one goroutine takes a token and gives it back: the bookkeeping
// alone.
func BenchmarkUncontended(b *testing.B) {
	b.Run("Weighted", func(b *testing.B) { uncontended(b, weightedSem(1)) })
	b.Run("channel", func(b *testing.B) { uncontended(b, channelSem(1)) })
}

func uncontended(b *testing.B, s sem) {
	b.ReportAllocs()
	for b.Loop() {
		s.acquire()
		s.release()
	}
}

// BenchmarkContended: goroutines on every CPU, four per CPU, share two tokens, so that
// most acquisitions wait and are woken.
func BenchmarkContended(b *testing.B) {
	b.Run("Weighted", func(b *testing.B) { contended(b, weightedSem(2)) })
	b.Run("channel", func(b *testing.B) { contended(b, channelSem(2)) })
}

func contended(b *testing.B, s sem) {
	b.ReportAllocs()
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		x := 0
		for pb.Next() {
			s.acquire()
			for i := range 50 {
				x += i
			}
			s.release()
		}
		_ = x
	})
}
