package main

import (
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// A workflow is what the test reads of a GitHub Actions workflow.
type workflow struct {
	Name        string            `yaml:"name"`
	On          yaml.Node         `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		RunsOn  string `yaml:"runs-on"`
		Timeout int    `yaml:"timeout-minutes"`
		Steps   []struct {
			Name            string            `yaml:"name"`
			ID              string            `yaml:"id"`
			ContinueOnError bool              `yaml:"continue-on-error"`
			Env             map[string]string `yaml:"env"`
			Uses            string            `yaml:"uses"`
			Run             string            `yaml:"run"`
			If              string            `yaml:"if"`
			With            map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestGradeWorkflow parses .github/workflows/grade.yml (a YAML syntax error fails here)
// and checks that it sets up Go from go.mod, grades with all three reports, writes the
// Markdown to the job summary and uploads the JSON and JUnit files, even when a kata fails.
func TestGradeWorkflow(t *testing.T) {
	text := readFile(t, filepath.Join(repoRoot(t), ".github/workflows/grade.yml"))
	if strings.Contains(text, "\t") {
		t.Errorf("the workflow has a tab: YAML forbids them in indentation")
	}
	var wf workflow
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&wf); err != nil {
		t.Fatalf("grade.yml: %v", err)
	}
	if wf.On.Kind == 0 {
		t.Errorf("no 'on:' triggers")
	}
	if wf.Permissions["contents"] != "read" || len(wf.Permissions) != 1 {
		t.Errorf("permissions %v, want only contents: read", wf.Permissions)
	}
	job, ok := wf.Jobs["grade"]
	if !ok || job.RunsOn == "" || job.Timeout == 0 {
		t.Fatalf("no job 'grade' with runs-on and timeout-minutes: %+v", wf.Jobs)
	}
	var checkout, setup, grade, summary, upload bool
	for _, s := range job.Steps {
		switch {
		case strings.HasPrefix(s.Uses, "actions/checkout@"):
			checkout = true
		case strings.HasPrefix(s.Uses, "actions/setup-go@"):
			setup = s.With["go-version-file"] == "go.mod"
		case strings.Contains(s.Run, "kata grade"):
			grade = strings.Contains(s.Run, "-json grade.json") && strings.Contains(s.Run, "-junit grade.xml") && strings.Contains(s.Run, "-markdown grade.md")
		case strings.Contains(s.Run, "$GITHUB_STEP_SUMMARY"):
			summary = strings.Contains(s.Run, "grade.md") && s.If == "always()"
		case strings.HasPrefix(s.Uses, "actions/upload-artifact@"):
			upload = strings.Contains(s.With["path"], "grade.json") && strings.Contains(s.With["path"], "grade.xml") && s.If == "always()"
		}
		if strings.Contains(s.Run, "secrets.") || strings.Contains(text, "${{ secrets") {
			t.Errorf("step %q uses a secret; grading needs none", s.Name)
		}
	}
	for what, ok := range map[string]bool{
		"a checkout": checkout, "setup-go with go-version-file: go.mod": setup,
		"kata grade with -json grade.json -junit grade.xml -markdown grade.md": grade,
		"grade.md appended to $GITHUB_STEP_SUMMARY, if: always()":              summary,
		"upload-artifact of grade.json and grade.xml, if: always()":            upload,
	} {
		if !ok {
			t.Errorf("the workflow lacks %s", what)
		}
	}
}
