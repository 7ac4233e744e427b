// Package queuejudge is what the judges of the queue katas (boundedqueue, workqueue) share:
// schedules in fake time and their played runs, the texts of their verdicts, the
// sequential script, the real-time probe, the schedules and registrations rules and
// porcupine's explanation.
package queuejudge

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"
)

// How a call ended, as the judges' records say it.
const (
	ErrNil      = "nil"
	ErrCanceled = "context.Canceled"
	ErrDeadline = "context.DeadlineExceeded"
)

// ErrText renders what a call returned: ErrNil, ErrCanceled, ErrDeadline, or the quoted
// text of any other error (a wrapped context error is named as such).
func ErrText(err error) string {
	switch {
	case err == nil:
		return ErrNil
	case err == context.Canceled:
		return ErrCanceled
	case err == context.DeadlineExceeded:
		return ErrDeadline
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("%q (a wrapped context error; return ctx.Err() itself)", err.Error())
	}
	return fmt.Sprintf("%q", err.Error())
}

// A Finding is a broken rule, the instant it shows and the call at fault.
type Finding struct {
	At  time.Duration
	Msg string
	ID  int // the call at fault, by id (0 when none is)
}

// Earliest returns the finding that shows first (the first listed among those of the
// same instant), or the zero Finding when there is none.
func Earliest(found []Finding) Finding {
	if len(found) == 0 {
		return Finding{}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].At < found[j].At })
	return found[0]
}

// CallerName names the i-th goroutine of a schedule: "goroutine A", "goroutine B", ...
func CallerName(i int) string { return "goroutine " + string(rune('A'+i)) }

// Because renders the reason of an expectation after a colon, or "" without one.
func Because(why string) string {
	if why == "" {
		return ""
	}
	return ": " + why
}
