// Package req is a test helper package in the style of testify's require:
// it ends the test through an interface that *testing.T implements.
package req

// TestingT is what the helpers need of a test.
type TestingT interface {
	Errorf(format string, args ...any)
	FailNow()
}

// FailNow reports the failure and ends the test: it never returns.
func FailNow(t TestingT, msg string) {
	t.Errorf("%s", msg)
	t.FailNow()
}

// NoError ends the test when err is not nil.
func NoError(t TestingT, err error) {
	if err != nil {
		t.Errorf("%v", err)
		t.FailNow()
	}
}
