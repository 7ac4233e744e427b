package main

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// A workflow is what the test reads of a GitHub Actions workflow.
type workflow struct {
	Name        string            `yaml:"name"`
	On          yaml.Node         `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		If       string            `yaml:"if"`
		Needs    string            `yaml:"needs"`
		Outputs  map[string]string `yaml:"outputs"`
		RunsOn   string            `yaml:"runs-on"`
		Timeout  int               `yaml:"timeout-minutes"`
		Env      map[string]string `yaml:"env"`
		Strategy struct {
			FailFast    *bool     `yaml:"fail-fast"`
			MaxParallel int       `yaml:"max-parallel"`
			Matrix      yaml.Node `yaml:"matrix"` // a map of lists, or an expression
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
			WorkingDir      string            `yaml:"working-directory"`
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
			var matrix map[string][]string
			if err := job.Strategy.Matrix.Decode(&matrix); err != nil {
				t.Fatalf("job %s: matrix: %v", name, err)
			}
			oses := matrix["os"]
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

// TestClassWorkflow parses .github/workflows/class.yml, the instructor's grade of a class
// spread over machines: run by hand only (never on a student's push), one job per fork
// listed in forks.txt that grades it from the trusted checkout, and a last job, even when
// some fail, that merges the grades into the job summary. Where bash and jq are installed
// (as on GitHub's runners), it also runs the step that turns forks.txt into the matrix.
func TestClassWorkflow(t *testing.T) {
	wf, text := readWorkflow(t, "class.yml")
	var on map[string]any
	require.NoError(t, wf.On.Decode(&on))
	assert.Equal(t, []string{"workflow_dispatch"}, slices.Collect(maps.Keys(on)), "class.yml must run only by hand")
	assert.NotContains(t, text, "${{ secrets", "grading a class needs no secret")

	list, grade, merge := wf.Jobs["list"], wf.Jobs["grade"], wf.Jobs["merge"]
	require.NotEmpty(t, list.Steps, "no job 'list'")
	require.NotEmpty(t, grade.Steps, "no job 'grade'")
	require.NotEmpty(t, merge.Steps, "no job 'merge'")
	for name, job := range wf.Jobs {
		assert.NotZero(t, job.Timeout, "job %s: no timeout-minutes", name)
		for _, s := range job.Steps {
			// Values from forks.txt and the matrix reach scripts through env, never
			// pasted into the script (a label or URL could hold shell code).
			assert.NotContains(t, s.Run, "${{", "job %s, step %q: an expression inside run:", name, s.Name)
		}
	}
	assert.Equal(t, "${{ steps.list.outputs.forks }}", list.Outputs["forks"])

	assert.Equal(t, "list", grade.Needs)
	var matrix map[string]string
	require.NoError(t, grade.Strategy.Matrix.Decode(&matrix))
	assert.Equal(t, "${{ fromJSON(needs.list.outputs.forks) }}", matrix["include"])
	require.NotNil(t, grade.Strategy.FailFast)
	assert.False(t, *grade.Strategy.FailFast, "one fork's failure must not cancel the others")
	var trusted, built, cloned, graded, uploaded bool
	for _, s := range grade.Steps {
		switch {
		case strings.HasPrefix(s.Uses, "actions/checkout@"):
			trusted = s.With["path"] == "trusted" && s.With["repository"] == ""
		case strings.Contains(s.Run, "go build") && strings.Contains(s.Run, "./cmd/kata"):
			built = s.WorkingDir == "trusted"
		case strings.Contains(s.Run, "git clone"):
			cloned = s.Env["URL"] == "${{ matrix.url }}"
		case strings.Contains(s.Run, "kata\" grade -submission ../fork"):
			graded = s.WorkingDir == "trusted" && s.Env["STUDENT"] == "${{ matrix.student }}" &&
				strings.Contains(s.Run, `-label "$STUDENT" -json "../$STUDENT.json"`) && strings.Contains(s.Run, "|| test $? -eq 1")
		case strings.HasPrefix(s.Uses, "actions/upload-artifact@"):
			uploaded = s.If == "always()" && s.With["name"] == "grade-${{ matrix.student }}"
		}
	}
	assert.True(t, trusted, "grade: the trusted workbook must be checked out into trusted/")
	assert.True(t, built, "grade: the grader must be built from the trusted checkout")
	assert.True(t, cloned, "grade: the fork must be cloned from the matrix's url, through env")
	assert.True(t, graded, "grade: kata grade -submission ../fork -label -json from trusted/, a failing kata (exit 1) not failing the job")
	assert.True(t, uploaded, "grade: the JSON report uploaded as grade-<student>, if: always()")

	assert.Equal(t, "grade", merge.Needs)
	assert.Equal(t, "always()", merge.If, "the class table must be made when some forks failed")
	var downloaded, merged, summary bool
	for _, s := range merge.Steps {
		switch {
		case strings.HasPrefix(s.Uses, "actions/download-artifact@"):
			downloaded = s.With["pattern"] == "grade-*" && s.With["merge-multiple"] == "true" && s.With["path"] == "reports"
		case strings.Contains(s.Run, "kata grade -merge"):
			merged = strings.Contains(s.Run, "-markdown class.md") && strings.Contains(s.Run, "reports/*.json")
		case strings.Contains(s.Run, "$GITHUB_STEP_SUMMARY"):
			summary = s.If == "always()" && strings.Contains(s.Run, "class.md")
		}
	}
	assert.True(t, downloaded && merged && summary, "merge: download grade-* into reports/, kata grade -merge, the table in the job summary")

	// The list step, run: forks.txt to the matrix.
	if _, err := exec.LookPath("jq"); err != nil {
		t.Log("jq is not installed: the list step was not run")
		return
	}
	var script string
	for _, s := range list.Steps {
		if s.ID == "list" {
			script = s.Run
		}
	}
	require.NotEmpty(t, script, "no step with id list")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "forks.txt"), "# class of 2026\nalice https://github.com/alice/workbook\n\n  bob   https://github.com/bob/workbook  \n")
	out := filepath.Join(dir, "out")
	cmd := exec.Command("bash", "-e", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "FORKS=forks.txt", "GITHUB_OUTPUT="+out)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	assert.Equal(t, `forks=[{"student":"alice","url":"https://github.com/alice/workbook"},{"student":"bob","url":"https://github.com/bob/workbook"}]`+"\n", readFile(t, out))
}
