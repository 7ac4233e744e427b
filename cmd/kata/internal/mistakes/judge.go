package mistakes

import (
	"context"
	"errors"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"
)

// A Result is what the judge says about a variant, or why it was not asked.
type Result struct {
	Ran     bool      `json:"-"`                 // the judge ran it, now or (Cached) before
	Passed  bool      `json:"passed,omitempty"`  // the judge passed it, which a known-bad variant should not
	Rule    string    `json:"rule,omitempty"`    // the rule that broke ("schedules"), when known
	Verdict string    `json:"verdict,omitempty"` // the verdict's first line, in the judge's words
	Seconds float64   `json:"seconds"`           // how long the judge took
	At      time.Time `json:"at"`                // when it was judged
	Cached  bool      `json:"-"`                 // read from the cache, not judged now
	Note    string    `json:"-"`                 // why it was not judged, when Ran is false
}

// A Run is one run of the judge on a variant, in a process of its own.
type Run struct {
	Output  string        // the test binary's output (go test -v)
	Passed  bool          // it exited with status 0
	Elapsed time.Duration // wall time
	Err     error         // it could not run, or ran out of time; Output may hold part of it
}

// A Judge runs the judge on one variant.
type Judge interface {
	Judge(ctx context.Context, v Variant) Run
}

// An Event tells how judging the variants goes, for a progress line.
type Event struct {
	Done, Total int
	Running     []string // the variants being judged now, by name
	Finished    string   // the variant just judged; "" when one just started
	Result      Result   // its result, when Finished is set
}

// Options say how Verdicts gets each variant's verdict.
type Options struct {
	// Build makes the judge, called only when a variant needs judging; nil or an
	// error leaves those variants unjudged, each Result saying why in its Note.
	Build    func(ctx context.Context) (Judge, error)
	Read     func(output string, v Variant) string // the verdict's first line; nil: ReadVerdict
	Cache    *Cache                                // earlier verdicts; nil: none
	Rerun    bool                                  // judge again even what the cache holds
	Parallel int                                   // variants judged at once; 0: GOMAXPROCS
	Progress func(Event)                           // called, one call at a time, as variants start and end
	Now      func() time.Time                      // time.Now
}

// Verdicts returns the judge's verdict on each variant, from the cache or by running
// the judge, up to Parallel at a time.
func Verdicts(ctx context.Context, vs []Variant, o Options) []Result {
	if o.Read == nil {
		o.Read = ReadVerdict
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Parallel <= 0 {
		o.Parallel = runtime.GOMAXPROCS(0)
	}
	res := make([]Result, len(vs))
	var todo []int
	for i, v := range vs {
		if r, ok := o.Cache.Get(v); ok && !o.Rerun {
			res[i] = r
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return res
	}
	var judge Judge
	err := errors.New("no judge")
	if o.Build != nil {
		judge, err = o.Build(ctx)
	}
	if err != nil {
		for _, i := range todo {
			res[i] = Result{Note: "not judged: " + err.Error()}
		}
		return res
	}
	var (
		mu      sync.Mutex
		done    int
		running []string
	)
	report := func(ev Event) {
		if o.Progress != nil {
			ev.Done, ev.Total, ev.Running = done, len(todo), append([]string(nil), running...)
			o.Progress(ev)
		}
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(o.Parallel, len(todo)) {
		wg.Go(func() {
			for i := range work {
				v := vs[i]
				mu.Lock()
				running = append(running, v.Name)
				report(Event{})
				mu.Unlock()

				r := judgeOne(ctx, judge, o, v)

				mu.Lock()
				res[i] = r
				done++
				if k := indexOf(running, v.Name); k >= 0 {
					running = append(running[:k], running[k+1:]...)
				}
				report(Event{Finished: v.Name, Result: r})
				mu.Unlock()
			}
		})
	}
	for _, i := range todo {
		if ctx.Err() != nil {
			res[i] = Result{Note: "not judged: interrupted"}
			continue
		}
		work <- i
	}
	close(work)
	wg.Wait()
	return res
}

func judgeOne(ctx context.Context, judge Judge, o Options, v Variant) Result {
	at := o.Now()
	run := judge.Judge(ctx, v)
	r := Result{Ran: true, Passed: run.Passed, At: at, Seconds: run.Elapsed.Seconds()}
	switch {
	case ctx.Err() != nil:
		return Result{Note: "not judged: interrupted"}
	case strings.Contains(run.Output, `no variant "`+v.ID()+`"`):
		return Result{Note: "not judged: the variants' driver (variants_test.go) does not list " + v.ID()}
	case run.Err != nil && run.Output == "":
		return Result{Note: "not judged: " + run.Err.Error()}
	case run.Passed:
		return r // a pass is not cached: it may be luck, and the next run may catch it
	}
	r.Rule = failedRule(run.Output)
	r.Verdict = o.Read(run.Output, v)
	if r.Verdict == "" && run.Err != nil {
		r.Verdict = run.Err.Error()
	}
	o.Cache.Put(v, r)
	return r
}

var (
	failLine = regexp.MustCompile(`--- FAIL: Test\w+/(\S+)`)
	runLine  = regexp.MustCompile(`(?m)^=== RUN\s+Test\w+/(\S+)$`)
)

// failedRule returns the first rule (subtest) that failed in go test -v output, or,
// when the judge's watchdog ended the run ("--- FAIL: TestX (stuck)"), the rule that
// was running.
func failedRule(out string) string {
	if m := failLine.FindStringSubmatch(out); m != nil {
		return m[1]
	}
	if strings.Contains(out, " (stuck)") {
		if ms := runLine.FindAllStringSubmatch(out, -1); ms != nil {
			return ms[len(ms)-1][1]
		}
	}
	return ""
}

var logLine = regexp.MustCompile(`(?m)^\s*[\w.-]+\.go:\d+: (.+)$`)

// ReadVerdict is a plain reader of the judge's first verdict line: the first line the
// judge logged, a data race, a deadlock or busy-wait watchdog, or a panic.
func ReadVerdict(out string, _ Variant) string {
	for _, l := range strings.Split(out, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case t == "WARNING: DATA RACE":
			return "data race"
		case strings.HasPrefix(t, "panic: "), strings.HasPrefix(t, "fatal error: "),
			strings.HasPrefix(t, "deadlock:"), strings.HasPrefix(t, "busy-wait:"):
			return t
		}
		if m := logLine.FindStringSubmatch(l); m != nil && !strings.Contains(m[1], "[rapid] OK") {
			return m[1]
		}
	}
	return ""
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}
