package refereequeuetest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A plan is what happens to one Queue in a run: how many referees serve it, how long
// verify takes for each user, and the goroutines that call Enqueue and Close, each call
// at a fake time measured from the start of the run.
type plan struct {
	referees int
	service  map[int]time.Duration // by user ID
	routines [][]action            // one per goroutine, in call order
	// fold, when not 0, is how many Enqueue calls of a goroutine the timeline draws
	// one by one: the others are drawn as one span, and their verifications not at all.
	fold int
}

// An action is one call: Close, or Enqueue of a user.
type action struct {
	at    time.Duration
	close bool
	user  int
}

// users returns how many users the plan enqueues.
func (p plan) users() int { return len(p.service) }

// String describes the plan for a learner, one goroutine after another.
func (p plan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d referee%s", p.referees, plural(p.referees))
	for g, acts := range p.routines {
		if len(acts) == 0 {
			continue
		}
		fmt.Fprintf(&b, "; goroutine %d:", g+1)
		for i, a := range acts {
			if i > 0 {
				b.WriteByte(',')
			}
			if a.close {
				fmt.Fprintf(&b, " Close at %v", a.at)
			} else {
				fmt.Fprintf(&b, " user %d at %v (verify takes %v)", a.user, a.at, p.service[a.user])
			}
		}
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// describe renders the plans of one run.
func describe(plans []plan) string {
	if len(plans) == 1 {
		return plans[0].String()
	}
	var parts []string
	for i, p := range plans {
		parts = append(parts, fmt.Sprintf("Queue %d: %s", i+1, p))
	}
	return strings.Join(parts, " | ")
}

// story is the kata's example: six users 2 s apart, each verified in 4 s, then Close.
// Users are numbered from first.
func story(referees, first int) plan {
	p := plan{referees: referees, service: map[int]time.Duration{}, routines: make([][]action, 1)}
	for i := range 6 {
		id := first + i
		p.service[id] = 4 * time.Second
		p.routines[0] = append(p.routines[0], action{at: time.Duration(i) * 2 * time.Second, user: id})
	}
	p.routines[0] = append(p.routines[0], action{at: 10 * time.Second, close: true})
	return p
}

// burst keeps every referee busy for hold, and meanwhile enqueues n more users at one
// instant, then closes.
func burst(referees, n int, hold time.Duration) plan {
	p := plan{referees: referees, service: map[int]time.Duration{}, routines: make([][]action, 1), fold: referees + 2}
	for id := 1; id <= referees+n; id++ {
		p.service[id] = time.Millisecond
		if id <= referees {
			p.service[id] = hold
		}
		p.routines[0] = append(p.routines[0], action{user: id})
	}
	p.routines[0] = append(p.routines[0], action{close: true})
	return p
}

// Generators of fake durations: not round, but often equal (so that arrivals and
// referees coming free fall on the same instant) and often zero (users arriving
// together).
var (
	gaps = rapid.OneOf(
		rapid.Just(time.Duration(0)),
		rapid.Map(rapid.IntRange(1, 8), halfSeconds),
		rapid.Map(rapid.Int64Range(1, int64(5*time.Second)), nanoseconds),
	)
	services = rapid.OneOf(
		rapid.Map(rapid.IntRange(1, 8), halfSeconds),
		rapid.Map(rapid.Int64Range(1, int64(10*time.Second)), nanoseconds),
	)
)

func halfSeconds(n int) time.Duration   { return time.Duration(n) * 500 * time.Millisecond }
func nanoseconds(n int64) time.Duration { return time.Duration(n) }

// drawPlans draws one run: one or two Queues used at once.
func drawPlans(rt *rapid.T) []plan {
	n := rapid.IntRange(1, 2).Draw(rt, "queues")
	var plans []plan
	first := 1
	for i := range n {
		label := ""
		if n > 1 {
			label = fmt.Sprintf("queue %d ", i+1)
		}
		p := drawPlan(rt, label, first)
		first += p.users()
		plans = append(plans, p)
	}
	return plans
}

// drawPlan draws the referees, the users (arrival gaps, service times, which goroutine
// enqueues each) and one or two calls of Close, at any point, from an enqueuing
// goroutine or one of its own. Users are numbered from first.
func drawPlan(rt *rapid.T, label string, first int) plan {
	p := plan{service: map[int]time.Duration{}}
	p.referees = rapid.IntRange(1, 4).Draw(rt, label+"referees")
	enqueuers := rapid.IntRange(1, 3).Draw(rt, label+"enqueuing goroutines")
	n := rapid.IntRange(0, 12).Draw(rt, label+"users")
	p.routines = make([][]action, enqueuers+1) // the last one only closes
	arrivals := []time.Duration{0}
	var at time.Duration
	for i := range n {
		id := first + i
		at += gaps.Draw(rt, fmt.Sprintf("%suser %d arrives after", label, id))
		g := rapid.IntRange(0, enqueuers-1).Draw(rt, fmt.Sprintf("%suser %d goroutine", label, id))
		p.service[id] = services.Draw(rt, fmt.Sprintf("%suser %d verify takes", label, id))
		p.routines[g] = append(p.routines[g], action{at: at, user: id})
		arrivals = append(arrivals, at)
	}
	after := rapid.OneOf(rapid.Just(n), rapid.IntRange(0, n)).Draw(rt, label+"Close after the arrival of user #")
	closeAt := arrivals[after] + gaps.Draw(rt, label+"Close later by")
	g := rapid.IntRange(0, enqueuers).Draw(rt, label+"Close goroutine")
	p.routines[g] = insert(p.routines[g], action{at: closeAt, close: true})
	if rapid.Bool().Draw(rt, label+"second Close") {
		at := closeAt + gaps.Draw(rt, label+"second Close later by")
		g := rapid.IntRange(0, enqueuers).Draw(rt, label+"second Close goroutine")
		p.routines[g] = insert(p.routines[g], action{at: at, close: true})
	}
	return p
}

// insert puts a after every action at or before its time.
func insert(acts []action, a action) []action {
	i := 0
	for i < len(acts) && acts[i].at <= a.at {
		i++
	}
	return slices.Insert(acts, i, a)
}
