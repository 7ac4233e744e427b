package turns

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gokata/workbook/harness/timeline"
)

// abc is a kata of three methods that print in turn: A 1, B 2, C 3, A 4, ...
type abc int

func (m abc) String() string { return [...]string{"A", "B", "C"}[m] }

var kataABC = &Kata[abc]{
	Type: "ABC", Types: "ABCs", Noun: "print",
	Methods: []abc{0, 1, 2},
	Want: func(n int) []Call[abc] {
		var cs []Call[abc]
		for i := 1; i <= n; i++ {
			cs = append(cs, Call[abc]{abc((i - 1) % 3), i})
		}
		return cs
	},
	Word: func(c Call[abc]) string { return fmt.Sprint(c.V) },
}

func TestPermutations(t *testing.T) {
	got := fmt.Sprint(kataABC.permutations())
	const want = "[[A B C] [A C B] [B A C] [B C A] [C A B] [C B A]]"
	if got != want {
		t.Errorf("permutations() = %s, want %s", got, want)
	}
}

func TestWords(t *testing.T) {
	if got := kataABC.list(); got != "A, B and C" {
		t.Errorf("list() = %q, want %q", got, "A, B and C")
	}
	if got := kataABC.show(kataABC.Want(20), 10); got != "[... 5 6 7 8 9 10 11 12 13 14 15 ...]" {
		t.Errorf("show(Want(20), 10) = %s", got)
	}
	s := Together(4, []abc{0, 1}, []abc{2})
	s.routines[1].after = 2
	const want = "New(4); one goroutine calls A, then B; once 2 prints are made, a goroutine calls C"
	if got := kataABC.describe(s); got != want {
		t.Errorf("describe() = %q, want %q", got, want)
	}
}

func TestCanFollow(t *testing.T) {
	for _, c := range []struct {
		n      int
		before []abc
		m      abc
		ok     bool
	}{
		{0, []abc{2, 1}, 0, true},
		{1, []abc{0}, 1, true},
		{2, []abc{1}, 0, false},
		{2, []abc{0, 2}, 1, true}, // C has no print with n = 2
		{4, []abc{0}, 1, false},
	} {
		if got := kataABC.CanFollow(c.n, c.before, c.m); got != c.ok {
			t.Errorf("CanFollow(%d, %v, %v) = %v, want %v", c.n, c.before, c.m, got, c.ok)
		}
	}
}

// TestBrokeAtTheWrongPrint plays an ABC whose B prints 9, on one goroutine: the timeline
// marks the rule broken right after that print, not at the end of the run.
func TestBrokeAtTheWrongPrint(t *testing.T) {
	type inst struct{}
	methodOf := func(_ inst, m abc) func(func(int)) {
		return func(print func(int)) {
			if m == 1 {
				print(9)
				return
			}
			print(int(m) + 1)
		}
	}
	k := *kataABC
	k.Sequence = func(got []Call[abc], n int, complete bool) string {
		if fmt.Sprint(got) != fmt.Sprint(k.Want(n)) {
			return fmt.Sprintf("wrong prints: got %v", got)
		}
		return ""
	}
	msg := Play(t, "github.com/gokata/workbook/harness/internal/turns", &k, func(int) inst { return inst{} }, methodOf, Together(3, []abc{0, 1, 2}))
	_, rec := timeline.Split(msg)
	require.NotNil(t, rec, "a timeline attached to %q", msg)
	byStart := map[int]timeline.Event{}
	for _, e := range rec.Events {
		byStart[e.StartSeq] = e
	}
	var broke timeline.Event
	for _, e := range rec.Events {
		if e.Kind == timeline.Broke {
			broke = e
		}
	}
	assert.Equal(t, "wrong print: 9", broke.Label)
	assert.Equal(t, "printed 9", byStart[broke.StartSeq-1].Label, "the break right after the wrong print")
	c, ok := byStart[broke.StartSeq+2] // B returns, then C is called
	assert.True(t, ok && c.Label == "C → returned", "C's call comes after the break, not before it")
}
