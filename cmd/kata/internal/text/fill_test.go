package text

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFill(t *testing.T) {
	assert.Equal(t, "one two\n  three\n", Fill("one  two three", "  ", 8))
	assert.Equal(t, "a-very-long-word\n  b\n", Fill("a-very-long-word b", "  ", 8), "a word longer than the width stays whole")
	assert.Equal(t, "\033[1mbold\033[0m word\n", Fill("\033[1mbold\033[0m word", "", 9), "colour codes take no column")
	assert.Equal(t, "\n", Fill("", "", 8))
}

func TestVisible(t *testing.T) {
	assert.Equal(t, 4, Visible("\033[31mwörd\033[0m"))
}
