package trackctx

import (
	"context"
	"testing"
	"time"
)

func TestAfterFuncIsCounted(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := New(parent)
	stop := context.AfterFunc(c, func() {})
	if live, total := c.Live(); live != 1 || total != 1 {
		t.Fatalf("after context.AfterFunc: live %d, total %d; want 1, 1", live, total)
	}
	if !c.Leaked() {
		t.Fatal("Leaked() = false with a live registration on a live ctx")
	}
	if !stop() {
		t.Fatal("stop() = false before the ctx ended")
	}
	if live, _ := c.Live(); live != 0 || c.Leaked() {
		t.Fatalf("after stop: live %d, Leaked %t; want 0, false", live, c.Leaked())
	}
}

func TestDerivedContextsAreCounted(t *testing.T) {
	c := New(context.Background())
	_, cancel0 := context.WithCancel(c)
	defer cancel0()
	if live, _ := c.Live(); live != 0 {
		t.Fatalf("a ctx that never ends takes no registration; live %d", live)
	}
	parent, cancelParent := context.WithCancel(context.Background())
	defer cancelParent()
	c = New(parent)
	_, cancel := context.WithTimeout(c, time.Hour)
	if live, _ := c.Live(); live != 1 {
		cancel()
		t.Fatalf("context.WithTimeout on a live ctx: live %d, want 1", live)
	}
	cancel()
	if live, _ := c.Live(); live != 0 {
		t.Fatalf("after the child's cancel: live %d, want 0", live)
	}
	child, cancel2 := context.WithCancel(c)
	defer cancel2()
	cancelParent()
	<-child.Done()
	if c.Leaked() {
		t.Fatal("Leaked() = true after the ctx ended")
	}
}

func TestFiredRegistrationSettles(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	c := New(parent)
	ran := make(chan struct{})
	stop := context.AfterFunc(c, func() { close(ran) })
	cancel()
	<-ran
	if stop() {
		t.Fatal("stop() = true after f ran")
	}
	if live, _ := c.Live(); live != 0 {
		t.Fatalf("after f ran: live %d, want 0", live)
	}
}
