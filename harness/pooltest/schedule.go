package pooltest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"pgregory.net/rapid"
)

// A plan is what happens to one Pool in a run: its workers, its tasks, the goroutines
// that call Submit and Close, and the goroutines that wait for results. Times are fake,
// measured from the start of the run.
type plan struct {
	workers  int
	tasks    map[int]task // by task ID
	routines [][]action   // submitting goroutines, in call order
	getters  [][]getAct   // goroutines that wait for results, in call order
}

// A task is what the task function of one Submit does: it takes run, then returns a
// value, returns an error, or panics.
type task struct {
	run     time.Duration
	outcome outcome
}

type outcome int

const (
	returns outcome = iota
	fails
	panics
)

func (t task) String() string {
	switch t.outcome {
	case fails:
		return fmt.Sprintf("takes %v, then fails", t.run)
	case panics:
		return fmt.Sprintf("takes %v, then panics", t.run)
	}
	return fmt.Sprintf("takes %v", t.run)
}

// An action is one call: Close, or Submit of a task.
type action struct {
	at    time.Duration
	close bool
	task  int
}

// A getAct waits for the result of a task, wait after its Submit returned: Get with a
// timeout (0: context.Background()), or a receive from Done followed by Get.
type getAct struct {
	task    int
	wait    time.Duration
	timeout time.Duration
	done    bool
}

func (g getAct) String() string {
	switch {
	case g.done:
		return fmt.Sprintf("<-Done() then Get of task %d, %v after its Submit", g.task, g.wait)
	case g.timeout > 0:
		return fmt.Sprintf("Get of task %d with a %v timeout, %v after its Submit", g.task, g.timeout, g.wait)
	}
	return fmt.Sprintf("Get of task %d, %v after its Submit", g.task, g.wait)
}

// String describes the plan for a learner, one goroutine after another.
func (p plan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d worker%s", p.workers, plural(p.workers))
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
				fmt.Fprintf(&b, " task %d at %v (%v)", a.task, a.at, p.tasks[a.task])
			}
		}
	}
	for g, gets := range p.getters {
		fmt.Fprintf(&b, "; getter %d:", g+1)
		for i, a := range gets {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %v", a)
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
		parts = append(parts, fmt.Sprintf("Pool %d: %s", i+1, p))
	}
	return strings.Join(parts, " | ")
}

// story is the kata's example: five tasks 1 s apart, each taking 3 s (the third one
// panics), one getter that waits for each in turn, then Close at 4 s. Tasks are
// numbered from first.
func story(workers, first int) plan {
	p := plan{workers: workers, tasks: map[int]task{}, routines: make([][]action, 1), getters: make([][]getAct, 1)}
	for i := range 5 {
		id := first + i
		p.tasks[id] = task{run: 3 * time.Second}
		if i == 2 {
			p.tasks[id] = task{run: 3 * time.Second, outcome: panics}
		}
		p.routines[0] = append(p.routines[0], action{at: time.Duration(i) * time.Second, task: id})
		p.getters[0] = append(p.getters[0], getAct{task: id})
	}
	p.routines[0] = append(p.routines[0], action{at: 4 * time.Second, close: true})
	return p
}

// burst keeps every worker busy for hold, and meanwhile submits n more tasks at one
// instant, then closes.
func burst(workers, n int, hold time.Duration) plan {
	p := plan{workers: workers, tasks: map[int]task{}, routines: make([][]action, 1)}
	for id := 1; id <= workers+n; id++ {
		p.tasks[id] = task{run: time.Millisecond}
		if id <= workers {
			p.tasks[id] = task{run: hold}
		}
		p.routines[0] = append(p.routines[0], action{task: id})
	}
	p.routines[0] = append(p.routines[0], action{close: true})
	return p
}

// Generators of fake durations: not round, but often equal (so that submissions and
// workers coming free fall on the same instant) and often zero.
var (
	gaps = rapid.OneOf(
		rapid.Just(time.Duration(0)),
		rapid.Map(rapid.IntRange(1, 8), halfSeconds),
		rapid.Map(rapid.Int64Range(1, int64(5*time.Second)), nanoseconds),
	)
	runs = rapid.OneOf(
		rapid.Map(rapid.IntRange(1, 8), halfSeconds),
		rapid.Map(rapid.Int64Range(1, int64(10*time.Second)), nanoseconds),
	)
	timeouts = rapid.OneOf(
		rapid.Just(time.Duration(0)),
		rapid.Map(rapid.IntRange(1, 8), halfSeconds),
		rapid.Map(rapid.Int64Range(1, int64(10*time.Second)), nanoseconds),
	)
)

func halfSeconds(n int) time.Duration   { return time.Duration(n) * 500 * time.Millisecond }
func nanoseconds(n int64) time.Duration { return time.Duration(n) }

// drawPlans draws one run: one or two Pools used at once.
func drawPlans(rt *rapid.T) []plan {
	n := rapid.IntRange(1, 2).Draw(rt, "pools")
	var plans []plan
	first := 1
	for i := range n {
		label := ""
		if n > 1 {
			label = fmt.Sprintf("pool %d ", i+1)
		}
		p := drawPlan(rt, label, first)
		first += len(p.tasks)
		plans = append(plans, p)
	}
	return plans
}

// drawPlan draws the workers, the tasks (submission gaps, run times, outcomes, which
// goroutine submits each), one or two calls of Close at any point, and up to two
// goroutines waiting for results. Tasks are numbered from first.
func drawPlan(rt *rapid.T, label string, first int) plan {
	p := plan{tasks: map[int]task{}}
	p.workers = rapid.IntRange(1, 4).Draw(rt, label+"workers")
	submitters := rapid.IntRange(1, 3).Draw(rt, label+"submitting goroutines")
	n := rapid.IntRange(0, 12).Draw(rt, label+"tasks")
	p.routines = make([][]action, submitters+1) // the last one only closes
	arrivals := []time.Duration{0}
	var at time.Duration
	for i := range n {
		id := first + i
		at += gaps.Draw(rt, fmt.Sprintf("%stask %d submitted after", label, id))
		g := rapid.IntRange(0, submitters-1).Draw(rt, fmt.Sprintf("%stask %d goroutine", label, id))
		t := task{run: runs.Draw(rt, fmt.Sprintf("%stask %d takes", label, id))}
		t.outcome = outcome(rapid.IntRange(0, 5).Draw(rt, fmt.Sprintf("%stask %d outcome (0-3 returns, 4 fails, 5 panics)", label, id)) - 3)
		t.outcome = max(t.outcome, returns)
		p.tasks[id] = t
		p.routines[g] = append(p.routines[g], action{at: at, task: id})
		arrivals = append(arrivals, at)
	}
	after := rapid.OneOf(rapid.Just(n), rapid.IntRange(0, n)).Draw(rt, label+"Close after the submission of task #")
	closeAt := arrivals[after] + gaps.Draw(rt, label+"Close later by")
	g := rapid.IntRange(0, submitters).Draw(rt, label+"Close goroutine")
	p.routines[g] = insert(p.routines[g], action{at: closeAt, close: true})
	if rapid.Bool().Draw(rt, label+"second Close") {
		at := closeAt + gaps.Draw(rt, label+"second Close later by")
		g := rapid.IntRange(0, submitters).Draw(rt, label+"second Close goroutine")
		p.routines[g] = insert(p.routines[g], action{at: at, close: true})
	}
	if n > 0 {
		getters := rapid.IntRange(0, 2).Draw(rt, label+"getting goroutines")
		for g := range getters {
			var gets []getAct
			for k := range rapid.IntRange(1, 4).Draw(rt, fmt.Sprintf("%sgetter %d gets", label, g+1)) {
				l := fmt.Sprintf("%sgetter %d get %d ", label, g+1, k+1)
				gets = append(gets, getAct{
					task:    first + rapid.IntRange(0, n-1).Draw(rt, l+"task"),
					wait:    gaps.Draw(rt, l+"after its Submit by"),
					timeout: timeouts.Draw(rt, l+"timeout (0: none)"),
					done:    rapid.IntRange(0, 3).Draw(rt, l+"kind (3: <-Done)") == 3,
				})
			}
			p.getters = append(p.getters, gets)
		}
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
