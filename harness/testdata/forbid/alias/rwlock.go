package rwlock

import (
	std "sync"
)

type RWMutex struct {
	mu std.Mutex
	rw *std.RWMutex
}
