package harness

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A Variant is an implementation of a kata that the workbook judges in its own tests: a
// known-bad one with the verdict the judge must print, or a correct one that must pass.
type Variant struct {
	Name string // "bad/spin", "good/cond"
	// Want is text the judge's verdict must contain for a known-bad variant ("busy-wait",
	// "Second printed before First"); empty for a correct variant, which must pass. A bug
	// whose symptom depends on the interleaving may name alternatives separated by "|".
	Want string
	// Test runs the kata's checker on the variant.
	Test func(t *testing.T)
}

const variantEnv = "KATA_VARIANT"

// VariantTimeout bounds one variant's child process.
var VariantTimeout = 90 * time.Second

// RunVariants judges each variant in a child process of the running test binary (so
// that a deadlock verdict that ends the process, a crash or a hang stays contained) and
// fails when a known-bad variant passes, when its verdict lacks Want, or when a correct
// variant fails. Children run two at a time. Call it from a top-level test.
func RunVariants(t *testing.T, vs ...Variant) {
	t.Helper()
	if name := os.Getenv(variantEnv); name != "" {
		for _, v := range vs {
			if v.Name == name {
				v.Test(t)
				return
			}
		}
		t.Fatalf("no variant %q", name)
	}
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.Name] {
			t.Fatalf("two variants named %q", v.Name)
		}
		seen[v.Name] = true
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			out, err := runChild(t.Name(), v.Name)
			verdict := firstVerdict(out)
			switch {
			case v.Want == "" && err != nil:
				t.Errorf("correct variant %s failed the judge (%v):\n%s", v.Name, err, out)
			case v.Want == "":
				t.Logf("passed, as it should")
			case err == nil:
				t.Errorf("known-bad variant %s passed the judge; want a verdict containing %q:\n%s", v.Name, v.Want, out)
			case !containsAny(out, strings.Split(v.Want, "|")):
				t.Errorf("known-bad variant %s failed, but the verdict lacks %q:\n%s", v.Name, v.Want, out)
			default:
				t.Logf("verdict: %s", verdict)
			}
		})
	}
}

func runChild(testName, variant string) (string, error) {
	top, _, _ := strings.Cut(testName, "/")
	ctx, cancel := context.WithTimeout(context.Background(), VariantTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+top+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), variantEnv+"="+variant)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return string(out), ctx.Err()
	}
	return string(out), err
}

// firstVerdict returns the first line of the judge's verdict in go test -v output.
func firstVerdict(out string) string {
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if m := logLine.FindStringSubmatch(l); m != nil && !strings.HasPrefix(m[1], "[rapid] OK") {
			return m[1]
		}
		for _, p := range []string{"busy-wait:", "deadlock:", "WARNING: DATA RACE", "panic:"} {
			if strings.HasPrefix(l, p) {
				return l
			}
		}
	}
	return ""
}

var logLine = regexp.MustCompile(`^[\w./-]+\.go:\d+: (.+)$`)

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
