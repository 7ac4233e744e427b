// Package watch tells when the files of a folder are saved, by polling them, and re-runs a job on every save.
package watch

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"time"
)

// Options say which files to watch and how often to look at them.
type Options struct {
	Dir string
	// Match says which files of Dir count, by base name; nil means every regular file.
	Match func(name string) bool
	// Interval is the time between two looks at the files; 0 means DefaultInterval.
	Interval time.Duration
	// Settle is how long the files must stay unchanged after a change before it counts
	// as a save: an editor's save is often a burst of writes (truncate, write, rename,
	// a formatter's rewrite). 0 means DefaultSettle.
	Settle time.Duration
}

// The defaults: a save is noticed within about half a second, which is nothing next to a
// judge run, and looking at a handful of small files four times a second costs nothing.
const (
	DefaultInterval = 250 * time.Millisecond
	DefaultSettle   = 250 * time.Millisecond
)

// A stamp is what a look at a file sees: a save changes its size or its modification
// time (or adds or removes the file).
type stamp struct {
	size    int64
	modTime time.Time
}

// snapshot returns the stamps of the matching regular files of o.Dir; a folder that cannot
// be read has none.
func (o Options) snapshot() map[string]stamp {
	snap := map[string]stamp{}
	entries, err := os.ReadDir(o.Dir)
	if err != nil {
		return snap
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || o.Match != nil && !o.Match(e.Name()) {
			continue
		}
		fi, err := os.Stat(filepath.Join(o.Dir, e.Name()))
		if err != nil {
			continue // removed since ReadDir
		}
		snap[e.Name()] = stamp{size: fi.Size(), modTime: fi.ModTime()}
	}
	return snap
}

// Saves looks at the files every o.Interval and sends a value on the returned channel for
// each save: a change of the files (one added, removed, or written) after which they stayed
// unchanged for o.Settle. A save that the receiver has not taken yet absorbs the next one.
// The channel is closed when ctx is done.
func Saves(ctx context.Context, o Options) <-chan struct{} {
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	if o.Settle <= 0 {
		o.Settle = DefaultSettle
	}
	out := make(chan struct{}, 1)
	saved := o.snapshot() // the files as of the last save sent (or the start)
	go func() {
		defer close(out)
		tk := time.NewTicker(o.Interval)
		defer tk.Stop()
		last := saved // the files at the last look
		var still time.Time
		dirty := false
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-tk.C:
				cur := o.snapshot()
				if !maps.Equal(cur, last) {
					last, still, dirty = cur, now, true
					continue
				}
				if !dirty || now.Sub(still) < o.Settle {
					continue
				}
				dirty = false
				if maps.Equal(cur, saved) {
					continue // changed and changed back: nothing was saved
				}
				saved = cur
				select {
				case out <- struct{}{}:
				default: // one is pending already
				}
			}
		}
	}()
	return out
}
