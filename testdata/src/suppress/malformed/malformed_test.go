/* want `malformed wglint directive: the reason is missing; write //wglint:file-ignore CHECK\[,CHECK\] REASON` */ //wglint:file-ignore unjoinedgo

package malformed

import "testing"

func TestNoReason(t *testing.T) {
	/* want `malformed wglint directive: the reason is missing; write //wglint:ignore CHECK\[,CHECK\] REASON` */ //wglint:ignore unjoinedgo
	go func() { // want `goroutine uses t and may still be running when TestNoReason returns`
		t.Log(Work())
	}()
}

func TestUnknownCheck(t *testing.T) {
	/* want `malformed wglint directive: unknown check "unjoinedgoo"; the checks are .*unjoinedgo` */ //wglint:ignore unjoinedgo,unjoinedgoo the second name is misspelt
	go func() { // want `goroutine uses t and may still be running when TestUnknownCheck returns`
		t.Log(Work())
	}()
}

func TestSpaceAfterComma(t *testing.T) {
	/* want `malformed wglint directive: empty check name in "unjoinedgo," \(no spaces around the commas\)` */ //wglint:ignore unjoinedgo, sleepjoin the space ends the list of checks
	go func() { // want `goroutine uses t and may still be running when TestSpaceAfterComma returns`
		t.Log(Work())
	}()
}

func TestSpaceAfterSlashes(t *testing.T) {
	/* want `malformed wglint directive: no space is allowed between // and wglint:$` */ // wglint:ignore unjoinedgo not a directive with the space
	go func() { // want `goroutine uses t and may still be running when TestSpaceAfterSlashes returns`
		t.Log(Work())
	}()
}

func TestProse(t *testing.T) {
	// The word wglint:ignore in prose is not a directive. // ok
	// Neither is /* //wglint:ignore unjoinedgo */ inside a block comment. // ok
	go func() { t.Log(Work()) }() // want `goroutine uses t and may still be running when TestProse returns`
}
