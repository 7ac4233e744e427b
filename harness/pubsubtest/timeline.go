package pubsubtest

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gokata/workbook/harness/timeline"
)

// The timeline of a run has a lane for each subscription's goroutine (Subscribe, Next,
// and Unsubscribe when it ends its own subscription), each publisher, the control
// goroutine (Unsubscribe at its time, Close), and the judge's. With several Brokers
// the lanes of Broker 2 start with "B2 ".
const (
	control = "control"
	judged  = "judge"
	caller  = "caller" // the one goroutine of the fixed schedules of "cancel" and "unsubscribe"
)

func subscriber(sub int) string { return fmt.Sprintf("subscription %d", sub) }

func publisher(g int) string { return fmt.Sprintf("publisher %d", g) }

// lane names a goroutine of Broker bi.
func (r *run) lane(bi int, name string) string {
	if len(r.plans) == 1 {
		return name
	}
	return fmt.Sprintf("B%d %s", bi+1, name)
}

// lanes declares the lanes of the run.
func (r *run) lanes() {
	var names []string
	for i, p := range r.plans {
		for k := range p.subs {
			names = append(names, r.lane(i, subscriber(k+1)))
		}
		for g := range p.pubs {
			names = append(names, r.lane(i, publisher(g+1)))
		}
		names = append(names, r.lane(i, control))
	}
	r.tl.Lanes(append(names, judged)...)
}

// answer is what a call returned, for the timeline.
func answer(err error) string {
	switch {
	case err == nil:
		return "nil"
	case err.Error() == "pubsub: closed":
		return "ErrClosed"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "ctx err"
	}
	return "error"
}

// A blame is where a verdict's rule broke: the lane at fault and a short label.
type blame struct{ lane, label string }

var (
	brokerOf = regexp.MustCompile(`^Broker (\d+) \(of \d+ in use at once\): `)
	subOf    = regexp.MustCompile(`subscription (\d+)`)
	pubOf    = regexp.MustCompile(`^Publish\([^,]*, ([^)]*)\)`)
)

// blame says where the rule of verdict msg broke; nothing for a panic, which the
// timeline marks when it happens.
func (r *run) blame(msg string) blame {
	r.mu.Lock()
	panicked := r.panicMsg
	r.mu.Unlock()
	if msg == "" || msg == panicked {
		return blame{}
	}
	bi := 0
	if m := brokerOf.FindStringSubmatch(msg); m != nil {
		bi, _ = strconv.Atoi(m[1])
		bi--
		msg = msg[len(m[0]):]
	}
	label := "rule broken"
	for _, l := range []struct{ has, label string }{
		{"never waits", "waited"},
		{"twice", "delivered twice"},
		{"held ", "buffer overfilled"},
		{"lost", "message lost"},
		{"never published", "never published"},
		{"order", "out of order"},
		{" before ", "out of order"},
		{" returned ", "wrong answer"},
	} {
		if strings.Contains(msg, l.has) {
			label = l.label
			break
		}
	}
	switch {
	case strings.HasPrefix(msg, "deadlock"):
		return blame{judged, "deadlock"}
	case strings.HasPrefix(msg, "goroutine leak"):
		return blame{judged, "goroutine leak"}
	case strings.HasPrefix(msg, "late:"):
		return blame{judged, "returned late"}
	case strings.HasPrefix(msg, "Close"):
		return blame{r.lane(bi, control), label}
	}
	if m := pubOf.FindStringSubmatch(msg); m != nil {
		for g, acts := range r.plans[bi].pubs {
			for _, a := range acts {
				if a.msg == m[1] {
					return blame{r.lane(bi, publisher(g+1)), label}
				}
			}
		}
	}
	if m := subOf.FindStringSubmatch(msg); m != nil {
		k, _ := strconv.Atoi(m[1])
		lane := subscriber(k)
		if strings.HasPrefix(msg, "Unsubscribe") && k <= len(r.plans[bi].subs) && !r.plans[bi].subs[k-1].selfUnsub {
			lane = control
		}
		return blame{r.lane(bi, lane), label}
	}
	return blame{judged, label}
}

// broke marks b in the timeline right after the return of the call that broke the
// rule, or at the end of the run when no one call did (a deadlock, a leak).
func (r *run) broke(b blame) {
	r.mu.Lock()
	at := r.at
	r.mu.Unlock()
	var m timeline.Moment
	if at != nil {
		m = at.sp.Done()
	}
	r.tl.BrokeAfter(m, b.lane, b.label)
}
