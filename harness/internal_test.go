package harness

import "testing"

func TestRuleOf(t *testing.T) {
	for in, want := range map[string]string{
		"deadlock: Bar never returned\n  schedule: x":          "deadlock",
		"Second printed before First: got [second first]":      "Second printed before First",
		"printinorder: not implemented yet: edit katas/x/x.go": "printinorder",
		"no colon here": "no colon here",
		"late\ntimeline-record: {\"lanes\":[\"judge\"],\"events\":[]}": "late",
		"late\ntimeline-record: {\"lanes\":[\"a: b\"],\"events\":[]}":  "late",
	} {
		if got := ruleOf(in); got != want {
			t.Errorf("ruleOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFirstVerdict(t *testing.T) {
	for _, c := range []struct{ out, want string }{
		{"=== RUN   TestX\n=== RUN   TestX/order\n    check.go:44: [rapid] OK, passed 300 tests (1ms)\n    check.go:49: deadlock: Bar never returned\n--- FAIL: TestX", "deadlock: Bar never returned"},
		{"--- FAIL: TestX (stuck)\n    busy-wait: no progress for 5s\n", "busy-wait: no progress for 5s"},
		{"==================\nWARNING: DATA RACE\nRead at 0x00c", "WARNING: DATA RACE"},
		{"ok", ""},
	} {
		if got := firstVerdict(c.out); got != c.want {
			t.Errorf("firstVerdict(%q) = %q, want %q", c.out, got, c.want)
		}
	}
}

func TestParseStacks(t *testing.T) {
	dump := `goroutine 7 [chan receive (durable), 2 minutes]:
github.com/x/katas/latch.(*Latch).Wait(0xc000010000)
	/w/katas/latch/latch.go:31 +0x25
created by github.com/x/harness.run in goroutine 6
	/w/harness/run.go:10 +0x99

goroutine 8 [running]:
main.main()
	/w/main.go:3 +0x1`
	gs := parseStacks(dump)
	if len(gs) != 2 {
		t.Fatalf("parsed %d goroutines, want 2", len(gs))
	}
	g := gs[0]
	if g.ID != "7" || g.State != "chan receive (durable)" || g.Busy() || g.Sleeping() {
		t.Errorf("goroutine 7 parsed as %+v", g)
	}
	f, ok := g.Frame("github.com/x/katas/latch")
	if !ok || f.Func != "github.com/x/katas/latch.(*Latch).Wait" || f.Line != "31" {
		t.Errorf("Frame = %+v, %v", f, ok)
	}
	if !gs[1].Busy() {
		t.Errorf("a running goroutine is not Busy: %+v", gs[1])
	}
}

func TestStructDraw(t *testing.T) {
	for l, want := range map[string]bool{
		"draw steps: []latchtest.step{latchtest.step{At:2, Actor:0, Latch:0, Ops:[]latchtest.op{latchtest.op{Kind:0, N:0}}}}": true,
		"draw goroutines: []queuejudge.Caller[github.com/gokata/workbook/harness/boundedqueuetest.callKind]{}":                true,
		"draw web: &webcrawlertest.web{pages:map[string]page(nil)}":                                                           true,
		"draw latch 1 count: 1":                                  false,
		"draw yield at points: []int{3, 7}":                      false,
		"draw yields (0 none, 1 random, 2 at points): 0":         false,
		"schedule: latch 1 = New(1); latch 2 = New(1)":           false,
		"yields: no yields":                                      false,
		"draw GOMAXPROCS 1: false":                               false,
		"draw arrivals: \"HOH\"":                                 false,
		"draw pair: struct { A int }{A:1}":                       false,
		"draw one: latchtest.op{Kind:0, N:0}":                    true,
		"draw many: []*latchtest.op{(*latchtest.op)(0xc000010)}": true,
	} {
		if got := isStructDraw(l); got != want {
			t.Errorf("isStructDraw(%q) = %v, want %v", l, got, want)
		}
	}
	if !described([]string{"draw n: 1", "schedule: latch 1 = New(1)"}) || described([]string{"draw n: 1", "n = 1"}) {
		t.Error("described: a schedule line is what describes the draws")
	}
}
