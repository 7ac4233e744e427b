// Package raftsim simulates a Raft cluster of etcd's raft library deterministically, in
// lockstep inside a testing/synctest bubble, for judging replicated state machines.
package raftsim

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"slices"
	"sync"
	"testing/synctest"
	"time"

	"go.etcd.io/raft/v3"
	pb "go.etcd.io/raft/v3/raftpb"
	"google.golang.org/protobuf/proto"

	"github.com/gokata/workbook/harness/cp"
)

// A StateMachine is one member's copy of the replicated state: the learner's Part A.
type StateMachine interface {
	Apply(index uint64, cmd cp.Command) []cp.Result
	Expired(now time.Time) []cp.InvocationID
}

// Tick is one step of the simulation in fake time.
const Tick = 10 * time.Millisecond

// ReplySpacing separates the instants at which callers return: replies are sent at a
// tick, and the caller of the k-th reply of a run returns k*ReplySpacing after it (modulo
// a tick). So no two callers return at the same instant, also after pauses of whole
// milliseconds, and what they do next happens in the same order in every replay. A judge
// whose clients call at instants that are not multiples of ReplySpacing (client c at
// instants c+1 modulo it) keeps its clients apart from the replies too.
const ReplySpacing = 16 * time.Nanosecond

const (
	electionTicks  = 10
	heartbeatTicks = 1
	replyTicks     = 30 // Invoke gives up this many ticks after the later of its call and the command's deadline
	expireTicks    = 5  // the leader proposes an Expire again after this many ticks
)

// An Applied is one log entry as a member applied it.
type Applied struct {
	Index   uint64
	Cmd     cp.Command
	Results []cp.Result
}

// A Sim is a simulated cluster. Invoke may be called from any goroutine of the bubble;
// Run is the one driver goroutine.
type Sim struct {
	// Observe, if set, is called by Invoke, on the caller's goroutine, with the call's ctx
	// and command: the judge learns which invocation ids a client call used.
	Observe func(ctx context.Context, cmd cp.Command)

	plan  Plan
	newSM func() StateMachine
	rng   *rand.Rand
	start time.Time

	mu       sync.Mutex // guards requests, failure and stats
	requests []*request
	failure  string
	stats    Stats

	tick      int
	answered  int // replies sent so far
	members   []*member
	net       []envelope
	sent      int      // envelopes ever sent, for a stable delivery order
	minority  []int    // the members cut off, if partitioned
	trace     []string // what happened, for determinism checks and reports
	lastLeads []int
}

type member struct {
	id       uint64 // raft id: index+1
	storage  *raft.MemoryStorage
	node     *raft.RawNode // nil while crashed
	sm       StateMachine
	waiting  map[cp.InvocationID]*request
	expiring map[cp.InvocationID]int // await -> tick its Expire was last proposed
	applied  []Applied               // since the last restart
	log      []Applied               // every entry ever applied here, by index (replays included once)
}

type request struct {
	member int
	cmd    cp.Command
	reply  chan reply // buffered: the driver never waits for a client
}

type reply struct {
	res   cp.Result
	err   error
	after time.Duration // the caller returns this long after the reply is sent
}

type envelope struct {
	due int
	seq int
	msg *pb.Message
}

// Stats counts what a run did to its clients.
type Stats struct {
	Invokes     int // calls of Invoke
	NotLeader   int // answered with a *cp.NotLeaderError
	TimedOut    int // ended with cp.ErrTimeout
	LostReplies int // replies the network lost
	Leaders     int // terms in which a member led
}

// Stats returns the counts so far.
func (s *Sim) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

func (s *Sim) count(f func(*Stats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.stats)
}

// New returns a cluster of plan.Members members, each with a state machine from newSM.
// It must be called inside the bubble that will run it.
func New(plan Plan, newSM func() StateMachine) *Sim {
	s := &Sim{
		plan:  plan,
		newSM: newSM,
		rng:   rand.New(rand.NewPCG(plan.Seed, plan.Seed^0x9e3779b97f4a7c15)),
		start: time.Now(),
	}
	voters := make([]uint64, plan.Members)
	for i := range voters {
		voters[i] = uint64(i + 1)
	}
	for i := range plan.Members {
		st := raft.NewMemoryStorage()
		if err := st.ApplySnapshot(&pb.Snapshot{Metadata: &pb.SnapshotMetadata{ConfState: &pb.ConfState{Voters: voters}}}); err != nil {
			panic("raftsim: " + err.Error())
		}
		m := &member{id: uint64(i + 1), storage: st}
		s.members = append(s.members, m)
		s.startMember(m)
	}
	s.lastLeads = make([]int, plan.Members)
	return s
}

var discard = &raft.DefaultLogger{Logger: log.New(io.Discard, "", 0)}

func (s *Sim) startMember(m *member) {
	node, err := raft.NewRawNode(&raft.Config{
		ID:              m.id,
		ElectionTick:    electionTicks,
		HeartbeatTick:   heartbeatTicks,
		Storage:         m.storage,
		MaxSizePerMsg:   1 << 20,
		MaxInflightMsgs: 256,
		CheckQuorum:     true,
		PreVote:         true,
		Logger:          discard,
	})
	if err != nil {
		panic("raftsim: " + err.Error())
	}
	m.node = node
	m.sm = s.newSM()
	m.waiting = map[cp.InvocationID]*request{}
	m.expiring = map[cp.InvocationID]int{}
	m.applied = nil
}

// Members returns the number of members.
func (s *Sim) Members() int { return s.plan.Members }

// Invoke proposes cmd through member and waits for its result; see cp.Cluster.
func (s *Sim) Invoke(ctx context.Context, member int, cmd cp.Command) (cp.Result, error) {
	if member < 0 || member >= s.plan.Members {
		return cp.Result{}, fmt.Errorf("cp: no member %d; members are 0 to %d", member, s.plan.Members-1)
	}
	if err := ctx.Err(); err != nil {
		return cp.Result{}, err
	}
	if s.Observe != nil {
		s.Observe(ctx, cmd)
	}
	r := &request{member: member, cmd: cmd, reply: make(chan reply, 1)}
	s.mu.Lock()
	s.requests = append(s.requests, r)
	s.stats.Invokes++
	s.mu.Unlock()
	wait := time.Duration(replyTicks) * Tick
	if d := time.Until(cmd.Deadline); !cmd.Deadline.IsZero() && d > 0 {
		wait += d
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case rep := <-r.reply:
		// Replies are sent at ticks; each caller returns at an instant of its own (see
		// ReplySpacing), so that what the callers do next happens in one order.
		time.Sleep(rep.after)
		return rep.res, rep.err
	case <-ctx.Done():
		return cp.Result{}, ctx.Err()
	case <-timer.C:
		s.count(func(st *Stats) { st.TimedOut++ })
		return cp.Result{}, cp.ErrTimeout
	}
}

// Failure returns why the simulation stopped early (a state machine panicked), or "".
func (s *Sim) Failure() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failure
}

func (s *Sim) fail(msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failure == "" {
		s.failure = msg
	}
}

// Run drives the cluster tick by tick until stop is closed or a state machine panics.
// At each tick it waits until every other goroutine of the bubble is blocked, applies
// the plan's events, takes the clients' requests in a deterministic order, ticks the
// members, delivers the messages that are due, handles every member's Ready, and sleeps
// one tick of fake time.
func (s *Sim) Run(stop <-chan struct{}) {
	for ; ; s.tick++ {
		synctest.Wait()
		select {
		case <-stop:
			return
		default:
		}
		if s.Failure() != "" {
			return
		}
		s.events()
		s.takeRequests()
		for _, m := range s.members {
			if m.node != nil {
				m.node.Tick()
			}
		}
		s.deliver()
		s.handleReady()
		s.expire()
		s.handleReady()
		s.noteLeaders()
		time.Sleep(Tick)
	}
}

func (s *Sim) logf(format string, args ...any) {
	s.trace = append(s.trace, fmt.Sprintf("tick %d: ", s.tick)+fmt.Sprintf(format, args...))
}

// Trace returns what happened so far: leader changes, faults and applied entries.
func (s *Sim) Trace() []string { return slices.Clone(s.trace) }

func (s *Sim) events() {
	for _, e := range s.plan.Events {
		if e.Tick != s.tick || s.tick >= s.plan.HealAt {
			continue
		}
		s.trace = append(s.trace, e.String())
		if e.Leader {
			lead := s.leader()
			if lead < 0 {
				continue
			}
			e.Member, e.Minority = lead, []int{lead}
		}
		switch e.Kind {
		case Crash:
			m := s.members[e.Member]
			m.node = nil
			m.sm = nil
			m.waiting = nil // their clients time out
		case Restart:
			if m := s.members[e.Member]; m.node == nil {
				s.startMember(m)
			}
		case Partition:
			s.minority = slices.Clone(e.Minority)
		case Heal:
			s.minority = nil
		}
	}
	if s.tick == s.plan.HealAt {
		s.logf("the cluster heals: every member up, the network whole")
		s.minority = nil
		for _, m := range s.members {
			if m.node == nil {
				s.startMember(m)
			}
		}
	}
}

// leader returns the member that leads in the highest term, or -1.
func (s *Sim) leader() int {
	lead, term := -1, uint64(0)
	for i, m := range s.members {
		if m.node == nil {
			continue
		}
		if st := m.node.BasicStatus(); st.RaftState == raft.StateLeader && st.GetTerm() >= term {
			lead, term = i, st.GetTerm()
		}
	}
	return lead
}

func (s *Sim) healed() bool { return s.tick >= s.plan.HealAt }

// takeRequests proposes the clients' waiting requests, sorted by invocation id so that
// the order does not depend on how the clients' goroutines were scheduled.
func (s *Sim) takeRequests() {
	s.mu.Lock()
	reqs := s.requests
	s.requests = nil
	s.mu.Unlock()
	slices.SortStableFunc(reqs, func(a, b *request) int {
		if a.cmd.ID.Session != b.cmd.ID.Session {
			return cmpU(a.cmd.ID.Session, b.cmd.ID.Session)
		}
		if a.cmd.ID.Seq != b.cmd.ID.Seq {
			return cmpU(a.cmd.ID.Seq, b.cmd.ID.Seq)
		}
		return a.member - b.member
	})
	for _, r := range reqs {
		m := s.members[r.member]
		if m.node == nil {
			continue // a crashed member never answers
		}
		st := m.node.BasicStatus()
		if st.RaftState != raft.StateLeader {
			s.answer(r, reply{err: &cp.NotLeaderError{Member: r.member, Leader: int(st.Lead) - 1}})
			continue
		}
		if err := m.node.Propose(encode(r.cmd)); err != nil {
			s.answer(r, reply{err: &cp.NotLeaderError{Member: r.member, Leader: -1}})
			continue
		}
		m.waiting[r.cmd.ID] = r
	}
}

// answer sends a reply unless the plan loses it.
func (s *Sim) answer(r *request, rep reply) {
	if !s.healed() && s.plan.LoseReply > 0 && s.rng.Float64() < s.plan.LoseReply {
		s.count(func(st *Stats) { st.LostReplies++ })
		return
	}
	if _, ok := rep.err.(*cp.NotLeaderError); ok {
		s.count(func(st *Stats) { st.NotLeader++ })
	}
	s.answered++
	rep.after = time.Duration(s.answered%int(Tick/ReplySpacing)) * ReplySpacing
	r.reply <- rep
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Sim) cut(a, b uint64) bool {
	in := func(id uint64) bool { return slices.Contains(s.minority, int(id)-1) }
	return in(a) != in(b)
}

func (s *Sim) send(msg *pb.Message) {
	copies := 1
	if !s.healed() {
		if s.plan.Drop > 0 && s.rng.Float64() < s.plan.Drop {
			copies = 0
		} else if s.plan.Duplicate > 0 && s.rng.Float64() < s.plan.Duplicate {
			copies = 2
		}
	}
	for i := range copies {
		delay := 1
		if s.plan.MaxDelay > 1 && !s.healed() {
			delay += s.rng.IntN(s.plan.MaxDelay)
		}
		m := msg
		if i > 0 {
			m = proto.Clone(msg).(*pb.Message)
		}
		s.net = append(s.net, envelope{due: s.tick + delay, seq: s.sent, msg: m})
		s.sent++
	}
}

func (s *Sim) deliver() {
	var due, later []envelope
	for _, e := range s.net {
		if e.due <= s.tick {
			due = append(due, e)
		} else {
			later = append(later, e)
		}
	}
	s.net = later
	slices.SortFunc(due, func(a, b envelope) int {
		if a.due != b.due {
			return a.due - b.due
		}
		return a.seq - b.seq
	})
	for _, e := range due {
		to := s.members[e.msg.GetTo()-1]
		if to.node == nil || s.cut(e.msg.GetFrom(), e.msg.GetTo()) {
			continue
		}
		_ = to.node.Step(e.msg) // a message for an old term is refused, as on a real network
	}
}

func (s *Sim) handleReady() {
	for progress := true; progress; {
		progress = false
		for _, m := range s.members {
			if m.node == nil || !m.node.HasReady() {
				continue
			}
			progress = true
			rd := m.node.Ready()
			if !raft.IsEmptyHardState(rd.HardState) {
				m.storage.SetHardState(rd.HardState)
			}
			if len(rd.Entries) > 0 {
				m.storage.Append(rd.Entries)
			}
			for _, msg := range rd.Messages {
				s.send(msg)
			}
			for _, e := range rd.CommittedEntries {
				if !s.apply(m, e) {
					return
				}
			}
			m.node.Advance(rd)
		}
	}
}

// apply applies one committed entry to m's state machine and answers the clients waiting
// at m for the invocations it completes. It returns false if the state machine panicked.
func (s *Sim) apply(m *member, e *pb.Entry) bool {
	if e.GetType() != pb.EntryType_EntryNormal || len(e.GetData()) == 0 {
		s.record(m, Applied{Index: e.GetIndex()}) // a leader's empty entry or a configuration change
		return true
	}
	cmd := decode(e.GetData())
	var results []cp.Result
	if msg := call(func() { results = m.sm.Apply(e.GetIndex(), cmd) }); msg != "" {
		s.fail(fmt.Sprintf("Apply(%d, %s %s) on member %d panicked: %s", e.GetIndex(), cmd.Op, cmd.ID, m.id-1, msg))
		return false
	}
	s.record(m, Applied{Index: e.GetIndex(), Cmd: cmd, Results: slices.Clone(results)})
	for _, res := range results {
		if r, ok := m.waiting[res.ID]; ok {
			delete(m.waiting, res.ID)
			s.answer(r, reply{res: res})
		}
	}
	return true
}

// record notes that m applied a; the first application of each index goes into m's log.
func (s *Sim) record(m *member, a Applied) {
	m.applied = append(m.applied, a)
	if uint64(len(m.log)) < a.Index {
		m.log = append(m.log, a)
		if a.Cmd.Op != 0 {
			s.logf("member %d applies %d: %s %s -> %v", m.id-1, a.Index, a.Cmd.Op, a.Cmd.ID, a.Results)
		}
	}
}

// expire has the leader propose an Expire for every await its state machine reports as
// past its deadline, in id order, again every expireTicks while it is still reported.
func (s *Sim) expire() {
	now := time.Now()
	for _, m := range s.members {
		if m.node == nil || m.node.BasicStatus().RaftState != raft.StateLeader {
			continue
		}
		var ids []cp.InvocationID
		if msg := call(func() { ids = m.sm.Expired(now) }); msg != "" {
			s.fail(fmt.Sprintf("Expired on member %d panicked: %s", m.id-1, msg))
			return
		}
		ids = slices.Clone(ids)
		slices.SortFunc(ids, func(a, b cp.InvocationID) int {
			if a.Session != b.Session {
				return cmpU(a.Session, b.Session)
			}
			return cmpU(a.Seq, b.Seq)
		})
		for _, id := range ids {
			if last, ok := m.expiring[id]; ok && s.tick-last < expireTicks {
				continue
			}
			m.expiring[id] = s.tick
			_ = m.node.Propose(encode(cp.Command{ID: id, Op: cp.Expire}))
		}
	}
}

func (s *Sim) noteLeaders() {
	for i, m := range s.members {
		lead := -1
		if m.node != nil && m.node.BasicStatus().RaftState == raft.StateLeader {
			lead = i
		}
		if lead < 0 {
			continue
		}
		if term := int(m.node.BasicStatus().GetTerm()); s.lastLeads[i] != term {
			s.lastLeads[i] = term
			s.count(func(st *Stats) { st.Leaders++ })
			s.logf("member %d leads in term %d", i, term)
		}
	}
}

// Logs returns, per member, every entry it has applied, by index.
func (s *Sim) Logs() [][]Applied {
	logs := make([][]Applied, len(s.members))
	for i, m := range s.members {
		logs[i] = slices.Clone(m.log)
	}
	return logs
}

// Agree checks that the members applied the same commands with the same results at every
// index that more than one of them applied, including replays after a restart. It returns
// the first disagreement, or "".
func (s *Sim) Agree() string {
	for i, m := range s.members {
		for _, a := range m.applied {
			if a.Index == 0 || a.Index > uint64(len(m.log)) {
				continue
			}
			if b := m.log[a.Index-1]; !sameApplied(a, b) {
				return fmt.Sprintf("member %d applied entry %d twice with different results: %v, then after its restart %v", i, a.Index, b.Results, a.Results)
			}
		}
		for j := i + 1; j < len(s.members); j++ {
			o := s.members[j]
			for k := range min(len(m.log), len(o.log)) {
				if !sameApplied(m.log[k], o.log[k]) {
					return fmt.Sprintf("members %d and %d applied entry %d (%s %s) with different results: %v and %v", i, j, k+1, m.log[k].Cmd.Op, m.log[k].Cmd.ID, m.log[k].Results, o.log[k].Results)
				}
			}
		}
	}
	return ""
}

func sameApplied(a, b Applied) bool {
	return a.Index == b.Index && a.Cmd.ID == b.Cmd.ID && a.Cmd.Op == b.Cmd.Op && slices.Equal(a.Results, b.Results)
}

func encode(cmd cp.Command) []byte {
	b, err := json.Marshal(cmd)
	if err != nil {
		panic("raftsim: " + err.Error())
	}
	return b
}

func decode(b []byte) cp.Command {
	var cmd cp.Command
	if err := json.Unmarshal(b, &cmd); err != nil {
		panic("raftsim: " + err.Error())
	}
	return cmd
}

// call runs f and returns its panic, if any, as text.
func call(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
