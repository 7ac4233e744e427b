package raftsim

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/cryptotest"
	"testing/synctest"
	"time"

	"github.com/gokata/workbook/harness/cp"
)

// counter is a deduplicating counter: CountDown adds one, GetCount reads.
type counter struct {
	n    int
	done map[cp.InvocationID]cp.Result
}

func (c *counter) Apply(_ uint64, cmd cp.Command) []cp.Result {
	if r, ok := c.done[cmd.ID]; ok {
		return []cp.Result{r}
	}
	if cmd.Op == cp.CountDown {
		c.n++
	}
	r := cp.Result{ID: cmd.ID, Count: c.n, OK: true}
	c.done[cmd.ID] = r
	return []cp.Result{r}
}

func (c *counter) Expired(time.Time) []cp.InvocationID { return nil }

func newCounter() StateMachine { return &counter{done: map[cp.InvocationID]cp.Result{}} }

// invoke retries cmd through every member in turn until it has a result.
func invoke(ctx context.Context, c cp.Cluster, cmd cp.Command) (cp.Result, error) {
	member := 0
	for {
		res, err := c.Invoke(ctx, member, cmd)
		var nl *cp.NotLeaderError
		switch {
		case err == nil:
			return res, nil
		case ctx.Err() != nil:
			return cp.Result{}, ctx.Err()
		case errors.As(err, &nl) && nl.Leader >= 0:
			member = nl.Leader
		default:
			member = (member + 1) % c.Members()
			time.Sleep(Tick)
		}
	}
}

func faulty(members int, seed uint64) Plan {
	return Plan{
		Members: members, Seed: seed,
		Drop: 0.05, Duplicate: 0.05, MaxDelay: 3, LoseReply: 0.1,
		Events: []Event{
			{Tick: 40, Kind: Crash, Member: 0},
			{Tick: 60, Kind: Partition, Minority: []int{1}},
			{Tick: 90, Kind: Restart, Member: 0},
			{Tick: 120, Kind: Heal},
			{Tick: 150, Kind: Crash, Member: 2},
		},
		HealAt: 250,
	}
}

// run plays clients*ops increments on plan and returns the trace and the final count.
func run(t *testing.T, plan Plan, clients, ops int) (trace []string, count int, agree string) {
	t.Helper()
	cryptotest.SetGlobalRandom(t, plan.Seed)
	synctest.Test(t, func(t *testing.T) {
		s := New(plan, newCounter)
		stop := make(chan struct{})
		ran := make(chan struct{})
		go func() { defer close(ran); s.Run(stop) }()
		done := make(chan struct{}, clients)
		for c := range clients {
			go func() {
				defer func() { done <- struct{}{} }()
				for i := range ops {
					time.Sleep(time.Duration(i%4+c) * Tick) // spread the calls over the faults
					id := cp.InvocationID{Session: uint64(c + 1), Seq: uint64(i + 1)}
					if _, err := invoke(t.Context(), s, cp.Command{ID: id, Op: cp.CountDown}); err != nil {
						t.Errorf("client %d: %v", c, err)
						return
					}
				}
			}()
		}
		for range clients {
			<-done
		}
		res, err := invoke(t.Context(), s, cp.Command{ID: cp.InvocationID{Session: 99, Seq: 1}, Op: cp.GetCount})
		if err != nil {
			t.Fatal(err)
		}
		close(stop)
		<-ran
		if f := s.Failure(); f != "" {
			t.Fatal(f)
		}
		trace, count, agree = s.Trace(), res.Count, s.Agree()
	})
	return trace, count, agree
}

func TestExactlyOnceThroughFaults(t *testing.T) {
	for _, members := range []int{3, 5} {
		t.Run(fmt.Sprint(members), func(t *testing.T) {
			_, count, agree := run(t, faulty(members, 7), 4, 25)
			if count != 100 {
				t.Errorf("count = %d, want 100", count)
			}
			if agree != "" {
				t.Error(agree)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for seed := range uint64(3) {
		a, _, _ := run(t, faulty(3, seed), 3, 10)
		b, _, _ := run(t, faulty(3, seed), 3, 10)
		if !slices.Equal(a, b) {
			for i := range min(len(a), len(b)) {
				if a[i] != b[i] {
					t.Fatalf("seed %d: traces differ at line %d:\n%s\n%s", seed, i, a[i], b[i])
				}
			}
			t.Fatalf("seed %d: traces of %d and %d lines", seed, len(a), len(b))
		}
	}
}
