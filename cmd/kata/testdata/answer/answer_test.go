package answer_test

import (
	"testing"

	"github.com/gokata/workbook/katas/answer"
)

func TestAnswer(t *testing.T) {
	t.Run("value", func(t *testing.T) {
		if got := answer.Answer(); got != 42 {
			t.Fatalf("Answer() = %d, want 42", got)
		}
	})
}
