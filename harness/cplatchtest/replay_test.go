package cplatchtest

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/gokata/workbook/harness"
	"github.com/gokata/workbook/harness/cp"
)

// sm adapts the judge's machine to the learner's interface.
type sm struct{ m *machine }

func (s sm) Apply(_ uint64, cmd cp.Command) []cp.Result { return s.m.apply(cmd) }
func (s sm) Expired(now time.Time) []cp.InvocationID    { return s.m.expired(now) }

// testClient is a plain retrying client that goroutines share.
type testClient struct {
	c       cp.Cluster
	session uint64
	seq     atomic.Uint64
	leader  atomic.Int64
}

func (l *testClient) do(ctx context.Context, cmd cp.Command) (cp.Result, error) {
	cmd.ID = cp.InvocationID{Session: l.session, Seq: l.seq.Add(1)}
	for {
		m := int(l.leader.Load())
		res, err := l.c.Invoke(ctx, m, cmd)
		var nl *cp.NotLeaderError
		switch {
		case err == nil:
			return res, nil
		case ctx.Err() != nil:
			return res, ctx.Err()
		case errors.As(err, &nl) && nl.Leader >= 0:
			l.leader.Store(int64(nl.Leader))
		default:
			l.leader.Store(int64((m + 1) % l.c.Members()))
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func (l *testClient) Await(ctx context.Context, d time.Duration) (bool, error) {
	r, err := l.do(ctx, cp.Command{Op: cp.Await, Deadline: time.Now().Add(max(d, 0))})
	return r.OK, err
}
func (l *testClient) CountDown(ctx context.Context) error {
	_, err := l.do(ctx, cp.Command{Op: cp.CountDown})
	return err
}
func (l *testClient) GetCount(ctx context.Context) (int, error) {
	r, err := l.do(ctx, cp.Command{Op: cp.GetCount})
	return r.Count, err
}
func (l *testClient) TrySetCount(ctx context.Context, n int) (bool, error) {
	r, err := l.do(ctx, cp.Command{Op: cp.TrySetCount, Count: n})
	return r.OK, err
}

// TestReplay plays runs twice and wants the same cluster trace and the same history:
// a failure must replay exactly from its seed, also with clients that share a Latch.
func TestReplay(t *testing.T) {
	newSM := func() StateMachine { return sm{newMachine()} }
	newLatch := func(c cp.Cluster, s uint64) Latch { return &testClient{c: c, session: s} }
	pkg := harness.PackageOf(newSM)
	w := harness.StartWatchdog(t, pkg)
	defer w.Stop()
	for i := range 6 {
		r := rapid.Custom(func(rt *rapid.T) run { return drawRun(rt, 200) }).Example(i)
		h1, s1, msg, _ := play(t, pkg, w, newSM, newLatch, r)
		if msg != "" {
			t.Fatalf("run %d: %s", i, msg)
		}
		h2, s2, _, _ := play(t, pkg, w, newSM, newLatch, r)
		a, b := s1.Trace(), s2.Trace()
		for k := range min(len(a), len(b)) {
			if a[k] != b[k] {
				t.Fatalf("run %d: the traces differ at line %d:\n%s\n%s", i, k, a[k], b[k])
			}
		}
		for k := range min(len(h1), len(h2)) {
			if fmt.Sprint(h1[k]) != fmt.Sprint(h2[k]) {
				t.Fatalf("run %d: the histories differ at call %d:\n%s\n%s", i, k, h1[k], h2[k])
			}
		}
		if len(a) != len(b) || len(h1) != len(h2) {
			t.Fatalf("run %d: traces of %d and %d lines, histories of %d and %d calls", i, len(a), len(b), len(h1), len(h2))
		}
	}
}
