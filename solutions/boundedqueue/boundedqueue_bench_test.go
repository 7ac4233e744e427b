package boundedqueue

import (
	"context"
	"sync"
	"testing"
)

// The benchmark moves items from Producers producers to Consumers consumers through the
// reference Queue and through a buffered channel of the same capacity. One op is one
// item; items/s is reported. Run it with:
//
//	go test -bench . -run '^$' ./solutions/boundedqueue/
const (
	Producers = 4
	Consumers = 4
	Capacity  = 8
)

func BenchmarkThroughput(b *testing.B) {
	b.Run("Queue", func(b *testing.B) {
		q := New[int](Capacity)
		ctx := context.Background()
		throughput(b, func(v int) { q.Put(ctx, v) }, func() { q.Take(ctx) })
	})
	b.Run("chan", func(b *testing.B) {
		ch := make(chan int, Capacity)
		throughput(b, func(v int) { ch <- v }, func() { <-ch })
	})
}

func throughput(b *testing.B, put func(int), take func()) {
	b.ReportAllocs()
	n := b.N
	var wg sync.WaitGroup
	b.ResetTimer()
	for p := range Producers {
		wg.Go(func() {
			for i := p; i < n; i += Producers {
				put(i)
			}
		})
	}
	for c := range Consumers {
		wg.Go(func() {
			for i := c; i < n; i += Consumers {
				take()
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}
