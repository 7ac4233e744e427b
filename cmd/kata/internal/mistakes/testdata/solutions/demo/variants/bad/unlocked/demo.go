// Package demo is a known-bad counter.
//
// Bug: N reads the count without the lock, racing with Add. Verdict: the race
// detector's "DATA RACE".
package demo

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Add() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *Counter) N() int {
	return c.n // no lock
}
