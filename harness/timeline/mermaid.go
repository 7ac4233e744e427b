package timeline

import (
	"fmt"
	"strings"
	"time"
)

// Mermaid writes r as a Mermaid gantt chart (GitHub draws Mermaid in Markdown and job
// summaries): a section per lane, a task per span, a milestone per mark and a critical
// milestone where the rule broke.
//
// Many events share one fake instant, and a gantt chart can only place them by time, so
// its axis counts moments, not time: moment n is the n-th event of the schedule (its
// Seq), and the axis (Mermaid's "x" date format, milliseconds) shows n. The fake time of
// each event is written in its label where it is not zero.
func Mermaid(r Record) string {
	ms, lanes := moments(r)
	var b strings.Builder
	b.WriteString("gantt\n")
	b.WriteString("    title " + escapeMermaid("the schedule, moment by moment (fake times in brackets)") + "\n")
	b.WriteString("    dateFormat x\n")
	b.WriteString("    axisFormat %L\n")
	open := " (" + openHeading(r) + ")"
	last := 0
	for _, m := range ms {
		last = max(last, m.seq)
	}
	id := 0
	for li, lane := range lanes {
		fmt.Fprintf(&b, "    section %s\n", escapeMermaid(lane))
		for _, m := range ms {
			if m.lane != li || m.end {
				continue
			}
			e := m.e
			id++
			label := e.Label
			switch e.Kind {
			case Call, Wait:
				end := e.EndSeq
				if e.Open {
					end = last + 1
					label = base(label) + open
				}
				if e.Kind == Wait {
					label = "wait: " + label
				}
				label += when(e.Start, e.End)
				tags := ""
				if e.Open {
					tags = "active, "
				}
				fmt.Fprintf(&b, "    %s :%se%d, %d, %d\n", escapeMermaid(label), tags, id, e.StartSeq, max(end, e.StartSeq+1))
			case Mark:
				fmt.Fprintf(&b, "    %s :milestone, e%d, %d, %d\n", escapeMermaid(label+when(e.Start, e.Start)), id, e.StartSeq, e.StartSeq)
			case Broke:
				fmt.Fprintf(&b, "    %s :crit, milestone, e%d, %d, %d\n", escapeMermaid("rule broke: "+label+when(e.Start, e.Start)), id, e.StartSeq, e.StartSeq)
			}
		}
	}
	return b.String()
}

// when writes the fake times of an event for a label: "" when both are zero.
func when(start, end time.Duration) string {
	s, e := fakeTime(start), fakeTime(end)
	switch {
	case s == "0s" && e == "0s":
		return ""
	case s == e:
		return " [" + s + "]"
	}
	return " [" + s + " to " + e + "]"
}

// escapeMermaid makes text safe in a gantt line: a colon ends a task's name, a hash and a
// semicolon start entities and comments, and a line break would end the line. They become
// look-alike characters.
func escapeMermaid(s string) string {
	s = mermaidText.Replace(s)
	return strings.TrimSpace(s)
}

var mermaidText = strings.NewReplacer(
	":", "˸", "#", "＃", ";", "；", "%", "％", "\n", " ", "\r", " ", "<", "‹", ">", "›", "`", "'", "\"", "'",
)
