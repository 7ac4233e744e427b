package cplatchtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gokata/workbook/harness/cp"
)

// forgetful answers a log as a state machine without a record of completed
// invocations does: it applies every retry again.
func forgetful(steps []logStep) (map[cp.InvocationID]cp.Op, [][]cp.Result) {
	m := &machine{forget: true, done: map[cp.InvocationID]cp.Result{}}
	ops := map[cp.InvocationID]cp.Op{}
	var got [][]cp.Result
	for _, s := range steps {
		ops[s.Cmd.ID] = s.Cmd.Op
		got = append(got, m.apply(s.Cmd))
	}
	return ops, got
}

// inv is the id of invocation seq of session.
func inv(session, seq uint64) cp.InvocationID {
	return cp.InvocationID{Session: session, Seq: seq}
}

// TestRetriedAwait is the log on which CI once saw a verdict without its reason: the
// retried command is an Await whose first invocation had completed.
func TestRetriedAwait(t *testing.T) {
	await := logStep{Cmd: cp.Command{ID: inv(1, 1), Op: cp.Await, Deadline: start.Add(time.Millisecond)}}
	steps := []logStep{
		{Cmd: cp.Command{ID: inv(2, 1), Op: cp.CountDown}},
		{Cmd: cp.Command{ID: inv(2, 2), Op: cp.CountDown}},
		await, // count 0: completes at once
		{Cmd: cp.Command{ID: inv(1, 2), Op: cp.TrySetCount, Count: 1}},
		await, // a retry: answered from the record, it is true again; applied again, it waits
	}
	ops, got := forgetful(steps)
	assert.Empty(t, got[4], "the forgetful machine makes the retried Await wait")
	assert.Equal(t, "; entry 5 is a retry of entry 3 (Await 1.1), and your Apply applied it again: a retry must be answered from the record and change nothing",
		retried(ops, steps, got, 4))
}

// TestRetriedWaitingAwait: an Await retried while it still waits is only registered
// again, and is no reason for a wrong answer.
func TestRetriedWaitingAwait(t *testing.T) {
	await := logStep{Cmd: cp.Command{ID: inv(1, 2), Op: cp.Await, Deadline: start.Add(time.Millisecond)}}
	steps := []logStep{
		{Cmd: cp.Command{ID: inv(1, 1), Op: cp.TrySetCount, Count: 1}},
		await, // count 1: waits
		await, // a retry of a waiting Await
		{Cmd: cp.Command{ID: inv(2, 1), Op: cp.GetCount}},
	}
	ops, got := forgetful(steps)
	assert.Empty(t, retried(ops, steps, got, 3))
}
