package tailservertest

import "testing"

func TestPrinted(t *testing.T) {
	for text, want := range map[string]string{
		"/tmp/x/app.log: hello\n":              "app.log: hello",
		"/tmp/x/app.log: \n":                   `app.log: ""`,
		"\n":                                   `""`,
		"hello\n":                              "hello",
		"/tmp/x/app.log: a long line indeed\n": "app.log: a long lin…",
	} {
		if got := printed(text); got != want {
			t.Errorf("printed(%q) = %q, want %q", text, got, want)
		}
	}
}
