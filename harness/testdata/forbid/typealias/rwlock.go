package rwlock

type RWMutex struct{ inner }
