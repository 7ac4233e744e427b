package barrier

import (
	"context"
	"sync"
	"testing"
)

// The benchmarks compare a generation of the reference Barrier with the same round done
// by its nearest standard-library counterpart: a sync.WaitGroup per round (Add(parties)
// once, then each party calls Done and Wait; a WaitGroup must not be reused while a Wait
// may still be returning, so each round has its own). One op is one round. Run them with:
//
//	go test -bench . -run '^$' ./solutions/barrier/

// Parties is the size of a round with several goroutines.
const Parties = 4

// BenchmarkAlone: one party, so every round completes at once: the bookkeeping alone.
func BenchmarkAlone(b *testing.B) {
	b.Run("Barrier", func(b *testing.B) {
		b.ReportAllocs()
		br, ctx := New(1), context.Background()
		for b.Loop() {
			br.Await(ctx)
		}
	})
	b.Run("WaitGroup", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var wg sync.WaitGroup
			wg.Add(1)
			wg.Done()
			wg.Wait()
		}
	})
}

// BenchmarkParties: Parties goroutines meet once a round: bookkeeping plus blocking and
// waking.
func BenchmarkParties(b *testing.B) {
	b.Run("Barrier", func(b *testing.B) {
		br, ctx := New(Parties), context.Background()
		rounds(b, func(int) { br.Await(ctx) })
	})
	b.Run("WaitGroup", func(b *testing.B) {
		wgs := make([]sync.WaitGroup, b.N)
		for i := range wgs {
			wgs[i].Add(Parties)
		}
		rounds(b, func(r int) {
			wgs[r].Done()
			wgs[r].Wait()
		})
	})
}

// rounds runs b.N rounds of Parties goroutines (the benchmark's own among them), each
// calling await(round) once a round.
func rounds(b *testing.B, await func(round int)) {
	b.ReportAllocs()
	b.ResetTimer()
	var wg sync.WaitGroup
	for range Parties - 1 {
		wg.Go(func() {
			for r := range b.N {
				await(r)
			}
		})
	}
	for r := range b.N {
		await(r)
	}
	wg.Wait()
}
