package judgeclock

import (
	"testing"
	"time"
)

func TestOpen(t *testing.T) {
	gate := make(chan struct{})
	held := gate
	if !Open(&gate) {
		t.Fatal("Open of a gate returned false; want true")
	}
	if gate != nil {
		t.Fatal("Open left the gate set; want nil")
	}
	select {
	case <-held:
	default:
		t.Fatal("Open did not close the gate")
	}
	if Open(&gate) {
		t.Fatal("Open of a nil gate returned true; want false")
	}
}

func TestClock(t *testing.T) {
	c := New("example.com/nobody", "judgeclock.(*nobody).", Leftovers{})
	if got := c.Now(); got != 0 {
		t.Fatalf("Now() = %v at the start; want 0", got)
	}
	c.Set(3 * time.Second)
	if got := c.Now(); got != 3*time.Second {
		t.Fatalf("Now() = %v after Set(3s); want 3s", got)
	}
	if msg := c.Settle("nothing"); msg != "" {
		t.Fatalf("Settle() of a run without goroutines = %q; want \"\"", msg)
	}
	if gs := c.Ours(); len(gs) != 0 {
		t.Fatalf("Ours() of a run without goroutines = %v; want none", gs)
	}
}
