//go:build race

package rwlock

import "sync"

var _ sync.RWMutex
