package yield

import (
	"runtime"
	"testing"
)

func decisions(p Policy, n int) []bool {
	defer Set(p)()
	var out []bool
	for range n {
		out = append(out, next())
	}
	return out
}

func TestPolicy(t *testing.T) {
	Point() // no policy: nothing to do
	if got := decisions(Policy{}, 100); countTrue(got) != 0 {
		t.Errorf("no policy yielded %d times", countTrue(got))
	}
	a, b := decisions(Policy{Percent: 30, Seed: 7}, 1000), decisions(Policy{Percent: 30, Seed: 7}, 1000)
	if n := countTrue(a); n < 200 || n > 400 {
		t.Errorf("30%% yielded at %d of 1000 points", n)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("the same seed decided point %d differently", i+1)
		}
	}
	at := decisions(Policy{At: []int{5, 2}}, 10)
	for i, y := range at {
		if y != (i+1 == 2 || i+1 == 5) {
			t.Errorf("At [5 2]: point %d yielded %v", i+1, y)
		}
	}
	procs := runtime.GOMAXPROCS(0)
	restore := Set(Policy{OneP: true})
	if n := runtime.GOMAXPROCS(0); n != 1 {
		t.Errorf("GOMAXPROCS %d with OneP", n)
	}
	restore()
	if n := runtime.GOMAXPROCS(0); n != procs {
		t.Errorf("GOMAXPROCS %d after restore, want %d", n, procs)
	}
	if get() != nil {
		t.Error("a policy is left after restore")
	}
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
