package watch

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A run is one call of the job, as the test sees it.
type run struct {
	ctx    context.Context
	result chan bool // what the job returns
}

// jobs returns a job that announces each run on the channel and returns what the test
// sends it, or false once cancelled.
func jobs() (func(context.Context) bool, chan run) {
	runs := make(chan run)
	return func(ctx context.Context) bool {
		r := run{ctx: ctx, result: make(chan bool)}
		runs <- r
		select {
		case ok := <-r.result:
			return ok
		case <-ctx.Done():
			return false
		}
	}, runs
}

func next(t *testing.T, runs chan run) run {
	t.Helper()
	select {
	case r := <-runs:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("the job was not run")
		return run{}
	}
}

func loop(ctx context.Context, saves chan struct{}, first bool, job func(context.Context) bool) chan bool {
	done := make(chan bool, 1)
	go func() { done <- Loop(ctx, saves, first, job) }()
	return done
}

// TestLoopRestart: a save while the job runs cancels it and starts another; a run that
// returns true ends the loop.
func TestLoopRestart(t *testing.T) {
	job, runs := jobs()
	saves := make(chan struct{})
	done := loop(context.Background(), saves, true, job)

	r1 := next(t, runs) // the first run, at the start
	saves <- struct{}{}
	<-r1.ctx.Done() // cancelled by the save
	r2 := next(t, runs)
	require.NoError(t, r2.ctx.Err())
	r2.result <- false // a verdict: fail
	saves <- struct{}{}
	r3 := next(t, runs)
	r3.result <- true // a pass ends the loop
	assert.True(t, <-done)
}

// TestLoopClosedSaves: closing saves lets the run in progress finish, and its result is
// Loop's.
func TestLoopClosedSaves(t *testing.T) {
	job, runs := jobs()
	saves := make(chan struct{})
	done := loop(context.Background(), saves, false, job)
	saves <- struct{}{}
	r := next(t, runs)
	close(saves)
	select {
	case <-done:
		t.Fatal("Loop returned before its last run did")
	case <-time.After(20 * time.Millisecond):
	}
	require.NoError(t, r.ctx.Err(), "the last run was cancelled")
	r.result <- true
	assert.True(t, <-done)

	// Closed with no run in progress: Loop returns false at once.
	closed := make(chan struct{})
	close(closed)
	assert.False(t, Loop(context.Background(), closed, false, job))
}

// TestLoopInterrupt: when ctx is done, the run in progress is cancelled and Loop returns
// false once it has returned.
func TestLoopInterrupt(t *testing.T) {
	job, runs := jobs()
	ctx, cancel := context.WithCancel(context.Background())
	done := loop(ctx, make(chan struct{}), true, job)
	r := next(t, runs)
	cancel()
	<-r.ctx.Done()
	assert.False(t, <-done)
}
