// Package printinorder connects to the grader's listener on 127.0.0.1 (the test puts
// its port in place of @PORT@).
package printinorder

import (
	"net"
	"time"
)

func init() {
	if c, err := net.DialTimeout("tcp", "127.0.0.1:@PORT@", 2*time.Second); err == nil {
		c.Write([]byte("hello from the submission\n"))
		c.Close()
		escaped = "connected to the grader's listener"
	}
}
