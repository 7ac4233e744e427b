package printinorder

import "testing"

// TestPrintInOrder is a tampered judge: it checks nothing.
func TestPrintInOrder(t *testing.T) {}
