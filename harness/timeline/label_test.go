package timeline

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRule(t *testing.T) {
	assert.Equal(t, "lost wakeup", Rule("lost wakeup: #3 Take() kept waiting\n  more"))
	assert.Equal(t, "item added although Put…", Rule("item added although Put returned an error: #3"))
	assert.Equal(t, "deadlock", Rule(New().Attach("deadlock: Take never returned")))
}

func TestCut(t *testing.T) {
	assert.Equal(t, "/pkg/fmt/", Cut("/pkg/fmt/", 24))
	assert.Equal(t, "abcd", Cut("abcd", 4))
	assert.Equal(t, "abc…", Cut("abcde", 4))
	assert.Equal(t, "ééé…", Cut("éééééé", 4), "characters, not bytes")
}

func TestAppend(t *testing.T) {
	assert.Equal(t, "a\n  b"+"\ntimeline-record: {}", Append("a"+"\ntimeline-record: {}", "\n  b"), "the text goes before the record")
	assert.Equal(t, "a\n  b", Append("a", "\n  b"))
}
