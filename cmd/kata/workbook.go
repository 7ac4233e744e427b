package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// known lists the workbook's katas in workbook order, with their origins and difficulties
// (easy, medium or hard; the README's kata table says the same and wins). Katas found in
// the tree but not listed here come after them, in alphabetical order.
var known = []struct{ name, origin, difficulty string }{
	{"printinorder", "LeetCode 1114, Print in Order", "easy"},
	{"foobar", "LeetCode 1115, Print FooBar Alternately", "easy"},
	{"latch", "Java's CountDownLatch, reusable like Hazelcast's CP CountDownLatch", "medium"},
	{"deferredcallback", "interview question: a thread-safe deferred callback executor", "medium"},
	{"refereequeue", "interview question: users queue for identity verification by referees", "hard"},
	{"webcrawler", "LeetCode 1242, Web Crawler Multithreaded, and the Go Tour's web crawler", "medium"},
	{"tailserver", "a lesson on synchronization primitives: many tails, one printer", "hard"},
	{"zeroevenodd", "LeetCode 1116, Print Zero Even Odd", "medium"},
	{"h2o", "LeetCode 1117, Building H2O", "medium"},
	{"fizzbuzz", "LeetCode 1195, Fizz Buzz Multithreaded", "medium"},
	{"boundedqueue", "LeetCode 1188, Design Bounded Blocking Queue", "medium"},
	{"diningphilosophers", "LeetCode 1226, The Dining Philosophers", "medium"},
	{"trafficlight", "LeetCode 1279, Traffic Light Controlled Intersection", "easy"},
	{"semaphore", "golang.org/x/sync/semaphore's Weighted, from a lesson on synchronization primitives", "medium"},
	{"rwlock", "a lesson on synchronization primitives: a read-write lock with sync.RWMutex's order", "hard"},
	{"barrier", "Java's CyclicBarrier, with contexts", "hard"},
	{"workqueue", "the seed lessons' producer/consumer story, after Python's queue.Queue with task_done and join", "medium"},
	{"pubsub", "seed lessons: a publish/subscribe broker that loses nothing", "hard"},
	{"pool", "seed lessons: a worker pool with futures, like ThreadPoolExecutor", "medium"},
	{"cplatch", "Hazelcast's CP Subsystem CountDownLatch, replicated with etcd's Raft", "hard"},
}

// A workbook is a checkout of the kata workbook: a module with a katas/ folder.
type workbook struct {
	root   string // absolute
	module string // the module path, from go.mod
}

// A kata is one folder katas/<name>/ that has a README.md.
type kata struct {
	name    string
	title   string
	origin  string
	summary string
	// difficulty is easy, medium or hard, from the README's kata table or known; "" when
	// neither says.
	difficulty string
	readme     string // the README's text
}

// findWorkbook returns the workbook that holds dir: the nearest folder above it with a
// go.mod and a katas/ folder.
func findWorkbook(dir string) (*workbook, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "katas")); err == nil && fi.IsDir() {
			if mod, err := modulePath(filepath.Join(d, "go.mod")); err == nil {
				return &workbook{root: d, module: mod}, nil
			}
		}
		if filepath.Dir(d) == d {
			return nil, fmt.Errorf("not in a kata workbook: no folder with a go.mod and a katas/ folder above %s", dir)
		}
	}
}

func modulePath(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}

// dirText writes the folder rel (a slash path from the workbook's root) the way the
// system does, for a person to read: "katas/latch/", or katas\latch\ on Windows.
// Reports keep slash paths (the same on every system).
func dirText(rel string) string { return filepath.FromSlash(rel) + string(filepath.Separator) }

// importPath returns the import path of katas/<name> (or another folder of the workbook).
func (w *workbook) importPath(rel string) string { return w.module + "/" + filepath.ToSlash(rel) }

// katas returns the workbook's katas in workbook order.
func (w *workbook) katas() ([]kata, error) {
	entries, err := os.ReadDir(filepath.Join(w.root, "katas"))
	if err != nil {
		return nil, err
	}
	table := w.kataTable()
	var ks []kata
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		text, err := os.ReadFile(filepath.Join(w.root, "katas", e.Name(), "README.md"))
		if err != nil {
			continue // half-built: not a kata yet
		}
		ks = append(ks, newKata(e.Name(), string(text), table[e.Name()]))
	}
	sortKatas(ks, func(k kata) string { return k.name })
	return ks, nil
}

// sortKatas sorts katas (or anything named like them) in workbook order: known katas
// first, as listed in known, then the others alphabetically.
func sortKatas[T any](xs []T, name func(T) string) {
	slices.SortStableFunc(xs, func(a, b T) int {
		ra, rb := rank(name(a)), rank(name(b))
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(name(a), name(b))
	})
}

func rank(name string) int {
	for i, k := range known {
		if k.name == name {
			return i
		}
	}
	return len(known)
}

// kata returns the kata called name, or a usage error that lists the real ones.
func (w *workbook) kata(name string) (kata, error) {
	ks, err := w.katas()
	if err != nil {
		return kata{}, err
	}
	for _, k := range ks {
		if k.name == name {
			return k, nil
		}
	}
	return kata{}, usageErrorf("unknown kata %q; the katas are: %s", name, strings.Join(names(ks), ", "))
}

func names(ks []kata) []string {
	var ns []string
	for _, k := range ks {
		ns = append(ns, k.name)
	}
	if len(ns) == 0 {
		return []string{"(none yet)"}
	}
	return ns
}

// A tableRow is a row of the top-level README's kata table.
type tableRow struct{ origin, summary, difficulty string }

// kataTable reads the kata table of the top-level README.
func (w *workbook) kataTable() map[string]tableRow {
	text, err := os.ReadFile(filepath.Join(w.root, "README.md"))
	if err != nil {
		return map[string]tableRow{}
	}
	return parseKataTable(string(text))
}

var kataCell = regexp.MustCompile(`^\[?([a-z0-9_]+)\]?(?:\([^)]*\))?$`)

// parseKataTable reads the kata table of a README: a header row "| kata | difficulty |
// origin | summary |" (the columns after the first in any order, others ignored), then a
// row per kata, "| [name](katas/name/README.md) | ... |", up to the first line that is not
// a table row.
func parseKataTable(text string) map[string]tableRow {
	rows := map[string]tableRow{}
	var cols []string // the header's column names, in lower case; nil outside a kata table
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if len(l) < 2 || l[0] != '|' || l[len(l)-1] != '|' {
			cols = nil
			continue
		}
		cells := strings.Split(l[1:len(l)-1], "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if strings.EqualFold(cells[0], "kata") {
			cols = nil
			for _, c := range cells {
				c = strings.ToLower(c)
				if c == "origin" || c == "summary" || c == "difficulty" {
					cols = make([]string, len(cells))
					break
				}
			}
			for i := range cols {
				cols[i] = strings.ToLower(cells[i])
			}
			continue
		}
		m := kataCell.FindStringSubmatch(cells[0])
		if cols == nil || m == nil || len(cells) != len(cols) {
			continue
		}
		var r tableRow
		for i, c := range cols {
			switch c {
			case "origin":
				r.origin = cells[i]
			case "summary":
				r.summary = cells[i]
			case "difficulty":
				r.difficulty = strings.ToLower(cells[i])
			}
		}
		rows[m[1]] = r
	}
	return rows
}

func newKata(name, text string, row tableRow) kata {
	k := kata{name: name, readme: text, origin: row.origin, summary: row.summary, difficulty: row.difficulty}
	r := parseReadme(text)
	k.title = r.title
	if k.title == "" {
		k.title = name
	}
	if k.origin == "" {
		k.origin = r.origin
	}
	for _, kn := range known {
		if kn.name != name {
			continue
		}
		if k.origin == "" {
			k.origin = kn.origin
		}
		if k.difficulty == "" {
			k.difficulty = kn.difficulty
		}
	}
	if k.summary == "" {
		k.summary = r.summary
	}
	return k
}

// A readme is a kata's README.md, split for show and hint.
type readme struct {
	title   string   // the "# " line
	origin  string   // from a line "*Origin: ...*"
	summary string   // the first sentence of the first paragraph
	body    string   // the README without its hints and follow-ups
	hints   []string // each hint's text, without its heading
	// followups is the "## Follow-ups" section, heading included: the questions an
	// interviewer asks once the kata is solved, which kata show keeps for after an
	// interview. "" when the README has none.
	followups string
}

// isFollowups reports whether a heading opens the follow-up questions: "## Follow-ups",
// "## Follow-up questions", "## Followups".
func isFollowups(heading string) bool {
	h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(heading, "#")))
	return strings.HasPrefix(h, "follow-up") || strings.HasPrefix(h, "followup") || strings.HasPrefix(h, "follow up")
}

var originLine = regexp.MustCompile(`^[*_]Origin:\s*(.*?)\.?[*_]$`)

func parseReadme(text string) readme {
	var r readme
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var body []string
	fence := false
	hint := -1      // index into r.hints of the hint being read, or -1
	follow := false // reading the follow-ups
	var followups []string
	var para []string
	for _, l := range lines {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = !fence
		}
		level := 0
		if !fence {
			level = headingLevel(l)
		}
		switch {
		case level == 3 && strings.HasPrefix(strings.ToLower(trimmed), "### hint"):
			r.hints = append(r.hints, "")
			hint = len(r.hints) - 1
			continue
		case level > 0 && level <= 3:
			hint = -1
		}
		if level > 0 && level <= 2 {
			follow = level == 2 && isFollowups(l)
		}
		if follow {
			followups = append(followups, l)
			continue
		}
		if hint >= 0 {
			r.hints[hint] += l + "\n"
			continue
		}
		body = append(body, l)
		switch {
		case level == 1 && r.title == "":
			r.title = strings.TrimSpace(l[2:])
		case fence || level > 0:
		case originLine.MatchString(trimmed) && r.origin == "":
			r.origin = originLine.FindStringSubmatch(trimmed)[1]
		case trimmed == "" && len(para) > 0 && r.summary == "":
			r.summary = firstSentence(strings.Join(para, " "))
		case trimmed != "" && r.summary == "" && r.title != "":
			para = append(para, trimmed)
		}
	}
	if r.summary == "" && len(para) > 0 {
		r.summary = firstSentence(strings.Join(para, " "))
	}
	for i := range r.hints {
		r.hints[i] = strings.TrimSpace(r.hints[i])
	}
	r.body = strings.TrimRight(dropEmptyHintsHeading(body), "\n") + "\n"
	if len(followups) > 0 {
		r.followups = strings.TrimSpace(strings.Join(followups, "\n")) + "\n"
	}
	return r
}

// dropEmptyHintsHeading removes a "## Hints" heading left with nothing under it once the
// hints are taken out.
func dropEmptyHintsHeading(lines []string) string {
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if headingLevel(l) == 2 && strings.Contains(strings.ToLower(l), "hint") {
			j := i + 1
			for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if j == len(lines) || headingLevel(lines[j]) > 0 {
				i = j - 1
				continue
			}
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func headingLevel(l string) int {
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n >= len(l) || l[n] != ' ' {
		return 0
	}
	return n
}

func firstSentence(s string) string {
	s = strings.NewReplacer("`", "", "*", "").Replace(s)
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, ".")
}
