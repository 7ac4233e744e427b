package barriertest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/gokata/workbook/harness"
)

// Stress sizes: runs, and generations per run.
const (
	StressRuns   = 50
	StressRounds = 20
)

// stress runs Barriers in real time: parties goroutines each call Await for StressRounds
// generations in a row, with no synchronization of the harness between them. Before each
// Await a goroutine writes its own slot for that generation; after it, it reads every
// other goroutine's slot of the same generation. The race detector flags those reads
// unless Await makes every arrival of a generation happen before every return from it,
// and the values read must be the ones written. Each generation's arrivals must be 0 to
// parties-1, once each.
func stress(t *testing.T, sub subject) {
	t.Helper()
	for run := range StressRuns {
		parties := 2 + rand.IntN(3)
		sub.w.Notef("stress run %d of %d: New(%d), %d goroutines calling Await %d times each, real time", run+1, StressRuns, parties, parties, StressRounds)
		var b Barrier
		if msg := harness.Call(sub.pkg, fmt.Sprintf("New(%d)", parties), func() { b = sub.newBarrier(parties) }); msg != "" {
			t.Fatal(msg)
		}
		written := make([][StressRounds]int, parties)  // written[g][r]: by goroutine g before its Await of round r
		arrivals := make([][StressRounds]int, parties) // by goroutine g
		verdicts := make([]string, parties)
		var wg sync.WaitGroup
		for g := range parties {
			wg.Go(func() {
				for r := range StressRounds {
					written[g][r] = 1 + g*StressRounds + r
					var arrival int
					var err error
					if msg := harness.Call(sub.pkg, "Await", func() { arrival, err = b.Await(context.Background()) }); msg != "" {
						verdicts[g] = msg
						return
					}
					if err != nil {
						verdicts[g] = fmt.Sprintf("wrong result: Await of goroutine %d in generation %d returned %s, want nil: no ctx ended and nobody called Reset", g+1, r+1, errText(err, sub.errBroken))
						return
					}
					arrivals[g][r] = arrival
					for j := range parties {
						// If the race detector reports this line, Await returned before it
						// synchronized with every arrival of its generation.
						if got, want := written[j][r], 1+j*StressRounds+r; got != want {
							verdicts[g] = fmt.Sprintf("reuse bug: after Await of generation %d, goroutine %d read %d from goroutine %d, want %d, written before its Await of that generation: a generation's Await returns only once all its parties have arrived", r+1, g+1, got, j+1, want)
							return
						}
					}
				}
			})
		}
		wg.Wait()
		sub.w.Progress()
		for _, v := range verdicts {
			if v != "" {
				t.Fatalf("%s\n  schedule: stress run %d, New(%d), %d goroutines calling Await %d times each, real time", v, run+1, parties, parties, StressRounds)
			}
		}
		for r := range StressRounds {
			var got []int
			for g := range parties {
				got = append(got, arrivals[g][r])
			}
			slices.Sort(got)
			for i, a := range got {
				if a != i {
					t.Fatalf("wrong arrival: generation %d of New(%d) returned arrivals %v, want each of 0 to %d once\n  schedule: stress run %d, %d goroutines calling Await %d times each, real time", r+1, parties, got, parties-1, run+1, parties, StressRounds)
				}
			}
		}
	}
}
