package cplatchtest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/cp"
)

// stateless is a cluster that shares no memory between callers: it answers every command
// at once, from the command alone, and sends every other call to another member. The
// judge adds no synchronization between the goroutines that call it, so the race
// detector sees the client's own.
type stateless struct{ members int }

func (c stateless) Members() int { return c.members }

func (c stateless) Invoke(ctx context.Context, member int, cmd cp.Command) (cp.Result, error) {
	if err := ctx.Err(); err != nil {
		return cp.Result{}, err
	}
	if (cmd.ID.Seq+uint64(member))%2 == 1 {
		return cp.Result{}, &cp.NotLeaderError{Member: member, Leader: (member + 1) % c.members}
	}
	return cp.Result{ID: cmd.ID, OK: true}, nil
}

// stress has four goroutines share one Latch in real time, on a stateless cluster.
func stress(t *testing.T, pkg string, w *harness.Watchdog, newLatch func(cp.Cluster, uint64) Latch) {
	t.Helper()
	w.Notef("stress: four goroutines share one Latch in real time")
	var l Latch
	if msg := harness.Call(pkg, "NewLatch", func() { l = newLatch(stateless{members: 3}, 1) }); msg != "" {
		t.Fatal(msg)
	}
	const calls = 100
	msgs := make([]string, 4) // each goroutine writes only its own
	var wg sync.WaitGroup
	for g := range msgs {
		wg.Go(func() {
			for i := range calls {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				var err error
				msg := harness.Call(pkg, "a method", func() {
					switch (g + i) % 4 {
					case 0:
						err = l.CountDown(ctx)
					case 1:
						_, err = l.GetCount(ctx)
					case 2:
						_, err = l.TrySetCount(ctx, 2)
					case 3:
						_, err = l.Await(ctx, time.Millisecond)
					}
				})
				cancel()
				if msg == "" && err != nil {
					msg = fmt.Sprintf("unexpected error: %v from a cluster that answers every call", err)
				}
				if msg != "" {
					msgs[g] = msg
					return
				}
			}
		})
	}
	wg.Wait()
	w.Progress()
	for _, m := range msgs {
		if m != "" {
			t.Fatal(m)
		}
	}
}
