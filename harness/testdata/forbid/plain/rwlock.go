package rwlock

import "sync"

type RWMutex struct {
	mu sync.RWMutex
}

func New() *RWMutex { return &RWMutex{} }

func other() any { return new(sync.RWMutex) }
