package h2otest

import (
	"fmt"
	"strings"

	"pgregory.net/rapid"
)

// A schedule says which atoms arrive at which H2O, in which order and bursts, and how
// each release callback behaves. The atoms of the drawn part may leave some without
// partners; once every molecule that they can form has been released, the judge adds
// the atoms that complete the rest (completion), so that every run ends with every atom
// released.
type schedule struct {
	h2os     int
	bursts   []burst     // in the order the judge starts them
	releases [][]release // per H2O, per release in the order the releases start
	// settle makes the judge wait after each arrival until every other goroutine of the
	// bubble is durably blocked or done (synctest.Wait), so that one atom moves at a
	// time: for golden timelines only, since a goroutine waiting in sync.Mutex.Lock is
	// not durably blocked.
	settle bool
}

// A burst is a few atoms that arrive at one H2O back to back, each on its own goroutine.
type burst struct {
	h2o    int
	atoms  string // "HHO"
	yields int    // runtime.Gosched calls of the judge after the burst
}

// A release is how one release callback behaves: it waits until an atom of the drawn
// part has arrived (hold, an index in the H2O's arrival order; -1 for none), then
// yields, then returns. A release that holds keeps its molecule busy while later atoms
// arrive, which exposes a next molecule released too soon.
type release struct {
	hold   int
	yields int
}

// drawn returns the atoms of the drawn part of H2O i, in arrival order.
func (s schedule) drawn(i int) string {
	var b strings.Builder
	for _, bu := range s.bursts {
		if bu.h2o == i {
			b.WriteString(bu.atoms)
		}
	}
	return b.String()
}

// formable is how many molecules the atoms can form.
func formable(atoms string) int {
	return min(strings.Count(atoms, "H")/2, strings.Count(atoms, "O"))
}

// completion returns the atoms the judge adds after the drawn part so that every atom
// has partners: oxygens first, then hydrogens.
func completion(atoms string) string {
	h, o := strings.Count(atoms, "H"), strings.Count(atoms, "O")
	k := max((h+1)/2, o)
	return strings.Repeat("O", k-o) + strings.Repeat("H", 2*k-h)
}

// names gives each atom of a sequence its name: H1, H2, O1, ... in arrival order.
func names(atoms string) []string {
	var out []string
	count := map[rune]int{}
	for _, a := range atoms {
		count[a]++
		out = append(out, fmt.Sprintf("%c%d", a, count[a]))
	}
	return out
}

func draw(rt *rapid.T) schedule {
	s := schedule{h2os: rapid.IntRange(1, 3).Draw(rt, "H2Os")}
	per := make([][]burst, s.h2os)
	var slots []int
	for i := range s.h2os {
		name := fmt.Sprintf("H2O %d", i+1)
		var atoms []byte
		if rapid.Bool().Draw(rt, name+": 2k hydrogens and k oxygens") {
			k := rapid.IntRange(0, 20).Draw(rt, name+": k")
			for range k {
				atoms = append(atoms, 'H', 'H', 'O')
			}
			atoms = rapid.Permutation(atoms).Draw(rt, name+": arrival order")
		} else {
			atoms = rapid.SliceOfN(rapid.SampledFrom([]byte("HO")), 0, 12).Draw(rt, name+": arrivals")
		}
		seq := string(atoms)
		for len(atoms) > 0 {
			n := min(len(atoms), rapid.IntRange(1, 6).Draw(rt, name+": burst size"))
			per[i] = append(per[i], burst{h2o: i, atoms: string(atoms[:n]), yields: rapid.IntRange(0, 3).Draw(rt, name+": yields after the burst")})
			atoms = atoms[n:]
			slots = append(slots, i)
		}
		var rels []release
		for range 3 * formable(seq) {
			r := release{hold: -1}
			if rapid.IntRange(0, 3).Draw(rt, name+": release holds (0 no, 1-3 yes)") > 0 {
				r.hold = rapid.IntRange(0, len(seq)-1).Draw(rt, name+": until atom")
			}
			r.yields = rapid.IntRange(0, 2).Draw(rt, name+": release yields")
			rels = append(rels, r)
		}
		s.releases = append(s.releases, rels)
	}
	if len(slots) > 1 {
		slots = rapid.Permutation(slots).Draw(rt, "bursts of the H2Os interleaved")
	}
	next := make([]int, s.h2os)
	for _, i := range slots {
		s.bursts = append(s.bursts, per[i][next[i]])
		next[i]++
	}
	return s
}

// only returns the part of s that concerns H2O i, as a schedule of one H2O.
func (s schedule) only(i int) schedule {
	one := schedule{h2os: 1, releases: [][]release{s.releases[i]}}
	for _, b := range s.bursts {
		if b.h2o == i {
			b.h2o = 0
			one.bursts = append(one.bursts, b)
		}
	}
	return one
}

func (s schedule) h2oName(i int) string {
	if s.h2os == 1 {
		return ""
	}
	return fmt.Sprintf("H2O %d ", i+1)
}

// String renders the schedule: the arrivals burst by burst, the releases that hold or
// yield, and the atoms the judge adds at the end.
func (s schedule) String() string {
	var b strings.Builder
	seen := make([]int, s.h2os)
	all := make([][]string, s.h2os)
	for i := range s.h2os {
		d := s.drawn(i)
		all[i] = names(d + completion(d))
	}
	b.WriteString("arrivals:")
	for k, bu := range s.bursts {
		if k > 0 {
			b.WriteString(",")
		}
		n := len(bu.atoms)
		fmt.Fprintf(&b, " %s%s", s.h2oName(bu.h2o), strings.Join(all[bu.h2o][seen[bu.h2o]:seen[bu.h2o]+n], " "))
		if n > 1 {
			b.WriteString(" at once")
		}
		seen[bu.h2o] += n
		if bu.yields > 0 {
			fmt.Fprintf(&b, " (%d yields)", bu.yields)
		}
	}
	if len(s.bursts) == 0 {
		b.WriteString(" none")
	}
	for i := range s.h2os {
		var rs []string
		for r, rel := range s.releases[i] {
			var what []string
			if rel.hold >= 0 {
				what = append(what, "waits until "+all[i][rel.hold]+" has arrived")
			}
			if rel.yields > 0 {
				what = append(what, fmt.Sprintf("yields %d times", rel.yields))
			}
			if len(what) > 0 {
				rs = append(rs, fmt.Sprintf("release %d %s", r+1, strings.Join(what, " and ")))
			}
		}
		if len(rs) > 0 {
			fmt.Fprintf(&b, "; %s%s", s.h2oName(i), strings.Join(rs, ", "))
		}
	}
	for i := range s.h2os {
		d := s.drawn(i)
		if c := completion(d); c != "" {
			fmt.Fprintf(&b, "; once %d molecule(s) are released, the judge completes %sthe rest with %s", formable(d), s.h2oName(i), strings.Join(all[i][len(d):], " "))
		}
	}
	return b.String()
}

// oneByOne builds a hand-written schedule of one H2O whose atoms arrive one at a time.
func oneByOne(atoms string, yields int, rels ...release) schedule {
	s := schedule{h2os: 1, releases: [][]release{rels}}
	for _, a := range atoms {
		s.bursts = append(s.bursts, burst{atoms: string(a), yields: yields})
	}
	return s
}

// firstMolecules are the schedules of rule "molecule": one molecule, each arrival order.
var firstMolecules = []struct{ s schedule }{
	{oneByOne("HHO", 2)},
	{oneByOne("HOH", 2)},
	{oneByOne("OHH", 2)},
}

// free returns n releases that neither hold nor yield.
func free(n int) []release {
	rs := make([]release, n)
	for i := range rs {
		rs[i].hold = -1
	}
	return rs
}

// holds returns n releases that wait until atom until has arrived, then yield once.
func holds(n, until int) []release {
	rs := make([]release, n)
	for i := range rs {
		rs[i] = release{hold: until, yields: 1}
	}
	return rs
}

// classics are hand-written schedules run before the generated ones, so that the
// classic bugs are found on every run, whatever the seed.
var classics = []struct {
	name string
	s    schedule
}{
	{"the hydrogens arrive one at a time, the oxygen last", oneByOne("HHO", 3)},
	{"the oxygen arrives first, then the hydrogens one at a time", oneByOne("OHH", 3)},
	{"a second molecule arrives while the first one's releases are still running", schedule{
		h2os:     1,
		bursts:   []burst{{atoms: "HHO", yields: 2}, {atoms: "H", yields: 2}, {atoms: "H", yields: 2}, {atoms: "O", yields: 2}},
		releases: [][]release{append(holds(3, 5), free(3)...)},
	}},
	{"two molecules arrive at once, and the first one's releases run long", schedule{
		h2os:     1,
		bursts:   []burst{{atoms: "HHOHHO", yields: 3}},
		releases: [][]release{append(holds(3, 5), free(3)...)},
	}},
	{"three hydrogens, then an oxygen", oneByOne("HHHO", 2, free(3)...)},
	{"two oxygens, then two hydrogens", oneByOne("OOHH", 2, free(3)...)},
	{"an oxygen between hydrogens of two H2Os", schedule{
		h2os:     2,
		bursts:   []burst{{h2o: 0, atoms: "HH", yields: 2}, {h2o: 1, atoms: "O", yields: 2}, {h2o: 1, atoms: "HH", yields: 2}, {h2o: 0, atoms: "O", yields: 2}},
		releases: [][]release{free(3), free(3)},
	}},
}
