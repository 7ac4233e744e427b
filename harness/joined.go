package harness

import "sync"

// Joined returns a channel that is closed once wg.Wait returns, so that a checker can
// wait for its goroutines with a deadline:
//
//	select {
//	case <-harness.Joined(&wg):
//	case <-time.After(harness.Deadline):
//		// deadlock
//	}
func Joined(wg *sync.WaitGroup) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		wg.Wait()
	}()
	return done
}
