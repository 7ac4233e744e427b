package refereequeuetest

import (
	"strings"
	"testing"
	"time"
)

// TestIdealStory checks the model against the kata's example.
func TestIdealStory(t *testing.T) {
	for _, tc := range []struct {
		referees int
		want     []time.Duration // seconds
	}{
		{2, []time.Duration{0, 2, 4, 6, 8, 10}},
		{1, []time.Duration{0, 4, 8, 12, 16, 20}},
	} {
		var jobs []job
		for i := range 6 {
			jobs = append(jobs, job{user: i + 1, arrival: time.Duration(2*i) * time.Second, service: 4 * time.Second})
		}
		starts, _ := ideal(tc.referees, jobs)
		for i, s := range starts {
			if s.User != i+1 || s.At != tc.want[i]*time.Second {
				t.Errorf("%d referees: user %d starts at %v, want user %d at %v", tc.referees, s.User, s.At, i+1, tc.want[i]*time.Second)
			}
		}
	}
}

// TestOrder checks the first-come-first-served rule on made-up histories: calls that
// overlap may go in either order, calls one after the other may not.
func TestOrder(t *testing.T) {
	mk := func(seq [2][2]int64, starts [2]time.Duration) *history {
		h := &history{verifies: map[int][]*verifyCall{}}
		for i := range 2 {
			h.enqueues = append(h.enqueues, &enqueueCall{user: i + 1, callSeq: seq[i][0], retSeq: seq[i][1], returned: true})
			h.verifies[i+1] = []*verifyCall{{user: i + 1, start: starts[i], ended: true}}
		}
		return h
	}
	late := [2]time.Duration{time.Second, 0} // user 2 starts first
	if msg := mk([2][2]int64{{1, 3}, {2, 4}}, late).order(); msg != "" {
		t.Errorf("concurrent Enqueue calls: got %q, want no verdict", msg)
	}
	msg := mk([2][2]int64{{1, 2}, {3, 4}}, late).order()
	if !strings.Contains(msg, "user 2 started verification before user 1, which was enqueued first") {
		t.Errorf("Enqueue calls one after the other: got %q, want user 2 before user 1", msg)
	}
}

// TestTimingTies checks that users that arrived and started at one instant may be in
// any order without a verdict, and that a late start gets one.
func TestTimingTies(t *testing.T) {
	h := &history{verifies: map[int][]*verifyCall{}}
	add := func(user int, arrival, start, service time.Duration) {
		h.enqueues = append(h.enqueues, &enqueueCall{user: user, callSeq: int64(user), retSeq: int64(user), callAt: arrival, retAt: arrival, returned: true})
		h.verifies[user] = []*verifyCall{{user: user, start: start, end: start + service, ended: true}}
	}
	// One referee busy until 5s; users 2 and 3 arrive together at 1s with different
	// service times, the implementation served 3 first.
	add(1, 0, 0, 5*time.Second)
	add(3, time.Second, 5*time.Second, time.Second)
	add(2, time.Second, 6*time.Second, 2*time.Second)
	if msg := h.timing(1); msg != "" {
		t.Errorf("got %q, want no verdict", msg)
	}
	add(4, 2*time.Second, 9*time.Second, time.Second) // due at 8s
	if msg := h.timing(1); !strings.HasPrefix(msg, "late: user 4 started verification at 9s, want 8s") {
		t.Errorf("got %q, want user 4 late", msg)
	} else if strings.Contains(msg, "Close") {
		t.Errorf("got %q, want no word of Close: there was none", msg)
	}
	// A Close called after user 4's Enqueue returned says nothing of it ...
	h.closes = []*closeCall{{callSeq: 10, callAt: 3 * time.Second}}
	if msg := h.timing(1); strings.Contains(msg, "concurrent with Close") {
		t.Errorf("got %q, want no word of Close: it came after", msg)
	}
	// ... one called before it returned may have sent the free referee away.
	h.closes = append(h.closes, &closeCall{callSeq: 3, callAt: 2 * time.Second})
	if msg := h.timing(1); !strings.Contains(msg, "(its Enqueue was concurrent with Close, called at 2s: if the free referee found the queue closed and empty and left, your Enqueue accepted the user after Close had closed the queue, where it must return ErrClosed)") {
		t.Errorf("got %q, want the hint of an Enqueue concurrent with Close", msg)
	}
}
