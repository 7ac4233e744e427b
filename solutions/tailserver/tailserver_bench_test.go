package tailserver

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The benchmarks run the reference in real time with 100 files and a 1ms interval,
// and report the lines printed per second (from the first append to the last print)
// and the latency from the append of a line to its Write to out, at the median and the
// 99th percentile. Run them with:
//
//	go test -run='^$' -bench=. ./solutions/tailserver

// BenchmarkThroughput appends to each file at full speed, one line per write, from a
// goroutine per file. The appenders outrun the server (they are 100 goroutines, its
// printer is one), so the latency it reports is mostly the time a line waits in line.
func BenchmarkThroughput(b *testing.B) {
	bench(b, 0)
}

// BenchmarkPaced appends one line to each file every millisecond (100,000 lines a
// second in all), a load the server keeps up with: its latency is the polling delay.
func BenchmarkPaced(b *testing.B) {
	bench(b, time.Millisecond)
}

// bench runs b.N lines (at least one per file) through a Server; each file's appender
// waits pace between lines.
func bench(b *testing.B, pace time.Duration) {
	const files = 100
	perFile := max(1, b.N/files)
	total := perFile * files
	dir := b.TempDir()
	out := newLatencyWriter(total)
	s := New(out, time.Millisecond)
	paths := make([]string, files)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("f%03d.log", i))
		if err := os.WriteFile(paths[i], nil, 0o644); err != nil {
			b.Fatal(err)
		}
		if err := s.Add(paths[i]); err != nil {
			b.Fatal(err)
		}
	}

	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for _, path := range paths {
		wg.Go(func() { appendLines(b, path, perFile, pace) })
	}
	wg.Wait()
	select {
	case <-out.done:
	case <-time.After(time.Minute):
		b.Fatalf("only %d of %d lines printed a minute after the appends began", out.count(), total)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}

	lat := out.latencies()
	slices.Sort(lat)
	b.ReportMetric(float64(total)/elapsed.Seconds(), "lines/s")
	b.ReportMetric(float64(lat[len(lat)/2])/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100])/1e3, "p99-µs")
	b.ReportMetric(0, "ns/op") // the time per line is 1/(lines/s)
}

// appendLines appends n lines to the file at path, each starting with the time it was
// appended (Unix nanoseconds), waiting pace between lines.
func appendLines(b *testing.B, path string, n int, pace time.Duration) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		b.Error(err)
		return
	}
	defer f.Close()
	var tick <-chan time.Time
	if pace > 0 {
		t := time.NewTicker(pace)
		defer t.Stop()
		tick = t.C
	}
	line := make([]byte, 0, 64)
	for range n {
		if tick != nil {
			<-tick
		}
		line = strconv.AppendInt(line[:0], time.Now().UnixNano(), 10)
		line = append(line, " 0123456789abcdefghijklmnopqrstuvwxyz\n"...)
		if _, err := f.Write(line); err != nil {
			b.Error(err)
			return
		}
	}
}

// latencyWriter records, for every line it is given, the time since the append
// timestamp the line starts with, and closes done once it has seen want lines.
type latencyWriter struct {
	mu   sync.Mutex
	lat  []time.Duration
	want int
	done chan struct{}
}

func newLatencyWriter(want int) *latencyWriter {
	return &latencyWriter{lat: make([]time.Duration, 0, want), want: want, done: make(chan struct{})}
}

func (w *latencyWriter) Write(p []byte) (int, error) {
	now := time.Now().UnixNano()
	_, line, _ := bytes.Cut(p, []byte(": "))
	stamp, _, _ := bytes.Cut(line, []byte(" "))
	sent, err := strconv.ParseInt(string(stamp), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad line %q: %w", p, err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lat = append(w.lat, time.Duration(now-sent))
	if len(w.lat) == w.want {
		close(w.done)
	}
	return len(p), nil
}

func (w *latencyWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.lat)
}

func (w *latencyWriter) latencies() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.lat)
}
