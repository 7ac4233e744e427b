package demo

func (c *Counter) inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}
