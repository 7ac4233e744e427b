package rwlock

import . "sync"

type Lock struct {
	m RWMutex
	n Mutex
}

func f() {
	var x Lock
	_ = Lock{m: x.m}
}
