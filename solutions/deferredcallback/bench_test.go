package deferredcallback

import (
	"math/rand/v2"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// The benchmarks schedule benchActions actions, each after a random delay below
// benchSpread, and wait until all have run: on one Executor, and with time.AfterFunc,
// the standard library's analogue (which runs every action on a goroutine of its own,
// possibly at the same time). Run them with:
//
//	go test -bench . -benchmem -run '^$' ./solutions/deferredcallback/
//
// Besides ns/op (one op is all benchActions actions), B/op and allocs/op, each reports
// ns/action and peak-heap-B: the most heap the op had in use above where it started,
// sampled every 100µs.
const (
	benchActions = 100_000
	benchSpread  = time.Millisecond
)

func benchDelays() []time.Duration {
	r := rand.New(rand.NewPCG(1, 2))
	ds := make([]time.Duration, benchActions)
	for i := range ds {
		ds[i] = time.Duration(r.Int64N(int64(benchSpread)))
	}
	return ds
}

func BenchmarkExecutor(b *testing.B) {
	bench(b, func(ds []time.Duration, action func()) (stop func()) {
		e := New()
		for _, d := range ds {
			if err := e.AddAction(d, action); err != nil {
				b.Fatal(err)
			}
		}
		return e.Close
	})
}

func BenchmarkAfterFunc(b *testing.B) {
	bench(b, func(ds []time.Duration, action func()) (stop func()) {
		for _, d := range ds {
			time.AfterFunc(d, action)
		}
		return func() {}
	})
}

// bench times schedule, which must arrange for action to run once per delay and return
// how to stop; the op ends when every action has run and stop has returned.
func bench(b *testing.B, schedule func(ds []time.Duration, action func()) (stop func())) {
	ds := benchDelays()
	var peak heapPeak
	b.ReportAllocs()
	for b.Loop() {
		var wg sync.WaitGroup
		wg.Add(len(ds))
		peak.start()
		stop := schedule(ds, wg.Done)
		wg.Wait()
		stop()
		peak.stop()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchActions), "ns/action")
	b.ReportMetric(float64(peak.max), "peak-heap-B")
}

// heapPeak samples the bytes of heap objects in use while an op runs.
type heapPeak struct {
	max  uint64 // the largest rise over the baseline, over all ops
	quit chan struct{}
	done chan struct{}
}

func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func (p *heapPeak) start() {
	base := heapInUse()
	p.quit, p.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.done)
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			if h := heapInUse(); h > base && h-base > p.max {
				p.max = h - base
			}
			select {
			case <-p.quit:
				return
			case <-tick.C:
			}
		}
	}()
}

func (p *heapPeak) stop() {
	close(p.quit)
	<-p.done
}
