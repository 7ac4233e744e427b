package pubsub

import (
	"testing"

	"github.com/gokata/workbook/harness/pubsubtest"
)

// TestPubSub is the judge. Run it with: make kata NAME=pubsub
func TestPubSub(t *testing.T) {
	pubsubtest.Check(t, New, (*Broker).Subscribe, ErrClosed)
}
