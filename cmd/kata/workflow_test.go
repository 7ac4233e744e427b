package main

import (
	"path/filepath"
	"slices"
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
		If       string            `yaml:"if"`
		RunsOn   string            `yaml:"runs-on"`
		Timeout  int               `yaml:"timeout-minutes"`
		Env      map[string]string `yaml:"env"`
		Strategy struct {
			FailFast *bool               `yaml:"fail-fast"`
			Matrix   map[string][]string `yaml:"matrix"`
		} `yaml:"strategy"`
		Defaults struct {
			Run struct {
				Shell string `yaml:"shell"`
			} `yaml:"run"`
		} `yaml:"defaults"`
		Steps []struct {
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
	wf, text := readWorkflow(t, "grade.yml")
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

// readWorkflow parses .github/workflows/name, failing on a YAML error or a field the
// workflow type does not know (a misspelt key), and checks what every workflow of the
// workbook needs: triggers, and read-only permissions.
func readWorkflow(t *testing.T, name string) (workflow, string) {
	t.Helper()
	text := readFile(t, filepath.Join(repoRoot(t), ".github", "workflows", name))
	if strings.Contains(text, "\t") {
		t.Errorf("%s has a tab: YAML forbids them in indentation", name)
	}
	var wf workflow
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&wf); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if wf.On.Kind == 0 {
		t.Errorf("%s: no 'on:' triggers", name)
	}
	if wf.Permissions["contents"] != "read" || len(wf.Permissions) != 1 {
		t.Errorf("%s: permissions %v, want only contents: read", name, wf.Permissions)
	}
	return wf, text
}

// TestCIWorkflow parses .github/workflows/ci.yml, the workbook's own CI, and checks that
// it runs make test on Linux and the judge of the references (go test -race of the
// solutions and kata grade -solutions) on Windows and macOS, with Go from go.mod, and
// only in the workbook's own repository (in a student's fork make test fails by design).
func TestCIWorkflow(t *testing.T) {
	wf, text := readWorkflow(t, "ci.yml")
	if strings.Contains(text, "${{ secrets") {
		t.Errorf("ci.yml uses a secret; the workbook's tests need none")
	}
	w, err := findWorkbook(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	repo := "'" + strings.TrimPrefix(w.module, "github.com/") + "'"
	var linux, others bool
	for name, job := range wf.Jobs {
		if want := "github.repository == " + repo; job.If != want {
			t.Errorf("job %s: if %q, want %q (forks are graded by grade.yml)", name, job.If, want)
		}
		if job.Timeout == 0 {
			t.Errorf("job %s: no timeout-minutes", name)
		}
		var setup, makeTest, race, grade bool
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "actions/setup-go@"):
				setup = s.With["go-version-file"] == "go.mod"
			case strings.TrimSpace(s.Run) == "make test":
				makeTest = true
			case strings.Contains(s.Run, "go test -race") && strings.Contains(s.Run, "./solutions/..."):
				race = s.If == ""
			case strings.Contains(s.Run, "kata grade -solutions"):
				grade = s.If == ""
			}
		}
		if !setup {
			t.Errorf("job %s: no actions/setup-go with go-version-file: go.mod", name)
		}
		switch {
		case job.RunsOn == "ubuntu-latest" && makeTest:
			linux = true
		case job.RunsOn == "${{ matrix.os }}":
			oses := job.Strategy.Matrix["os"]
			if !slices.Contains(oses, "windows-latest") || !slices.Contains(oses, "macos-latest") {
				t.Errorf("job %s: matrix os %q, want windows-latest and macos-latest", name, oses)
			}
			if ff := job.Strategy.FailFast; ff == nil || *ff {
				t.Errorf("job %s: want fail-fast: false, so that one system's failure does not hide the other's", name)
			}
			if job.Env["CGO_ENABLED"] != "1" {
				t.Errorf("job %s: want CGO_ENABLED: \"1\" (the race detector needs cgo on Windows)", name)
			}
			if !race || !grade {
				t.Errorf("job %s: want steps running go test -race ./solutions/... and kata grade -solutions", name)
			}
			others = race && grade
		default:
			t.Errorf("job %s: runs-on %q; want make test on ubuntu-latest, or the references on a matrix of systems", name, job.RunsOn)
		}
	}
	if !linux {
		t.Errorf("ci.yml has no job running make test on ubuntu-latest")
	}
	if !others {
		t.Errorf("ci.yml has no job judging the references on windows-latest and macos-latest")
	}
}
