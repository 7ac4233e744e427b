package interview

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/watch"
)

// A Verdict is what one judge run said, as the interview shows and scores it.
type Verdict struct {
	Pass     bool
	Headline string // the verdict's first line: FAIL latch: rule "schedules" broke
	Message  string // what broke, in plain words; "" for a pass
	Broken   string // the rule that broke, or the error ("does not compile"); "" for a pass
}

// A Judge judges the learner's files once. It returns false when ctx was cancelled
// before a verdict (a newer save, or the end of the interview).
type Judge func(ctx context.Context) (Verdict, bool)

// A Clock tells the time: the real one, or a test's.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// What an Event reports.
type Kind int

const (
	Judging Kind = iota // a save is being judged
	Judged              // a verdict came: Event.Verdict
	Tick                // a second went by
	Mark                // a time to announce: Event.Note ("half time", "5 minutes left")
	TimeUp              // no more saves are judged; a run in progress finishes
)

// An Event is something the interview shows.
type Event struct {
	Kind          Kind
	Elapsed, Left time.Duration
	Verdict       Verdict // for Judged
	Note          string  // for Mark
}

// ErrInterrupted is Run's error when its context ended the interview.
var ErrInterrupted = errors.New("interview: interrupted")

// A Session is one interview: Limit to pass, every save judged.
type Session struct {
	Limit time.Duration
	Saves <-chan struct{} // one value per save of the learner's files (watch.Saves)
	Judge Judge
	Clock Clock       // nil means the real clock
	Show  func(Event) // told what happens, one event at a time; nil shows nothing
}

// Run runs the interview until the first pass or the end of the time allowed, and returns
// its scorecard. A save made before the time is up is judged to its verdict, which counts;
// saves after it are not judged. A save while a judge run is in progress cancels that run
// (it judged files that are gone) and judges the files as they are. When ctx is done
// first, Run cancels the run in progress and returns ErrInterrupted, with the card of
// the time used so far.
func (s *Session) Run(ctx context.Context) (Scorecard, error) {
	clock := s.Clock
	if clock == nil {
		clock = realClock{}
	}
	start := clock.Now()
	card := Scorecard{Started: start, Minutes: s.Limit.Minutes()}
	var mu sync.Mutex // guards card and serializes Show
	show := func(ev Event) {
		if s.Show == nil {
			return
		}
		ev.Elapsed = clock.Now().Sub(start)
		ev.Left = s.Limit - ev.Elapsed
		s.Show(ev)
	}

	ctx2, cancel := context.WithCancel(ctx)
	defer cancel()
	timeUp := clock.After(s.Limit)
	saves := make(chan struct{})
	ticking := make(chan struct{}) // closed when the time is up (or the interview ends)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // the learner's saves, until the time is up
		defer wg.Done()
		defer close(saves)
		defer close(ticking)
		for {
			select {
			case <-ctx2.Done():
				return
			case <-timeUp:
				mu.Lock()
				show(Event{Kind: TimeUp})
				mu.Unlock()
				return
			case _, ok := <-s.Saves:
				if !ok {
					return
				}
				select {
				case saves <- struct{}{}:
				case <-ctx2.Done():
					return
				}
			}
		}
	}()
	go func() { // the clock on the screen, and the marks
		defer wg.Done()
		marks := marks(s.Limit)
		for {
			select {
			case <-ticking:
				return
			case <-clock.After(time.Second):
			}
			mu.Lock()
			left := s.Limit - clock.Now().Sub(start)
			for len(marks) > 0 && left <= marks[0].left {
				show(Event{Kind: Mark, Note: marks[0].note})
				marks = marks[1:]
			}
			show(Event{Kind: Tick})
			mu.Unlock()
		}
	}()

	passed := watch.Loop(ctx2, saves, false, func(ctx context.Context) bool {
		mu.Lock()
		at := clock.Now()
		show(Event{Kind: Judging})
		mu.Unlock()
		v, ok := s.Judge(ctx)
		if !ok {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		card.Attempts++
		if v.Pass {
			card.Passed = true
			card.Seconds = at.Sub(start).Seconds()
		} else {
			card.Broken = append(card.Broken, v.Broken)
		}
		show(Event{Kind: Judged, Verdict: v})
		return v.Pass
	})
	cancel()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if !passed {
		card.Seconds = min(clock.Now().Sub(start), s.Limit).Seconds()
		if ctx.Err() != nil {
			return card, ErrInterrupted
		}
	}
	return card, nil
}

type mark struct {
	left time.Duration
	note string
}

// marks are the times an interview announces: half time, and 5 minutes and 1 minute left,
// those that make sense for the time allowed.
func marks(limit time.Duration) []mark {
	var ms []mark
	if limit >= 20*time.Minute {
		ms = append(ms, mark{limit / 2, "half time"})
	}
	if limit > 10*time.Minute {
		ms = append(ms, mark{5 * time.Minute, "5 minutes left"})
	}
	if limit > 2*time.Minute {
		ms = append(ms, mark{time.Minute, "1 minute left"})
	}
	return ms
}
