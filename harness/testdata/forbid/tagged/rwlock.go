package rwlock

type RWMutex struct{}
