package rwlocktest

import "sort"

// The model is the order of sync.RWMutex, one lock per lockState. Steps are numbered by
// their index in the schedule; an RLock or Lock step also names its reader or writer.
//
//   - RLock gets in when no writer holds the lock or waits for it; otherwise it waits.
//   - Lock gets in when nobody holds the lock (and no writer waits); otherwise it waits.
//   - RUnlock: when the last reader leaves and a writer waits, one waiting writer gets in.
//   - Unlock: every waiting reader gets in; when none waits, one waiting writer gets in.
//
// Which waiting writer gets in is not the model's to say: it offers them all (grant),
// and the run tells it which one did (admit).
type model struct {
	locks []*lockState
}

type lockState struct {
	readers        map[int]bool // readers holding the lock
	writer         int          // the writer holding the lock, or -1
	waitingReaders []int        // in the order they came
	waitingWriters []int
}

func newModel(locks int) *model {
	m := &model{}
	for range locks {
		m.locks = append(m.locks, &lockState{readers: map[int]bool{}, writer: -1})
	}
	return m
}

func (st *lockState) readerList() []int {
	var rs []int
	for r := range st.readers {
		rs = append(rs, r)
	}
	sort.Ints(rs)
	return rs
}

// An effect is what a step must do: the steps that return because of it (the step
// itself, for an unlock or for a lock that gets in at once, and the waiters it lets in),
// and the waiting writers of which exactly one must get in.
type effect struct {
	returns []int
	oneOf   []int
	lock    int
}

// apply makes step i, call c, and returns its effect.
func (m *model) apply(i int, c call) effect {
	st := m.locks[c.Lock]
	e := effect{lock: c.Lock}
	switch c.Kind {
	case rlock:
		if st.writer < 0 && len(st.waitingWriters) == 0 {
			st.readers[i] = true
			e.returns = append(e.returns, i)
		} else {
			st.waitingReaders = append(st.waitingReaders, i)
		}
	case lock:
		if st.writer < 0 && len(st.readers) == 0 && len(st.waitingWriters) == 0 {
			st.writer = i
			e.returns = append(e.returns, i)
		} else {
			st.waitingWriters = append(st.waitingWriters, i)
		}
	case runlock:
		delete(st.readers, c.Of)
		e.returns = append(e.returns, i)
		if len(st.readers) == 0 && st.writer < 0 {
			e.oneOf = append(e.oneOf, st.waitingWriters...)
		}
	case unlock:
		st.writer = -1
		e.returns = append(e.returns, i)
		if len(st.waitingReaders) > 0 {
			for _, r := range st.waitingReaders {
				st.readers[r] = true
				e.returns = append(e.returns, r)
			}
			st.waitingReaders = nil
		} else {
			e.oneOf = append(e.oneOf, st.waitingWriters...)
		}
	}
	return e
}

// admit records that waiting writer w of lock l got in.
func (m *model) admit(l, w int) {
	st := m.locks[l]
	st.writer = w
	for k, x := range st.waitingWriters {
		if x == w {
			st.waitingWriters = append(st.waitingWriters[:k], st.waitingWriters[k+1:]...)
			break
		}
	}
}

// grantFirst admits the first waiting writer when one may get in: the drawing of a
// schedule needs a state, whichever writer the learner lets in.
func (m *model) grantFirst() {
	for l, st := range m.locks {
		if st.writer < 0 && len(st.readers) == 0 && len(st.waitingWriters) > 0 {
			m.admit(l, st.waitingWriters[0])
		}
	}
}
