package rwlock

import "sync"

type RWMutex struct {
	sync.RWMutex
}
