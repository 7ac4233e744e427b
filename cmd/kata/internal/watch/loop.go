package watch

import "context"

// Loop calls job once at the start when first is set, then once for each value received
// from saves. A save that arrives while job runs cancels that run (its context is
// cancelled and Loop waits for it to return) and starts a new one: the files it judged are
// no longer the learner's, and the verdict of the files as they are comes soonest that way.
//
// Loop returns true as soon as a run of job returns true. It returns false when ctx is done
// (after cancelling the run in progress), or when saves is closed and the run in progress,
// if any, has returned false: closing saves lets the last run finish.
func Loop(ctx context.Context, saves <-chan struct{}, first bool, job func(ctx context.Context) (stop bool)) bool {
	cancel := func() {}
	var done chan bool // the result of the run in progress; nil when none runs
	start := func() {
		var rctx context.Context
		rctx, cancel = context.WithCancel(ctx)
		d := make(chan bool, 1)
		done = d
		go func() { d <- job(rctx) }()
	}
	defer func() { cancel() }()
	if first {
		start()
	}
	for {
		select {
		case <-ctx.Done():
			cancel()
			if done != nil {
				<-done
			}
			return false
		case _, ok := <-saves:
			if !ok {
				saves = nil
				if done == nil {
					return false
				}
				continue
			}
			if done != nil {
				cancel()
				if <-done {
					return true // it passed just before the save: that verdict stands
				}
			}
			start()
		case stop := <-done:
			cancel()
			done = nil
			if stop {
				return true
			}
			if saves == nil {
				return false
			}
		}
	}
}
