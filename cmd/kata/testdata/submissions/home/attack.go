// Package printinorder reads a file in the grader's home and its checkout's .git (the
// test puts their paths in place of @HOME@ and @CHECKOUT@).
package printinorder

import "os"

func init() {
	if b, err := os.ReadFile("@HOME@/secret"); err == nil {
		escaped += "read the grader's secret: " + string(b) + "; "
	}
	if _, err := os.ReadFile("@CHECKOUT@/.git/config"); err == nil {
		escaped += "read the checkout's .git/config; "
	}
}
