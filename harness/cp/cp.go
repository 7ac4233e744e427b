// Package cp holds the types shared by the cplatch kata and the Raft cluster that the judge
// simulates for it: invocation ids, commands, results and the Cluster a client talks to.
package cp

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// An InvocationID names one call of a client method. A client keeps the same id when it
// retries the call, so that the state machine can tell a retry from a new call.
type InvocationID struct {
	Session uint64 // the client's session, unique per Latch
	Seq     uint64 // the call's number within the session, from 1
}

func (id InvocationID) String() string { return fmt.Sprintf("%d.%d", id.Session, id.Seq) }

// An Op is what a command asks of the latch.
type Op int

const (
	Await       Op = iota + 1 // wait until the count is zero, or until Deadline
	CountDown                 // decrement a positive count
	GetCount                  // read the count
	TrySetCount               // start a round of Count when the count is zero
	Expire                    // end the await ID with false: its Deadline has passed
)

func (op Op) String() string {
	switch op {
	case Await:
		return "Await"
	case CountDown:
		return "CountDown"
	case GetCount:
		return "GetCount"
	case TrySetCount:
		return "TrySetCount"
	case Expire:
		return "Expire"
	}
	return fmt.Sprintf("Op(%d)", int(op))
}

// A Command is one entry of the replicated log.
type Command struct {
	ID       InvocationID
	Op       Op
	Count    int       // TrySetCount: the new round's count
	Deadline time.Time // Await: when it gives up
}

// A Result completes the invocation ID.
type Result struct {
	ID    InvocationID
	Count int  // GetCount: the count
	OK    bool // Await: the count reached zero; TrySetCount: the round started
}

// A Cluster is a replicated group of members, each running a state machine. Its Invoke
// is safe for concurrent use.
type Cluster interface {
	// Members returns how many members the cluster has; they are numbered from 0.
	Members() int
	// Invoke proposes cmd through member and waits for its result. It fails with a
	// *NotLeaderError when member is not the leader, and with ErrTimeout or ctx's error
	// when the outcome is unknown (the command may or may not have been applied).
	Invoke(ctx context.Context, member int, cmd Command) (Result, error)
}

// ErrTimeout means that no reply came in time: the command may or may not have been
// applied, and may still be.
var ErrTimeout = errors.New("cp: no reply in time; the command may or may not have been applied")

// A NotLeaderError is returned by Invoke through a member that is not the leader.
type NotLeaderError struct {
	Member int // the member that was asked
	Leader int // the leader that member knows of, or -1
}

func (e *NotLeaderError) Error() string {
	if e.Leader < 0 {
		return fmt.Sprintf("cp: member %d is not the leader and knows of none", e.Member)
	}
	return fmt.Sprintf("cp: member %d is not the leader; the leader is member %d", e.Member, e.Leader)
}
