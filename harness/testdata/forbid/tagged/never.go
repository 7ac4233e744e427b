//go:build ignore

package rwlock

import "sync"

var _ sync.RWMutex
