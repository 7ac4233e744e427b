package timeline

import (
	"encoding/json"
	"strings"
)

// Env is the environment variable that tells the harness how to show a verdict's
// timeline: "record" (set by the kata tool, which draws it itself) prints the record
// as one machine line (see Line); "ascii" and "unicode" force a picture's characters;
// "off" shows none. Unset, the harness draws a picture, in ASCII when ASCIIOnly says so.
const Env = "KATA_TIMELINE"

// LinePrefix starts the machine line of a record.
const LinePrefix = "kata-timeline: "

// Line returns r as one machine line, for the kata tool to find in a test's output.
func (r Record) Line() string {
	b, err := json.Marshal(r)
	if err != nil {
		panic("timeline: " + err.Error())
	}
	return LinePrefix + string(b)
}

// ParseLine reads a machine line written by Line (leading spaces allowed).
func ParseLine(s string) (*Record, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), LinePrefix)
	if !ok {
		return nil, false
	}
	var r Record
	if err := json.Unmarshal([]byte(rest), &r); err != nil {
		return nil, false
	}
	return &r, true
}

// ASCIIOnly reports whether the environment says that the terminal cannot show
// Unicode: TERM is "dumb", or the locale (the first set of LC_ALL, LC_CTYPE and LANG)
// names no UTF-8 character set ("C", "POSIX", "en_US.ISO-8859-1"). An environment
// without a locale (Windows, many CI runners) gets Unicode.
func ASCIIOnly(getenv func(string) string) bool {
	if getenv("TERM") == "dumb" {
		return true
	}
	for _, v := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if l := getenv(v); l != "" {
			l = strings.ToLower(l)
			return !strings.Contains(l, "utf-8") && !strings.Contains(l, "utf8")
		}
	}
	return false
}

// Break records where the rule broke at the last moment of r, after everything it
// holds: what a watchdog does to the record of a run that got stuck.
func (r *Record) Break(lane, label string) {
	e := Event{Lane: lane, Kind: Broke, Label: label}
	for _, x := range r.Events {
		e.Start = max(e.Start, x.End)
		e.StartSeq = max(e.StartSeq, x.EndSeq+1, x.StartSeq+1)
	}
	e.End, e.EndSeq = e.Start, e.StartSeq
	r.Events = append(r.Events, e)
	for _, l := range r.Lanes {
		if l == lane {
			return
		}
	}
	r.Lanes = append(r.Lanes, lane)
}
