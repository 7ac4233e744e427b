package mistakes

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A Cache keeps the judge's verdicts on variants, each under a hash of everything it
// depends on: the judge (Salt, see JudgeHash) and the variant's files. A change to
// either is a new key, so a stale verdict is never shown.
type Cache struct {
	Dir  string // where the verdicts are kept, one file each
	Salt string // JudgeHash of the workbook and kata
}

// cacheFormat changes when what the cache holds, or how a verdict is read, changes.
const cacheFormat = "gokata-mistakes/v2"

// DefaultDir is the cache's folder in the user's cache, or "" when there is none.
func DefaultDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "gokata", "mistakes")
}

func (c *Cache) path(v Variant) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", cacheFormat, c.Salt, v.Kata, v.Name)
	for _, f := range v.Files {
		fmt.Fprintf(h, "%s\x00%d\x00%s", f.Name, len(f.Text), f.Text)
	}
	return filepath.Join(c.Dir, v.Kata+"-"+v.Name+"-"+hex.EncodeToString(h.Sum(nil))[:24]+".json")
}

// Get returns the verdict kept for v, if any.
func (c *Cache) Get(v Variant) (Result, bool) {
	if c == nil || c.Dir == "" {
		return Result{}, false
	}
	b, err := os.ReadFile(c.path(v))
	if err != nil {
		return Result{}, false
	}
	var r Result
	if json.Unmarshal(b, &r) != nil || r.Verdict == "" {
		return Result{}, false
	}
	r.Ran, r.Cached = true, true
	return r, true
}

// Put keeps the verdict r for v. A cache that cannot be written is no cache: Put
// does nothing then.
func (c *Cache) Put(v Variant, r Result) {
	if c == nil || c.Dir == "" || !r.Ran {
		return
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil || os.MkdirAll(c.Dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(append(b, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path(v))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// JudgeHash hashes what a variant's verdict depends on besides the variant: every file
// of the judge (harness/, with the kata's checker and the yield points), go.mod and
// go.sum, the kata's variants driver (solutions/<kata>/variants/*.go), and the Go
// version that compiles them.
func JudgeHash(root, kata, goVersion string) (string, error) {
	var files []string
	err := filepath.WalkDir(filepath.Join(root, "harness"), func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == "rapid" || strings.HasPrefix(d.Name(), ".")):
			return filepath.SkipDir // rapid's failure files, or hidden folders
		case d.Type().IsRegular():
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	files = append(files, filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"))
	driver, _ := filepath.Glob(filepath.Join(root, "solutions", kata, "variants", "*.go"))
	files = append(files, driver...)
	slices.Sort(files)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", cacheFormat, goVersion)
	for _, p := range files {
		r, err := filepath.Rel(root, p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(r))
		if err := hashFile(h, p); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFile writes the file's content, with CRLF line ends read as LF, to w.
func hashFile(w io.Writer, p string) error {
	b, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	b = []byte(strings.ReplaceAll(string(b), "\r\n", "\n"))
	fmt.Fprintf(w, "%d\x00", len(b))
	_, err = w.Write(b)
	return err
}
