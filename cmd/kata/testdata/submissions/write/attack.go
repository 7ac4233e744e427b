// Package printinorder writes into the grader's checkout and into /tmp, outside the
// grade's temporary folder (the test puts the paths in place of @CHECKOUT@ and
// @TMPFILE@).
package printinorder

import "os"

func init() {
	if os.WriteFile("@CHECKOUT@/pwned.go", []byte("package pwned\n"), 0o644) == nil {
		escaped += "wrote into the checkout; "
	}
	if os.WriteFile("@TMPFILE@", []byte("pwned\n"), 0o644) == nil {
		escaped += "wrote into /tmp; "
	}
}
