// Package malformed holds malformed directives that name unjoinedgo, so
// that unjoinedgo reports them (each exactly once, whatever else runs). A
// malformed directive suppresses nothing. The tests run unjoinedgo on it.
package malformed

func Work() error { return nil }
