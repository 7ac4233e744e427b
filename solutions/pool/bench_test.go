package pool

import (
	"context"
	"sync"
	"testing"
)

// BenchWorkers is the concurrency of both benchmarks.
const BenchWorkers = 4

// BenchmarkPool submits b.N tiny tasks to a Pool of BenchWorkers workers and waits for
// every result.
func BenchmarkPool(b *testing.B) {
	p := New(BenchWorkers)
	defer p.Close()
	fs := make([]*Future[int], b.N)
	b.ResetTimer()
	for i := range b.N {
		fs[i] = Submit(p, func() (int, error) { return i, nil })
	}
	for _, f := range fs {
		if _, err := f.Get(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tasks/s")
}

// BenchmarkWaitGroupSemaphore runs b.N tiny tasks the way without a pool: a goroutine
// per task, at most BenchWorkers at once (a semaphore channel), joined by a
// sync.WaitGroup, each result stored in its slot.
func BenchmarkWaitGroupSemaphore(b *testing.B) {
	results := make([]int, b.N)
	sem := make(chan struct{}, BenchWorkers)
	var wg sync.WaitGroup
	b.ResetTimer()
	for i := range b.N {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[i] = i
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tasks/s")
}
