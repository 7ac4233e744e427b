package turns

import (
	"fmt"
	"runtime"
	"strings"

	"pgregory.net/rapid"
)

// A Schedule lists the instances in use at once and the goroutines that call their
// methods, in start order.
type Schedule[M Method] struct {
	ns       []int        // per instance: its n
	yields   [][]int      // per instance and method: runtime.Gosched calls inside each print (nil: none)
	routines []routine[M] // in start order
}

type routine[M Method] struct {
	inst    int
	methods []M // called in turn
	after   int // the goroutine starts once this many calls are made
	yields  int // runtime.Gosched calls before the next goroutine starts
}

// Together is New(n) and a goroutine for each list of methods, which calls them in
// turn, started in order.
func Together[M Method](n int, lists ...[]M) Schedule[M] {
	s := Schedule[M]{ns: []int{n}, yields: [][]int{nil}}
	for _, l := range lists {
		s.routines = append(s.routines, routine[M]{methods: l})
	}
	return s
}

// yield is what instance i's print functions of m do: runtime.Gosched calls.
func (s Schedule[M]) yield(i int, m M) int {
	if y := s.yields[i]; int(m) < len(y) {
		return y[m]
	}
	return 0
}

// yieldAll calls runtime.Gosched k times.
func yieldAll(k int) {
	for range k {
		runtime.Gosched()
	}
}

// permutations lists every order of the methods.
func (k *Kata[M]) permutations() [][]M {
	var out [][]M
	var rec func(prefix []M, rest []M)
	rec = func(prefix, rest []M) {
		if len(rest) == 0 {
			out = append(out, prefix)
			return
		}
		for i, m := range rest {
			r := append(append([]M{}, rest[:i]...), rest[i+1:]...)
			rec(append(append([]M{}, prefix...), m), r)
		}
	}
	rec(nil, k.Methods)
	return out
}

// draw draws up to 3 instances; the methods of each in an order split into goroutines
// (a method may follow another on its goroutine when CanFollow allows it), each
// started at a time up to the first call of its methods; yields inside the prints and
// between the starts; and the start order of all the goroutines.
func (k *Kata[M]) draw(rt *rapid.T) Schedule[M] {
	perms := map[string][]M{}
	var keys []string
	for _, p := range k.permutations() {
		var ns []string
		for _, m := range p {
			ns = append(ns, m.String())
		}
		key := strings.Join(ns, ", ")
		perms[key] = p
		keys = append(keys, key)
	}
	var s Schedule[M]
	var rs []routine[M]
	count := rapid.IntRange(1, 3).Draw(rt, k.Labels)
	for i := range count {
		name := fmt.Sprintf("%s%d", k.Label, i+1)
		n := rapid.IntRange(0, k.MaxN).Draw(rt, name+" n")
		s.ns = append(s.ns, n)
		order := perms[rapid.SampledFrom(keys).Draw(rt, name+" call order")]
		var mine []routine[M]
		for j, m := range order {
			if j > 0 {
				last := &mine[len(mine)-1]
				if k.CanFollow(n, last.methods, m) && rapid.Bool().Draw(rt, fmt.Sprintf("%s: %s on the goroutine of %s", name, m, last.methods[len(last.methods)-1])) {
					last.methods = append(last.methods, m)
					continue
				}
			}
			mine = append(mine, routine[M]{inst: i, methods: []M{m}})
		}
		// A goroutine may start at any time up to the first call of its methods.
		for j := range mine {
			latest := len(k.Want(n))
			for _, m := range mine[j].methods {
				if first, _, ok := k.span(n, m); ok {
					latest = min(latest, first)
				}
			}
			if latest > 0 {
				mine[j].after = rapid.IntRange(0, latest).Draw(rt, fmt.Sprintf("%s: %ss made before the goroutine of %s starts", name, k.Noun, mine[j].methods[0]))
			}
		}
		rs = append(rs, mine...)
		y := make([]int, len(k.Methods))
		for _, m := range k.Methods {
			y[m] = rapid.IntRange(0, 3).Draw(rt, fmt.Sprintf("%s: yields in each print of %s", name, m))
		}
		s.yields = append(s.yields, y)
	}
	for _, i := range rapid.Permutation(indexes(len(rs))).Draw(rt, "start order") {
		r := rs[i]
		r.yields = rapid.IntRange(0, 3).Draw(rt, "yields before the next start")
		s.routines = append(s.routines, r)
	}
	return s
}

func indexes(n int) []int {
	ix := make([]int, n)
	for i := range ix {
		ix[i] = i
	}
	return ix
}

// describe writes s for a verdict: "New(3); a goroutine calls Zero; ...".
func (k *Kata[M]) describe(s Schedule[M]) string {
	var news []string
	for i, n := range s.ns {
		if len(s.ns) == 1 {
			news = append(news, fmt.Sprintf("New(%d)", n))
		} else {
			news = append(news, fmt.Sprintf("%s %d = New(%d)", k.Type, i+1, n))
		}
	}
	parts := []string{strings.Join(news, ", ")}
	for _, r := range s.routines {
		var calls []string
		for _, m := range r.methods {
			calls = append(calls, m.String())
		}
		who := "a goroutine calls "
		if len(calls) > 1 {
			who = "one goroutine calls "
		}
		inst := ""
		if len(s.ns) > 1 {
			inst = fmt.Sprintf("%s %d: ", k.Type, r.inst+1)
		}
		if r.after > 0 {
			who = fmt.Sprintf("once %s made, %s", plural(r.after, k.Noun), who)
		}
		parts = append(parts, inst+who+strings.Join(calls, ", then "))
	}
	return strings.Join(parts, "; ")
}
