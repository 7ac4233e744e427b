// Package interview runs a timed interview on one kata and keeps its scorecard.
package interview

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/gokata/workbook/cmd/kata/internal/text"
)

// A Scorecard is the result of one interview, as the progress file keeps it.
type Scorecard struct {
	Started time.Time `json:"started"`
	Minutes float64   `json:"minutes"` // the time allowed
	Passed  bool      `json:"passed"`
	// Seconds is the time from the start to the save that passed, or the time used.
	Seconds  float64  `json:"seconds"`
	Attempts int      `json:"attempts"`         // judge runs that gave a verdict
	Broken   []string `json:"broken,omitempty"` // what each failing attempt broke, in order
}

// Time is the time to pass, or the time used.
func (c Scorecard) Time() time.Duration {
	return time.Duration(c.Seconds * float64(time.Second)).Round(time.Second)
}

// Best returns the shortest time to pass among cards, and false when none passed.
func Best(cards []Scorecard) (time.Duration, bool) {
	var best time.Duration
	found := false
	for _, c := range cards {
		if c.Passed && (!found || c.Time() < best) {
			best, found = c.Time(), true
		}
	}
	return best, found
}

// BrokenInOrder says what broke, in order, a run of the same rule counted once:
// "schedules (2), then stress".
func BrokenInOrder(broken []string) string {
	var parts []string
	for i := 0; i < len(broken); {
		j := i
		for j < len(broken) && broken[j] == broken[i] {
			j++
		}
		p := broken[i]
		if j-i > 1 {
			p += fmt.Sprintf(" (%d)", j-i)
		}
		parts = append(parts, p)
		i = j
	}
	return strings.Join(parts, ", then ")
}

// Readout formats a duration as a countdown shows it: 7:05, 45:00, 1:02:03.
func Readout(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// questionWidth is the column at which the follow-up questions wrap.
const questionWidth = 80

// Print writes the scorecard of an interview of kata (with its difficulty, if known) and
// the follow-up questions.
func (c Scorecard) Print(w io.Writer, kata, difficulty string, questions []string) {
	title := kata
	if difficulty != "" {
		title += " (" + difficulty + ")"
	}
	fmt.Fprintf(w, "\nScorecard: %s\n", title)
	limit := Readout(time.Duration(c.Minutes * float64(time.Minute)))
	if c.Passed {
		fmt.Fprintf(w, "  result         passed in %s (of %s)\n", Readout(c.Time()), limit)
	} else {
		fmt.Fprintf(w, "  result         not passed (%s used of %s)\n", Readout(c.Time()), limit)
	}
	fmt.Fprintf(w, "  attempts       %d\n", c.Attempts)
	if len(c.Broken) == 0 {
		fmt.Fprintf(w, "  rules broken   none\n")
	} else {
		fmt.Fprintf(w, "  rules broken   %s\n", BrokenInOrder(c.Broken))
	}
	if len(questions) == 0 {
		fmt.Fprintf(w, "\n%s has no follow-up questions yet.\n", kata)
		return
	}
	fmt.Fprintf(w, "\nFollow-up questions, as an interviewer would ask them:\n")
	for i, q := range questions {
		fmt.Fprint(w, "  "+text.Fill(fmt.Sprintf("%d. %s", i+1, q), "     ", questionWidth-2))
	}
}

// Pick returns the first of names (in workbook order), or a random one when rnd is not
// nil, that passed does not hold; "" when every kata is passed.
func Pick(names []string, passed func(name string) bool, rnd *rand.Rand) string {
	var open []string
	for _, n := range names {
		if !passed(n) {
			open = append(open, n)
		}
	}
	switch {
	case len(open) == 0:
		return ""
	case rnd != nil:
		return open[rnd.IntN(len(open))]
	}
	return open[0]
}
