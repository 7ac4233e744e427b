package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/interview"
)

// progressFile is the learner's local progress, in the workbook root; git ignores it.
const progressFile = ".kata-progress.json"

type progress struct {
	Version int                      `json:"version"`
	Katas   map[string]*kataProgress `json:"katas"`
}

type kataProgress struct {
	FirstAttempt time.Time  `json:"first_attempt,omitzero"`
	LastAttempt  time.Time  `json:"last_attempt,omitzero"`
	Attempts     int        `json:"attempts,omitempty"`
	LastResult   string     `json:"last_result,omitempty"` // pass or fail
	FirstPass    *time.Time `json:"first_pass,omitempty"`
	HintsSeen    int        `json:"hints_seen,omitempty"`
	// Interviews are the scorecards of the interviews on the kata, oldest first.
	Interviews []interview.Scorecard `json:"interviews,omitempty"`
}

func loadProgress(root string) (*progress, error) {
	p := &progress{Version: 1, Katas: map[string]*kataProgress{}}
	b, err := os.ReadFile(filepath.Join(root, progressFile))
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, p); err != nil {
		return nil, fmt.Errorf("%s: %v (delete it to start afresh)", progressFile, err)
	}
	if p.Katas == nil {
		p.Katas = map[string]*kataProgress{}
	}
	return p, nil
}

func (p *progress) save(root string) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(root, progressFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(root, progressFile))
}

func (p *progress) kata(name string) *kataProgress {
	k := p.Katas[name]
	if k == nil {
		k = &kataProgress{}
		p.Katas[name] = k
	}
	return k
}

// record notes an attempt at a kata and its result.
func (p *progress) record(name string, passed bool, now time.Time) {
	k := p.kata(name)
	if k.Attempts == 0 || k.FirstAttempt.IsZero() {
		k.FirstAttempt = now
	}
	k.Attempts++
	k.LastAttempt = now
	k.LastResult = statusFail
	if passed {
		k.LastResult = statusPass
		if k.FirstPass == nil {
			t := now
			k.FirstPass = &t
		}
	}
}

// describe says where the learner is with a kata, for kata list.
func (k *kataProgress) describe(stub bool) string {
	switch {
	case k == nil || k.Attempts == 0:
		if stub {
			return "not started"
		}
		return "not started (edited, not tested yet)"
	case k.LastResult == statusPass:
		return fmt.Sprintf("passing since %s, %s after the first attempt", k.FirstPass.Format("2006-01-02"), roundDuration(k.FirstPass.Sub(k.FirstAttempt)))
	case k.FirstPass != nil:
		return fmt.Sprintf("failing (passed on %s; %d attempts)", k.FirstPass.Format("2006-01-02"), k.Attempts)
	}
	return fmt.Sprintf("failing (%s)", plural(k.Attempts, "attempt"))
}

// interviewNote says how the learner did in interviews of a kata, for kata list: "" when
// none, "; best interview 7:05", "; interviewed twice, not passed".
func (k *kataProgress) interviewNote() string {
	if k == nil || len(k.Interviews) == 0 {
		return ""
	}
	if best, ok := interview.Best(k.Interviews); ok {
		return "; best interview " + interview.Readout(best)
	}
	if len(k.Interviews) == 1 {
		return "; interviewed once, not passed"
	}
	return fmt.Sprintf("; interviewed %d times, not passed", len(k.Interviews))
}

// interviewed reports whether the learner finished an interview of kata name (passed, or
// the time ran out): then kata show prints its follow-up questions.
func (p *progress) interviewed(name string) bool {
	k := p.Katas[name]
	return k != nil && len(k.Interviews) > 0
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// roundDuration prints a duration the way a person says it: 40s, 12m, 3h20m, 2d4h.
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd%dh", int(d.Hours())/24, int(d.Hours())%24)
}
