// Package h2o is the Building H2O kata: hydrogen and oxygen atoms, each on its own
// goroutine, leave in molecules of two hydrogens and one oxygen.
package h2o

// H2O groups atoms into water molecules. Each call of Hydrogen or Oxygen is one atom,
// made on its own goroutine. An atom waits until it can form a molecule with two
// hydrogens and one oxygen (itself included), then calls its release callback, from
// its own goroutine, once, and returns.
//
// The rules:
//   - Releases come in molecules: the releases, in the order they start, go in groups
//     of three, and each group is exactly two hydrogens and one oxygen.
//   - Molecules go one after another: every release callback of one molecule returns
//     before any release callback of the next starts. (The releases of one molecule may
//     run at the same time.)
//   - An atom never calls its release before the three atoms of its molecule have all
//     arrived (called Hydrogen or Oxygen). Releasing on arrival is wrong.
//   - A molecule forms as soon as its three atoms are waiting and the molecule before it
//     has been released: no atom waits for an atom that is not part of its molecule.
//     Which waiting atoms form it is up to you.
//   - Atoms without partners stay blocked and release nothing.
//
// Waiting blocks the goroutine (a channel, sync.Cond or sync.Mutex): it never spins,
// polls or sleeps. An H2O leaves no goroutine behind once its atoms have returned.
// Separate H2Os are independent.
type H2O struct {
	// Add the fields you need.
}

// New returns an H2O with no atom waiting.
func New() *H2O {
	panic("h2o: not implemented")
}

// Hydrogen is a hydrogen atom: it waits until its molecule forms, then calls
// releaseHydrogen once and returns.
func (h *H2O) Hydrogen(releaseHydrogen func()) {
	panic("h2o: not implemented")
}

// Oxygen is an oxygen atom: it waits until its molecule forms, then calls releaseOxygen
// once and returns.
func (h *H2O) Oxygen(releaseOxygen func()) {
	panic("h2o: not implemented")
}
