package raftsim

import (
	"fmt"
	"strings"
)

// A Plan is what the network and the members do to one run. The judge draws it per seed,
// so that a failure replays exactly.
type Plan struct {
	Members   int     // 3 or 5
	Seed      uint64  // the network's randomness: delays, drops, duplicates, lost replies
	Drop      float64 // chance that a message between members is lost
	Duplicate float64 // chance that a message is delivered twice
	MaxDelay  int     // a message takes 1 to MaxDelay ticks, so messages overtake each other
	LoseReply float64 // chance that the reply to an Invoke is lost (the client times out)
	Events    []Event // crashes, restarts and partitions, in tick order
	HealAt    int     // from this tick on every member is up, the network whole and lossless
}

// An EventKind is a fault or its end.
type EventKind int

const (
	Crash     EventKind = iota + 1 // the member stops; its storage survives
	Restart                        // the member starts again from its storage, with a fresh state machine
	Partition                      // Minority is cut off from the other members
	Heal                           // the network is whole again
)

// An Event happens at the start of tick Tick.
type Event struct {
	Tick     int
	Kind     EventKind
	Member   int   // Crash, Restart
	Minority []int // Partition
	Leader   bool  // Crash, Partition: the member that leads at that moment (if any) instead
}

func (e Event) String() string {
	switch e.Kind {
	case Crash:
		if e.Leader {
			return fmt.Sprintf("tick %d: the leader crashes", e.Tick)
		}
		return fmt.Sprintf("tick %d: member %d crashes", e.Tick, e.Member)
	case Restart:
		return fmt.Sprintf("tick %d: member %d restarts", e.Tick, e.Member)
	case Partition:
		if e.Leader {
			return fmt.Sprintf("tick %d: the leader is cut off", e.Tick)
		}
		return fmt.Sprintf("tick %d: members %v are cut off", e.Tick, e.Minority)
	case Heal:
		return fmt.Sprintf("tick %d: the partition heals", e.Tick)
	}
	return fmt.Sprintf("tick %d: event %d", e.Tick, int(e.Kind))
}

func (p Plan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d members, drop %.2f, duplicate %.2f, delay 1-%d ticks, lost replies %.2f, healed from tick %d",
		p.Members, p.Drop, p.Duplicate, p.MaxDelay, p.LoseReply, p.HealAt)
	for _, e := range p.Events {
		fmt.Fprintf(&b, "; %s", e)
	}
	return b.String()
}
