package rwlock

import (
	"sync"
	"testing"
)

// The benchmarks compare the reference RWMutex with the standard library's
// sync.RWMutex. Run them with:
//
//	go test -bench . -run '^$' ./solutions/rwlock/

// locker is what the benchmarks drive.
type locker interface {
	RLock()
	RUnlock()
	Lock()
	Unlock()
}

// BenchmarkUncontended: one goroutine takes and releases the read lock, then the write
// lock: the bookkeeping alone.
func BenchmarkUncontended(b *testing.B) {
	b.Run("RWMutex", func(b *testing.B) { uncontended(b, New()) })
	b.Run("sync.RWMutex", func(b *testing.B) { uncontended(b, &sync.RWMutex{}) })
}

func uncontended(b *testing.B, l locker) {
	b.ReportAllocs()
	for b.Loop() {
		l.RLock()
		l.RUnlock()
		l.Lock()
		l.Unlock()
	}
}

// BenchmarkMostlyReads: goroutines on every CPU, each making nine reads for one write,
// with a little work inside: readers share, and each write makes them wait.
func BenchmarkMostlyReads(b *testing.B) {
	b.Run("RWMutex", func(b *testing.B) { mostlyReads(b, New()) })
	b.Run("sync.RWMutex", func(b *testing.B) { mostlyReads(b, &sync.RWMutex{}) })
}

func mostlyReads(b *testing.B, l locker) {
	b.ReportAllocs()
	var data [16]int
	b.RunParallel(func(pb *testing.PB) {
		sum, i := 0, 0
		for pb.Next() {
			i++
			if i%10 == 0 {
				l.Lock()
				for k := range data {
					data[k]++
				}
				l.Unlock()
				continue
			}
			l.RLock()
			for _, v := range data {
				sum += v
			}
			l.RUnlock()
		}
		_ = sum
	})
}
