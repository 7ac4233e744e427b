package fizzbuzztest

import (
	"strings"
	"testing"
)

func TestWant(t *testing.T) {
	var got []string
	for _, c := range want(15) {
		got = append(got, word(c))
	}
	const w = "1 2 fizz 4 buzz fizz 7 8 fizz buzz 11 fizz 13 14 fizzbuzz"
	if strings.Join(got, " ") != w {
		t.Errorf("want(15) = %v, want %s", got, w)
	}
	if got := show(want(15), 15); got != "[... buzz 11 fizz 13 14 fizzbuzz]" {
		t.Errorf("show(want(15), 15) = %s", got)
	}
}

func TestCanFollow(t *testing.T) {
	for _, c := range []struct {
		n      int
		before []method
		m      method
		ok     bool
	}{
		{0, []method{fizz, buzz, number}, fizzbuzz, true},
		{3, []method{number}, fizz, true},
		{3, []method{fizz}, number, false},
		{5, []method{fizz}, buzz, true},
		{5, []method{number}, buzz, true},
		{6, []method{number}, fizz, false},
		{14, []method{fizzbuzz}, fizz, true},
		{15, []method{number, fizz, buzz}, fizzbuzz, true},
		{16, []method{number}, fizzbuzz, false},
	} {
		if got := kata.CanFollow(c.n, c.before, c.m); got != c.ok {
			t.Errorf("canFollow(%d, %v, %v) = %v, want %v", c.n, c.before, c.m, got, c.ok)
		}
	}
}

func TestSequenceVerdict(t *testing.T) {
	num := func(v int) call { return call{M: number, V: v} }
	f, b, fb := call{M: fizz}, call{M: buzz}, call{M: fizzbuzz}
	for _, c := range []struct {
		got      []call
		n        int
		complete bool
		want     string // prefix of the verdict; "" for none
	}{
		{[]call{num(1), num(2), f, num(4), b}, 5, true, ""},
		{[]call{num(1), num(2), num(4)}, 5, false, "wrong order: Number printed 4 before Fizz printed fizz for 3"},
		{[]call{num(1), f}, 5, false, "wrong order: Fizz printed fizz before Number printed 2"},
		{[]call{num(1), num(2), b}, 5, false, "wrong order: Buzz printed buzz before Fizz printed fizz for 3"},
		{[]call{num(1), num(3)}, 5, false, "wrong number: Number printed 3, which is Fizz's to print (3 is divisible by 3)"},
		{[]call{num(2)}, 5, false, "wrong order: Number printed 2 before it printed 1"},
		{[]call{num(1), num(1)}, 5, false, "wrong order: Number printed 1 twice"},
		{[]call{num(7)}, 5, false, "wrong number: Number printed 7; it prints numbers from 1 to 5"},
		{[]call{fb}, 0, false, "too many calls: FizzBuzz printed fizzbuzz with n = 0"},
		{[]call{num(1), num(2), f}, 2, false, "too many calls: Fizz printed fizz after all of 1 ... 2 was printed"},
		{[]call{num(1), num(2)}, 3, true, "too few calls: Fizz never printed fizz for 3"},
		{[]call{num(1)}, 3, true, "too few calls: Number never printed 2"},
		{[]call{num(1)}, 3, false, ""},
	} {
		got := sequenceVerdict(c.got, c.n, c.complete)
		if c.want == "" && got != "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("sequenceVerdict(%s, %d, %v) = %q, want a verdict starting with %q", show(c.got, 0), c.n, c.complete, got, c.want)
		}
	}
}
