// Package demo is a known-bad counter.
//
// Bug: Add locks twice. sync.Mutex is not reentrant, so the second Lock waits for
// ever. Verdict: "deadlock: Add never returned".
package demo

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Add() {
	c.mu.Lock()
	c.inc()
	c.mu.Unlock()
}

func (c *Counter) N() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
