package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gokata/workbook/harness/timeline"
)

// reportSchema names the format of a grade report; classSchema that of a merged table.
const (
	reportSchema = "gokata-grade/v1"
	classSchema  = "gokata-class/v1"
)

// A report is the result of one grade: the JSON report is this, as is.
type report struct {
	Schema           string        `json:"schema"`
	Label            string        `json:"label"`      // whose work: a student, a fork, "reference solutions"
	Submission       string        `json:"submission"` // what was graded
	Workbook         string        `json:"workbook"`   // the module path of the judge
	GradedAt         time.Time     `json:"graded_at"`
	GoVersion        string        `json:"go_version"`
	TimeLimitSeconds float64       `json:"time_limit_seconds"`
	BuildSeconds     float64       `json:"build_seconds"`
	Passed           int           `json:"passed"`
	Total            int           `json:"total"`
	Katas            []kataResult  `json:"katas"`
	Ignored          []ignoredFile `json:"ignored"`
	JudgeChanges     []difference  `json:"judge_changes"`
	Sandbox          sandboxState  `json:"sandbox,omitzero"` // zero: a report made without grading (tests)
}

func (r *report) count() {
	r.Passed, r.Total = 0, len(r.Katas)
	for _, k := range r.Katas {
		if k.Status == statusPass {
			r.Passed++
		}
	}
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// failing is what the score table says of a kata that did not pass: "rule: message".
func (k kataResult) failing() string {
	if k.Status == statusPass || k.Status == statusNotAttempted && k.Message == "" {
		return ""
	}
	if k.Rule != "" {
		return k.Rule + ": " + firstLine(k.Message)
	}
	return firstLine(k.Message)
}

func (k kataResult) timeText() string {
	if k.Status == statusNotAttempted || k.Status == statusError && k.Seconds == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1fs", k.Seconds)
}

// writeTable prints the score table.
func (r *report) writeTable(w io.Writer, pal palette, width int) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", pal.bold("kata"), pal.bold("verdict"), pal.bold("time"), pal.bold("first failing rule"))
	for _, k := range r.Katas {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k.Name, pal.status(k.Status), k.timeText(), clip(k.failing(), width))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d of %d katas pass", r.Passed, r.Total)
	if r.Label != "" {
		fmt.Fprintf(w, " (%s)", r.Label)
	}
	fmt.Fprintln(w)
	if r.Sandbox.State != sandboxOn && r.Sandbox.State != "" { // "": a report of an older kata
		fmt.Fprintln(w, r.Sandbox)
	}
	for _, k := range r.Katas {
		for _, n := range k.Review {
			fmt.Fprintf(w, "review %s: %s\n", k.Name, n)
		}
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(w, "\nIgnored files of the submission (the grade used the workbook's own):\n")
		for _, f := range r.Ignored {
			fmt.Fprintf(w, "  %s: %s\n", filepath.FromSlash(f.Path), f.Reason)
		}
	}
	if len(r.JudgeChanges) > 0 {
		fmt.Fprintf(w, "\nThe judge that graded this differs from the manifest (kata verify):\n")
		for _, d := range r.JudgeChanges {
			fmt.Fprintf(w, "  %s: %s\n", d.What, filepath.FromSlash(d.Path))
		}
	}
}

func clip(s string, width int) string {
	if width <= 0 {
		return s
	}
	r := []rune(s)
	if len(r) <= width {
		return s
	}
	return string(r[:width-1]) + "…"
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// JUnit XML: a testsuite per kata, a testcase per rule.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr,omitempty"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", s) }

func (s *junitSuite) add(c junitCase) {
	s.Cases = append(s.Cases, c)
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
}

func (ss *junitSuites) add(s junitSuite) {
	ss.Suites = append(ss.Suites, s)
	ss.Tests += s.Tests
	ss.Failures += s.Failures
	ss.Errors += s.Errors
	ss.Skipped += s.Skipped
}

// kataSuite is a kata as a JUnit test suite: one test case per rule. A kata that did not
// get to its rules (not attempted, does not compile) is one test case named after it.
func kataSuite(k kataResult, class string) junitSuite {
	s := junitSuite{Name: class, Time: seconds(k.Seconds)}
	problem := func(status, msg, details string) (fail, errr, skip *junitProblem) {
		p := &junitProblem{Message: firstLine(msg), Text: strings.TrimSpace(msg + "\n" + details)}
		switch status {
		case statusFail:
			p.Type = "fail"
			return p, nil, nil
		case statusError:
			p.Type = "error"
			return nil, p, nil
		case "skip", statusNotAttempted:
			p.Text = ""
			return nil, nil, p
		}
		return nil, nil, nil
	}
	if len(k.Rules) == 0 {
		c := junitCase{Name: k.Name, Classname: class, Time: seconds(k.Seconds)}
		msg := k.Message
		if k.Status == statusNotAttempted && msg == "" {
			msg = statusNotAttempted
		}
		c.Failure, c.Error, c.Skipped = problem(k.Status, msg, k.Details)
		s.add(c)
		return s
	}
	for _, r := range k.Rules {
		c := junitCase{Name: r.Name, Classname: class, Time: seconds(r.Seconds)}
		details := ""
		if r.Name == k.Rule {
			details = k.Details
		}
		c.Failure, c.Error, c.Skipped = problem(r.Status, r.Message, details)
		s.add(c)
	}
	if k.Status != statusPass && k.Rule == "" {
		// The kata failed outside its rules (after them, or before any ran).
		c := junitCase{Name: "judge", Classname: class}
		c.Failure, c.Error, c.Skipped = problem(k.Status, k.Message, k.Details)
		s.add(c)
	}
	return s
}

func (r *report) junit() *junitSuites {
	ss := &junitSuites{Name: "kata grade"}
	total := 0.0
	for _, k := range r.Katas {
		class := k.Name
		if r.Label != "" {
			class = r.Label + "." + k.Name
		}
		s := kataSuite(k, class)
		s.Timestamp = r.GradedAt.UTC().Format("2006-01-02T15:04:05")
		ss.add(s)
		total += k.Seconds
	}
	ss.Time = seconds(total)
	return ss
}

func writeXML(path string, v any) error {
	b, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append([]byte(xml.Header), append(b, '\n')...), 0o644)
}

// Markdown, for a GitHub job summary.

var statusIcon = map[string]string{
	statusPass:         "✅ pass",
	statusFail:         "❌ fail",
	statusError:        "💥 error",
	statusNotAttempted: "⬜ not attempted",
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
	return clip(s, 160)
}

func (r *report) markdown(w io.Writer) {
	title := "Kata grade"
	if r.Label != "" {
		title += ": " + r.Label
	}
	fmt.Fprintf(w, "## %s\n\n**%d of %d katas pass.**\n\n", mdCell(title), r.Passed, r.Total)
	if r.Sandbox.State != sandboxOn && r.Sandbox.State != "" {
		fmt.Fprintf(w, "%s\n\n", mdCell(r.Sandbox.String()))
	}
	fmt.Fprintf(w, "| kata | verdict | first failing rule | time |\n| --- | --- | --- | --- |\n")
	for _, k := range r.Katas {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", k.Name, statusIcon[k.Status], mdCell(k.failing()), k.timeText())
	}
	for _, k := range r.Katas {
		if k.Details == "" && len(k.Review) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n<details><summary>%s: %s</summary>\n\n", k.Name, mdCell(k.failing()))
		if k.Details != "" {
			fmt.Fprintf(w, "````text\n%s\n````\n", strings.TrimRight(k.Details, "\n"))
		}
		if k.Timeline != nil {
			// GitHub draws Mermaid in job summaries; the axis counts moments (see
			// timeline.Mermaid).
			fmt.Fprintf(w, "\nWhat each goroutine did, moment by moment:\n\n```mermaid\n%s```\n", timeline.Mermaid(k.Timeline.Record()))
		}
		for _, n := range k.Review {
			fmt.Fprintf(w, "- review: %s\n", mdCell(n))
		}
		fmt.Fprintf(w, "\n</details>\n")
	}
	if len(r.Ignored) > 0 {
		fmt.Fprintf(w, "\n**Ignored files** (the grade used the workbook's own):\n\n")
		for _, f := range r.Ignored {
			fmt.Fprintf(w, "- `%s`: %s\n", f.Path, mdCell(f.Reason))
		}
	}
	if len(r.JudgeChanges) > 0 {
		fmt.Fprintf(w, "\n**The judge differs from the manifest** (`kata verify`):\n\n")
		for _, d := range r.JudgeChanges {
			fmt.Fprintf(w, "- %s: `%s`\n", d.What, d.Path)
		}
	}
	fmt.Fprintf(w, "\n<sub>graded %s with %s, time limit %gs per kata</sub>\n", r.GradedAt.UTC().Format("2006-01-02 15:04 UTC"), r.GoVersion, r.TimeLimitSeconds)
}

func writeMarkdown(path string, write func(io.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	write(f)
	return f.Close()
}
