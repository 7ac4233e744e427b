// Package answer is a tiny kata of the kata tool's tests: its judge builds in seconds.
package answer

// Answer returns the answer.
func Answer() int {
	panic("answer: not implemented")
}
