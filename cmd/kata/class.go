package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// A classReport is several grades merged: a row per student, a column per kata.
type classReport struct {
	Schema   string     `json:"schema"`
	Katas    []string   `json:"katas"`
	Students []classRow `json:"students"`
}

type classRow struct {
	Label    string               `json:"label"`
	File     string               `json:"file"`
	GradedAt time.Time            `json:"graded_at"`
	Passed   int                  `json:"passed"`
	Total    int                  `json:"total"`
	Results  map[string]classCell `json:"results"`
	Error    string               `json:"error,omitempty"`   // why the fork could not be graded
	Sandbox  string               `json:"sandbox,omitempty"` // the grade's sandbox line, "sandbox: on"
}

type classCell struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

func runMerge(e *env, f *gradeFlags, files []string) error {
	if len(files) == 0 {
		return usageErrorf("-merge needs the JSON reports to merge as arguments")
	}
	if len(f.submissions) > 0 || f.solutions || f.reports != "" {
		return usageErrorf("-merge reads reports; it grades nothing (no -submission or -solutions)")
	}
	c := newClassReport()
	for _, name := range files {
		b, err := os.ReadFile(e.path(name))
		if err != nil {
			return err
		}
		var r report
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("%s: not a grade report: %v", name, err)
		}
		if r.Schema != reportSchema {
			return fmt.Errorf("%s: not a grade report (schema %q, want %q)", name, r.Schema, reportSchema)
		}
		c.add(&r, name)
	}
	c.sortKatas()
	if err := writeReports(f, func(p string) error { return writeJSON(p, c) }, func() any { return c.junit() }, c.markdown); err != nil {
		return err
	}
	c.writeTable(e.stdout)
	return nil
}

func newClassReport() *classReport {
	return &classReport{Schema: classSchema, Katas: []string{}, Students: []classRow{}}
}

// add puts the grade report r, read from file, in the class as a row.
func (c *classReport) add(r *report, file string) {
	row := classRow{Label: r.Label, File: file, GradedAt: r.GradedAt, Passed: r.Passed, Total: r.Total, Results: map[string]classCell{}}
	if r.Sandbox.State != "" { // "": a report of an older kata
		row.Sandbox = r.Sandbox.String()
	}
	if row.Label == "" {
		row.Label = strings.TrimSuffix(filepath.Base(file), ".json")
	}
	for _, k := range r.Katas {
		row.Results[k.Name] = classCell{Status: k.Status, Message: k.failing()}
		if !slices.Contains(c.Katas, k.Name) {
			c.Katas = append(c.Katas, k.Name)
		}
	}
	c.Students = append(c.Students, row)
}

func (c *classReport) sortKatas() { sortKatas(c.Katas, func(s string) string { return s }) }

var classMark = map[string]string{statusPass: "pass", statusFail: "fail", statusError: "error", statusNotAttempted: "-", "": "?"}

func (c *classReport) writeTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "student\t%s\tpassed\n", strings.Join(c.Katas, "\t"))
	for _, s := range c.Students {
		var cells []string
		for _, k := range c.Katas {
			cells = append(cells, classMark[s.Results[k].Status])
		}
		fmt.Fprintf(tw, "%s\t%s\t%d/%d\n", s.Label, strings.Join(cells, "\t"), s.Passed, s.Total)
	}
	tw.Flush()
	for _, s := range c.Students {
		if s.Error != "" {
			fmt.Fprintf(w, "%s could not be graded: %s\n", s.Label, s.Error)
		}
	}
	for _, line := range c.sandboxLines() {
		fmt.Fprintln(w, line)
	}
}

// sandboxLines says which forks were graded without the sandbox, and why: nothing when
// every fork had it (or the reports predate it).
func (c *classReport) sandboxLines() []string {
	who := map[string][]string{}
	var lines []string
	for _, s := range c.Students {
		if s.Sandbox == "" || s.Sandbox == "sandbox: "+sandboxOn {
			continue
		}
		if who[s.Sandbox] == nil {
			lines = append(lines, s.Sandbox)
		}
		who[s.Sandbox] = append(who[s.Sandbox], s.Label)
	}
	for i, l := range lines {
		lines[i] = fmt.Sprintf("%s: %s", l, strings.Join(who[l], ", "))
	}
	return lines
}

var classIcon = map[string]string{statusPass: "✅", statusFail: "❌", statusError: "💥", statusNotAttempted: "⬜", "": "?"}

func (c *classReport) markdown(w io.Writer) {
	fmt.Fprintf(w, "## Class grades\n\n| student | %s | passed |\n|%s\n", strings.Join(c.Katas, " | "), strings.Repeat(" --- |", len(c.Katas)+2))
	for _, s := range c.Students {
		var cells []string
		for _, k := range c.Katas {
			cells = append(cells, classIcon[s.Results[k].Status])
		}
		fmt.Fprintf(w, "| %s | %s | %d/%d |\n", mdCell(s.Label), strings.Join(cells, " | "), s.Passed, s.Total)
	}
	fmt.Fprintf(w, "\n✅ pass · ❌ fail · 💥 error (does not compile, crashed, time limit) · ⬜ not attempted\n")
	for _, line := range c.sandboxLines() {
		fmt.Fprintf(w, "\n%s\n", mdCell(line))
	}
}

// junit is the class as JUnit XML: a suite per student, a test case per kata.
func (c *classReport) junit() *junitSuites {
	ss := &junitSuites{Name: "kata class", Time: seconds(0)}
	for _, s := range c.Students {
		suite := junitSuite{Name: s.Label, Time: seconds(0)}
		for _, k := range c.Katas {
			cell, ok := s.Results[k]
			if !ok {
				continue
			}
			kc := junitCase{Name: k, Classname: s.Label, Time: seconds(0)}
			p := &junitProblem{Message: cell.Message, Type: cell.Status, Text: cell.Message}
			switch cell.Status {
			case statusFail:
				kc.Failure = p
			case statusError:
				kc.Error = p
			case statusNotAttempted:
				kc.Skipped = &junitProblem{Message: statusNotAttempted}
			}
			suite.add(kc)
		}
		ss.add(suite)
	}
	return ss
}
