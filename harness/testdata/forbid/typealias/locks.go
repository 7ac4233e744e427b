package rwlock

import "sync"

type inner = sync.RWMutex
