package zeroevenoddtest

import (
	"strings"
	"testing"
)

func TestWant(t *testing.T) {
	got := show(want(3), 6)
	if got != "[0 1 0 2 0 3]" {
		t.Errorf("want(3) = %s, want [0 1 0 2 0 3]", got)
	}
	if len(want(0)) != 0 {
		t.Errorf("want(0) = %v, want nothing", want(0))
	}
}

func TestCanFollow(t *testing.T) {
	for _, c := range []struct {
		n      int
		before []method
		m      method
		ok     bool
	}{
		{0, []method{odd, even}, zero, true},
		{1, []method{zero}, odd, true},
		{1, []method{odd}, zero, false},
		{1, []method{odd, even}, zero, false}, // Even has no print, Odd's 1 comes after Zero's 0
		{1, []method{zero, odd}, even, true},
		{2, []method{zero}, even, true},
		{2, []method{zero}, odd, false},
		{3, []method{zero}, odd, false},
	} {
		if got := kata.CanFollow(c.n, c.before, c.m); got != c.ok {
			t.Errorf("canFollow(%d, %v, %v) = %v, want %v", c.n, c.before, c.m, got, c.ok)
		}
	}
}

func TestSequenceVerdict(t *testing.T) {
	z, o, e := func() call { return call{M: zero} }, func(v int) call { return call{M: odd, V: v} }, func(v int) call { return call{M: even, V: v} }
	for _, c := range []struct {
		got      []call
		n        int
		complete bool
		want     string // prefix of the verdict; "" for none
	}{
		{[]call{z(), o(1), z(), e(2)}, 2, true, ""},
		{[]call{z(), e(2)}, 2, false, "wrong order: Even printed 2 before Odd printed 1"},
		{[]call{z(), o(1), e(2)}, 2, false, "wrong order: Even printed 2 before Zero printed the 0 that comes before it"},
		{[]call{z(), z()}, 2, false, "wrong order: Zero printed 0 again before Odd printed 1"},
		{[]call{z(), o(3)}, 3, false, "wrong order: Odd printed 3 before it printed 1"},
		{[]call{z(), o(1), z(), o(1)}, 3, false, "wrong order: Odd printed 1 twice"},
		{[]call{z(), o(2)}, 2, false, "wrong number: Odd printed 2"},
		{[]call{z()}, 0, false, "too many prints: Zero printed 0 with n = 0"},
		{[]call{z(), o(1), z()}, 1, false, "too many prints: Zero printed 0 after all of"},
		{[]call{z(), o(1), z()}, 3, false, ""},
		{[]call{z(), o(1), z()}, 3, true, "too few prints: Even never printed 2"},
		{[]call{z(), o(1)}, 3, true, "too few prints: Zero never printed the 0 before 2"},
	} {
		got := sequenceVerdict(c.got, c.n, c.complete)
		if c.want == "" && got != "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("sequenceVerdict(%s, %d, %v) = %q, want a verdict starting with %q", show(c.got, 0), c.n, c.complete, got, c.want)
		}
	}
}
